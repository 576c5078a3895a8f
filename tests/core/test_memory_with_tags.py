"""The memory sees words, not formatting: a unit learnt from a tagged segment matches the same words
plain or with other tags at full score for the words, and a 100 % match whose tags differ shows as 99 %
(the translator still places the tags); the match offered keeps its tags."""

from __future__ import annotations

from pathlib import Path

from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.memory.project_memory import Memories, prefill_from_memory
from workbench.core.memory.suggestions import memory_suggestions
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory
from workbench.core.records import PreparedDocument, PreparedSegment, Status
from workbench.core.store.project_store import Project
from workbench.core.tags.inline_tags import TagInfo, tags_to_json

TAGGED = "Theo <b1>Quyết định số 12/QĐ-UBND</b1>, lễ hội<br2/> diễn ra."
TAGS = {1: TagInfo(1, "b", True, formats={"bold": True}), 2: TagInfo(2, "br", False, kind="break")}


def _project(tmp_path: Path, source: str, tags: dict[int, TagInfo]) -> Project:
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en"])
    meta = {"tags": tags_to_json(tags)} if tags else {}
    segment = PreparedSegment(paragraph=0, source=source, meta=meta)
    project.store_document(PreparedDocument("tin.docx", "docx", "utf-8", "", [], [segment]))
    return project


def test_markers_never_change_the_matching_key() -> None:
    assert normalize_for_matching(TAGGED) == normalize_for_matching("Theo Quyết định số 12/QĐ-UBND, lễ hội diễn ra.")


def test_the_same_words_with_other_tags_are_a_99_percent_match_that_keeps_its_tags(tmp_path: Path) -> None:
    shared = SharedMemory(tmp_path / "shared.sqlite")
    shared.add(
        [MemoryUnit(TAGGED, "Under <b1>Decision 12/QĐ-UBND</b1>, the festival<br2/> takes place.", "en")], "2026-01-02"
    )
    with _project(tmp_path, "Theo Quyết định số 12/QĐ-UBND, lễ hội diễn ra.", {}) as project:
        (offered,) = memory_suggestions(Memories(project, shared), project.segment(project.segment_ids()[0]), "en")
        assert offered.score == 99
        assert "<b1>Decision 12/QĐ-UBND</b1>" in offered.text


def test_the_same_words_and_the_same_tags_are_a_100_percent_match(tmp_path: Path) -> None:
    shared = SharedMemory(tmp_path / "shared.sqlite")
    shared.add(
        [MemoryUnit(TAGGED, "Under <b1>Decision 12/QĐ-UBND</b1>, the festival<br2/> takes place.", "en")], "2026-01-02"
    )
    with _project(tmp_path, TAGGED, TAGS) as project:
        segment = project.segment(project.segment_ids()[0])
        assert segment.tags == TAGS
        (offered,) = memory_suggestions(Memories(project, shared), segment, "en")
        assert offered.score == 100


def test_pretranslation_from_memory_drafts_a_match_whose_tags_differ_at_99_percent(tmp_path: Path) -> None:
    shared = SharedMemory(tmp_path / "shared.sqlite")
    shared.add(
        [MemoryUnit("Theo Quyết định số 12/QĐ-UBND, lễ hội diễn ra.", "Under Decision 12, it happens.", "en")], ""
    )
    with _project(tmp_path, TAGGED, TAGS) as project:
        (segment_id,) = project.segment_ids()
        assert prefill_from_memory(project, Memories(project, shared), "en") == [segment_id]
        draft = project.segment(segment_id).translations["en"]
        assert (draft.text, draft.status, draft.score) == ("Under Decision 12, it happens.", Status.DRAFT, 99)


def test_pretranslation_from_memory_keeps_100_percent_when_the_tags_are_the_same(tmp_path: Path) -> None:
    shared = SharedMemory(tmp_path / "shared.sqlite")
    shared.add([MemoryUnit(TAGGED, "Under <b1>Decision 12</b1>,<br2/> it happens.", "en")], "")
    with _project(tmp_path, TAGGED, TAGS) as project:
        (segment_id,) = project.segment_ids()
        prefill_from_memory(project, Memories(project, shared), "en")
        assert project.segment(segment_id).translations["en"].score == 100
