"""The memory's fuzzy index: a unit with one word changed is found, and files of the old index still work.

The old index (tables tm_grams and tm_gram_docs, a third of each unit's word pairs chosen by hash) is
written here with its own SQL and gram choice, as the workbench wrote it before the block index.
"""

from __future__ import annotations

import sqlite3
import zlib
from contextlib import closing
from itertools import pairwise
from pathlib import Path

import regex

from workbench.core.importing.file_import import prepare_import
from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.memory.project_memory import Memories, rebuild_project_memory
from workbench.core.memory.translation_memory import CANDIDATES, MemoryUnit, SharedMemory, TmMatch, lookup
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project

OLD_MEMORY_SCHEMA = """
CREATE TABLE IF NOT EXISTS tm_units (
    id INTEGER PRIMARY KEY,
    source_language TEXT NOT NULL,
    target_language TEXT NOT NULL,
    source TEXT NOT NULL,
    source_key TEXT NOT NULL,
    target TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (source_key, target_language, target)
);
CREATE INDEX IF NOT EXISTS tm_units_key ON tm_units(source_key, target_language);
CREATE TABLE IF NOT EXISTS tm_grams (
    gram INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES tm_units(id) ON DELETE CASCADE,
    PRIMARY KEY (gram, unit_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tm_gram_docs (gram INTEGER PRIMARY KEY, docs INTEGER NOT NULL);
"""

# A unit of ten words whose old index holds three pairs, two of them beside the eighth word; changing
# that word leaves one indexed pair, "thị tỉnh", which more units than a lookup scores share with the
# changed sentence together with "mới lãnh": the old lookup ranked those first and never scored the unit.
UNIT = "Thị tỉnh văn tra dục công phòng cán lãnh kiểm."
CHANGED = "Thị tỉnh văn tra dục công phòng mới lãnh kiểm."
OTHERS = [
    f"Thị tỉnh mới lãnh, mục {n} điều {n + 1} khoản {n + 2} chương {n + 3}."
    for n in range(0, (CANDIDATES + 100) * 10, 10)
]
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")


def _old_grams(key: str) -> list[int]:
    words = _WORD.findall(key)
    pairs = [f"{a} {b}" for a, b in pairwise(words)] or words
    hashed = list(dict.fromkeys(zlib.crc32(p.encode()) for p in pairs))
    chosen = [h for h in hashed if h % 3 == 0]
    return chosen if len(chosen) >= 3 else hashed


def _write_old_units(db: sqlite3.Connection, sources: list[str], language: str = "en") -> None:
    """Units as the old add_unit wrote them: the unit, then its third of the pairs and their counts."""
    for source in sources:
        key = normalize_for_matching(source)
        cursor = db.execute(
            """INSERT INTO tm_units(source_language, target_language, source, source_key, target, created_at)
               VALUES ('vi', ?, ?, ?, ?, '2025-06-01')""",
            (language, source, key, f"EN: {source}"),
        )
        grams = _old_grams(key)
        db.executemany("INSERT INTO tm_grams(gram, unit_id) VALUES (?, ?)", [(g, cursor.lastrowid) for g in grams])
        db.executemany(
            "INSERT INTO tm_gram_docs(gram, docs) VALUES (?, 1) ON CONFLICT(gram) DO UPDATE SET docs = docs + 1",
            [(g,) for g in grams],
        )


def _old_shared_memory(path: Path, sources: list[str]) -> None:
    with closing(sqlite3.connect(path)) as db:
        db.executescript(OLD_MEMORY_SCHEMA)
        _write_old_units(db, sources)
        db.commit()


def _found(matches: list[TmMatch], source: str) -> bool:
    return any(m.unit.source == source for m in matches)


