"""The concordance's blind search reads đ as d in one phrase query however many d's it has, says when a
place stopped at its scan limit, and a project or memory file lacking its indexes gets them on opening.

The scan limit (20,000 candidates a place) is lowered here so a few dozen units reach it: the same code
path as a memory of a hundred thousand (more than one read of 256 rows), in a fraction of a second.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

import workbench.core.memory.concordance as concordance_module
from workbench.core.errors import WorkbenchError
from workbench.core.importing.file_import import prepare_import
from workbench.core.memory.concordance import SHARED_MEMORY, concordance, search_concordance
from workbench.core.memory.concordance_index import MEMORY_INDEXES, SEGMENT_INDEXES
from workbench.core.memory.project_memory import Memories
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory
from workbench.core.store.project_store import Project

D_WORDS = ["được", "đã", "đó", "đến", "đi"]
#: five words whose tone sits on a final oa, oe, uy: 2^5 spellings, past the 16 asked for as phrases
TONE_WORDS = ["hòa", "thỏa", "khỏe", "thủy", "xòe"]


def _shuffled(words: list[str], count: int) -> list[MemoryUnit]:
    """Newer units with all the words, never next to each other in order (a "và" between each)."""
    chooser = random.Random(17)
    units = []
    for n in range(count):
        order = words[:]
        chooser.shuffle(order)
        units.append(MemoryUnit(f"Câu {n}: " + " và ".join(order) + ".", f"Sentence {n}.", "en"))
    return units


@pytest.fixture
def project(tmp_path: Path):  # type: ignore[no-untyped-def]
    doc = tmp_path / "bai.txt"
    doc.write_text("Đi đến đó đã được nửa đường.\n", encoding="utf-8")
    opened = Project.create(tmp_path / "p.wbp", "p", "vi", ["en"])
    opened.store_document(prepare_import(doc))
    yield opened
    opened.close()


def test_a_blind_query_of_many_ds_finds_an_old_unit_behind_many_newer_ones(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(concordance_module, "SCAN_LIMIT", 40)
    shared = SharedMemory(tmp_path / "shared.sqlite")
    shared.add([MemoryUnit("Họ đi đến đó đã được rồi.", "They got there.", "en")], "2025-01-01T00:00:00+00:00")
    shared.add(_shuffled(D_WORDS, 300), "2026-01-01T00:00:00+00:00")
    memories = Memories(project, shared)
    for query in ("di den do da duoc", "DI ĐẾN ĐÓ ĐÃ ĐƯỢC", "đi den đo da đuoc"):
        result = search_concordance(memories, query, diacritic_blind=True)
        assert [(h.where, h.source) for h in result.hits] == [
            ("bai.txt #1", "Đi đến đó đã được nửa đường."),
            (SHARED_MEMORY, "Họ đi đến đó đã được rồi."),
        ], query
        assert [result.hits[1].source[a:b] for a, b in result.hits[1].spans] == ["đi đến đó đã được"]
        assert not result.scan_limit_reached  # a phrase: only the two sources that have it were read
    # d and đ stay apart when diacritics count
    assert concordance(memories, "di den do da duoc") == []
    shared.close()


def test_a_place_that_stops_at_its_scan_limit_says_older_hits_were_not_searched(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(concordance_module, "SCAN_LIMIT", 40)
    shared = SharedMemory(tmp_path / "shared.sqlite")
    phrase = " ".join(TONE_WORDS)
    shared.add([MemoryUnit(f"Họ nói {phrase} rồi.", "Old.", "en")], "2025-01-01T00:00:00+00:00")
    shared.add(_shuffled(TONE_WORDS, 300), "2026-01-01T00:00:00+00:00")
    memories = Memories(project, shared)
    result = search_concordance(memories, phrase)  # every word in any order: 301 candidates, 40 read
    assert result.scan_limit_reached
    assert search_concordance(memories, phrase, limit=1).scan_limit_reached  # no hit among the 40 read
    small = search_concordance(memories, "đi đến")
    assert [h.where for h in small.hits] == ["bai.txt #1"] and not small.scan_limit_reached
    monkeypatch.setattr(concordance_module, "SCAN_LIMIT", 301)  # every candidate read: nothing left unsearched
    every = search_concordance(memories, phrase)
    assert [h.source for h in every.hits] == [f"Họ nói {phrase} rồi."] and not every.scan_limit_reached
    shared.close()


def _drop_indexes(path: Path, indexes: tuple[str, ...], old_blind: dict[str, str] | None = None) -> None:
    """The file as an earlier build left it: no concordance indexes, or blind ones that kept đ as đ."""
    with sqlite3.connect(path) as db:
        for index in indexes:
            db.execute(f"DROP TABLE {index}")
            for trigger in ("insert", "delete", "update"):
                db.execute(f"DROP TRIGGER {index}_{trigger}")
        for view in ("tm_units_as_d", "segments_as_d"):
            db.execute(f"DROP VIEW IF EXISTS {view}")
        for table, index in (old_blind or {}).items():
            db.execute(
                f"CREATE VIRTUAL TABLE {index} USING fts5(source, content='{table}', content_rowid='id',"
                " tokenize=\"unicode61 remove_diacritics 2 categories 'L* N* M*'\", columnsize=0)"
            )
            db.execute(
                f"CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN"
                f" INSERT INTO {index}(rowid, source) VALUES (new.id, new.source); END"
            )
            db.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")
    db.close()


def test_a_project_of_this_format_without_its_indexes_gets_them_when_opened_for_writing(
    project: Project, tmp_path: Path
) -> None:
    path = project.path
    project.close()
    _drop_indexes(path, (*MEMORY_INDEXES, *SEGMENT_INDEXES))
    with Project.open(path, read_only=True) as read_only, pytest.raises(WorkbenchError, match="open it for writing"):
        concordance(Memories(read_only), "đi đến")
    Project.open(path).close()  # what the message asks for
    with Project.open(path, read_only=True) as reopened:
        hits = concordance(Memories(reopened), "di den do", diacritic_blind=True)
        assert [h.where for h in hits] == ["bai.txt #1"]
        assert [h.where for h in concordance(Memories(reopened), "đi đến")] == ["bai.txt #1"]


def test_blind_indexes_that_kept_đ_are_made_again_in_a_project_and_a_shared_memory(
    project: Project, tmp_path: Path
) -> None:
    path = project.path
    project.close()
    _drop_indexes(path, (SEGMENT_INDEXES[1],), {"segments": "segments_blind"})
    memory_path = tmp_path / "shared.sqlite"
    shared = SharedMemory(memory_path)
    shared.add([MemoryUnit("Đường đi đến chợ.", "The way to market.", "en")], "2026-01-01T00:00:00+00:00")
    shared.close()
    _drop_indexes(memory_path, (MEMORY_INDEXES[1],), {"tm_units": "tm_units_blind"})
    with Project.open(path) as reopened:
        memories = Memories(reopened, SharedMemory(memory_path))
        assert {h.where for h in concordance(memories, "di den", diacritic_blind=True)} == {"bai.txt #1", SHARED_MEMORY}
        # the old index's triggers went with it: a new unit is written and found
        assert memories.shared is not None
        memories.shared.add([MemoryUnit("Đi đến nơi.", "Arrived.", "en")], "2026-02-01T00:00:00+00:00")
        assert [h.source for h in concordance(memories, "di den noi", diacritic_blind=True)] == ["Đi đến nơi."]
        for db in (reopened.connection, memories.shared.db):
            names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            assert not names & {"segments_blind", "tm_units_blind", "segments_blind_insert", "tm_units_blind_insert"}
        memories.close()
