"""The concordance after imports that index many rows at once: a new document, a re-import with changed,
added and removed segments, a split, and a TMX written in decomposed Unicode."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

import pytest

from workbench.core.errors import WorkbenchError
from workbench.core.importing.file_import import prepare_import
from workbench.core.memory.concordance import SHARED_MEMORY, concordance
from workbench.core.memory.concordance_index import SEGMENT_INDEXES
from workbench.core.memory.project_memory import Memories
from workbench.core.memory.tmx import read_tmx
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory
from workbench.core.ops.segment_structure import split_segment
from workbench.core.store.project_store import Project

FIRST = [f"Câu số {n} nói về mùa nước nổi." for n in range(40)]


def _store(project: Project, folder: Path, lines: list[str]) -> None:
    doc = folder / "nuoc-noi.txt"
    doc.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    project.store_document(prepare_import(doc))


def _consistent(db: sqlite3.Connection) -> bool:
    """FTS5's own check that each index holds exactly the words of the rows of its table (else it raises)."""
    for index in SEGMENT_INDEXES:
        db.execute(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")
    return True


@pytest.fixture
def memories(tmp_path: Path):  # type: ignore[no-untyped-def]
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en"])
    opened = Memories(project, SharedMemory(tmp_path / "shared.sqlite"))
    yield opened
    opened.close()
    project.close()


def _hit_sources(memories: Memories, query: str, blind: bool = False) -> list[str]:
    return sorted(h.source for h in concordance(memories, query, diacritic_blind=blind, limit=500))


def test_a_new_document_has_every_segment_in_both_indexes(memories: Memories, tmp_path: Path) -> None:
    _store(memories.project, tmp_path, FIRST)
    assert _hit_sources(memories, "nước nổi") == sorted(FIRST)
    assert _hit_sources(memories, "nuoc noi", blind=True) == sorted(FIRST)
    db = memories.project._db  # reading the project file's own tables, as the concordance does
    assert _consistent(db)
    # nothing is left paused: a segment written one at a time afterwards is indexed by its trigger
    assert db.execute("SELECT count(*) FROM concordance_paused").fetchone()[0] == 0


def test_a_reimport_with_changed_added_and_removed_segments_is_found_exactly(
    memories: Memories, tmp_path: Path
) -> None:
    project = memories.project
    _store(project, tmp_path, FIRST)
    second = [line.replace("mùa nước nổi", "lễ hội đua ghe") if n % 3 == 0 else line for n, line in enumerate(FIRST)]
    second = [*second[:30], "Một câu mới về nước nổi.", *second[30:35]]  # five removed, one added
    _store(project, tmp_path, second)
    assert _hit_sources(memories, "nước nổi") == sorted(s for s in second if "nước nổi" in s)
    assert _hit_sources(memories, "đua ghe") == sorted(s for s in second if "đua ghe" in s)
    assert _hit_sources(memories, "dua ghe", blind=True) == sorted(s for s in second if "đua ghe" in s)
    live = {s.id: s.source for s in project.segments()}
    assert sorted(live.values()) == sorted(second)
    # every row is in the indexes (removed ones stay, kept for undo and history, and are never shown)
    assert _consistent(project._db)
    # a third import, the file as first imported: the old texts come back as new rows, found once each
    _store(project, tmp_path, FIRST)
    assert _hit_sources(memories, "nước nổi") == sorted(FIRST)
    assert _hit_sources(memories, "đua ghe") == []


def test_a_failed_store_leaves_the_index_as_it_was(memories: Memories, tmp_path: Path) -> None:
    project = memories.project
    _store(project, tmp_path, FIRST[:5])
    doc = tmp_path / "other.txt"
    doc.write_text("Lễ hội Óc Om Bóc.\n", encoding="utf-8")
    prepared = prepare_import(doc)
    prepared.segments[0].meta = {"bad": object()}  # json cannot write it: the store fails after inserting
    with pytest.raises(TypeError):
        project.store_document(prepared)
    assert _hit_sources(memories, "óc om bóc") == []
    assert project._db.execute("SELECT count(*) FROM concordance_paused").fetchone()[0] == 0
    _store(project, tmp_path, FIRST[:6])
    assert _hit_sources(memories, "nước nổi") == sorted(FIRST[:6])


def test_a_split_segment_after_a_bulk_import_is_found_in_its_two_halves(memories: Memories, tmp_path: Path) -> None:
    project = memories.project
    _store(project, tmp_path, FIRST[:3])
    first = project.segment_ids()[0]  # "Câu số 0 nói về mùa nước nổi."
    split_segment(project, first, len("Câu số 0 "), "lan")
    assert "nói về mùa nước nổi." in _hit_sources(memories, "nước nổi")
    assert _hit_sources(memories, "câu số 0") == ["Câu số 0"]


def test_a_decomposed_tmx_source_is_found_by_the_search_that_tells_diacritics_apart(
    memories: Memories, tmp_path: Path
) -> None:
    source = unicodedata.normalize("NFD", "Mùa nước nổi về sớm.")
    target = unicodedata.normalize("NFD", "The flood season comes early.")
    tmx = tmp_path / "peer.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="vi" datatype="plaintext"'
        ' segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>'
        f'<tu><tuv xml:lang="vi"><seg>{source}</seg></tuv><tuv xml:lang="en"><seg>{target}</seg></tuv></tu>'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    shared = memories.shared
    assert shared is not None
    shared.add(read_tmx(tmx), "2026-01-01T00:00:00+00:00")
    hits = concordance(memories, "nước nổi")
    assert [(h.where, h.source) for h in hits] == [(SHARED_MEMORY, "Mùa nước nổi về sớm.")]
    assert [h.source for h in concordance(memories, "nuoc noi", diacritic_blind=True)] == ["Mùa nước nổi về sớm."]
    assert hits[0].spans and [hits[0].source[a:b] for a, b in hits[0].spans] == ["nước nổi"]
    # the same unit in composed form is not a second unit; the fuzzy/exact lookup finds it either way
    assert shared.add([MemoryUnit("Mùa nước nổi về sớm.", target, "en")], "2026-01-02T00:00:00+00:00") == 0
    assert [m.score for m in shared.lookup(source, "en")] == [100]


def test_a_unit_added_after_an_error_in_a_bulk_add_is_indexed(memories: Memories) -> None:
    shared = memories.shared
    assert shared is not None

    def failing():  # type: ignore[no-untyped-def]
        yield MemoryUnit(unicodedata.normalize("NFD", "Mùa nước nổi về."), "The flood season comes.", "en")
        raise WorkbenchError("the TMX file is damaged at line 3")

    with pytest.raises(WorkbenchError):
        shared.add(failing(), "2026-02-01T00:00:00+00:00")
    assert concordance(memories, "nước nổi") == []