def test_a_unit_with_one_word_changed_is_found_where_the_old_index_missed_it(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    _old_shared_memory(old, [*OTHERS, UNIT])
    with closing(sqlite3.connect(old)) as db:  # the old file read as it is: the old lookup misses it
        db.row_factory = sqlite3.Row
        assert not _found(lookup(db, CHANGED, "en", "shared"), UNIT)
    with closing(SharedMemory(old)) as upgraded:  # opening it re-indexes it
        (best, *_rest) = upgraded.lookup(CHANGED, "en")
        assert best.unit.source == UNIT and best.score >= 90
    with closing(SharedMemory(tmp_path / "new.sqlite")) as fresh:
        fresh.add([MemoryUnit(s, f"EN: {s}", "en") for s in [*OTHERS, UNIT]], "2026-01-01")
        assert fresh.lookup(CHANGED, "en")[0].unit.source == UNIT


def test_a_shared_memory_of_the_old_index_opens_finds_its_units_and_learns_more(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    _old_shared_memory(path, ["Chợ nổi Long Xuyên họp từ sáng sớm.", "Hòa Bình có hồ lớn và nhiều đồi chè."])
    with closing(SharedMemory(path)) as memory:
        assert [m.score for m in memory.lookup("Chợ nổi Long Xuyên họp từ sáng sớm.", "en")] == [100]
        (fuzzy,) = memory.lookup("Chợ nổi Long Xuyên họp từ sáng sớm nay.", "en")
        assert fuzzy.unit.target == "EN: Chợ nổi Long Xuyên họp từ sáng sớm." and 75 <= fuzzy.score < 100
        assert memory.add([MemoryUnit("Cần Thơ có bến Ninh Kiều rất đẹp.", "Can Tho has Ninh Kieu wharf.", "en")], "x")
        assert memory.lookup("Cần Thơ có bến Ninh Kiều đẹp.", "en")[0].unit.target == "Can Tho has Ninh Kieu wharf."
    with closing(sqlite3.connect(path)) as db:  # the old tables and the doubled index are gone
        names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert {"tm_grams", "tm_gram_docs", "tm_units_key"}.isdisjoint(names) and "tm_pairs" in names
    with closing(SharedMemory(path)) as again:  # opening it a second time changes nothing
        assert len(again.lookup("Hòa Bình có hồ lớn và nhiều đồi chè.", "en")) == 1


def test_a_project_with_the_old_memory_index_keeps_finding_and_learning_until_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "p.wbp"
    with Project.create(path, "p", "vi", ["en"]) as project:  # made as the old workbench made its memory
        db = project.connection
        for table in ("tm_pairs", "tm_pair_docs"):
            db.execute(f"DROP TABLE {table}")
        db.executescript(OLD_MEMORY_SCHEMA)
        db.execute("BEGIN")
        _write_old_units(db, ["Chợ nổi Long Xuyên họp từ sáng sớm.", *OTHERS, UNIT])
        db.execute("COMMIT")
    source = tmp_path / "a.txt"
    source.write_text("Hòa Bình có hồ lớn và nhiều đồi chè.\n", encoding="utf-8")
    with Project.open(path) as project:
        memories = Memories(project)
        assert memories.lookup("Chợ nổi Long Xuyên họp từ sáng sớm nay.", "en")[0].score >= 75
        project.store_document(prepare_import(source))
        (segment,) = project.segment_ids()
        project.save_translation(segment, "en", "Hoa Binh has a big lake.", Status.TRANSLATED, Origin.HUMAN, "Lan")
        assert memories.lookup("Hòa Bình có hồ lớn và đồi chè.", "en")[0].unit.target == "Hoa Binh has a big lake."
        assert not _found(memories.lookup(CHANGED, "en"), UNIT)  # the old index's miss, until rebuilt
        rebuild_project_memory(project)
        assert memories.lookup(CHANGED, "en")[0].unit.source == UNIT
        assert memories.lookup("Hòa Bình có hồ lớn và đồi chè.", "en")[0].unit.target == "Hoa Binh has a big lake."


def test_an_import_larger_than_one_indexing_batch_counts_and_finds_every_unit(tmp_path: Path) -> None:
    places = ["Long Xuyên", "Châu Đốc", "Tân Châu", "Tịnh Biên", "Tri Tôn", "Chợ Mới", "Phú Tân", "An Phú"]
    sources = [
        f"Năm {2000 + n % 30} {places[n % 8]} có chợ {n} mở cửa từ sáng sớm ngày {n % 28 + 1}." for n in range(4200)
    ]
    with closing(SharedMemory(tmp_path / "shared.sqlite")) as memory:
        assert memory.add([MemoryUnit(s, f"EN {n}", "en") for n, s in enumerate(sources)], "2026-01-01") == 4200
        assert memory.add([MemoryUnit(sources[7], "EN 7", "en")], "2026-01-02") == 0  # known already
        for n in (0, 4095, 4096, 4199):  # either side of where the shared memory indexes a batch
            changed = sources[n].replace("mở cửa", "đóng cửa")
            assert memory.lookup(changed, "en")[0].unit.target == f"EN {n}"
