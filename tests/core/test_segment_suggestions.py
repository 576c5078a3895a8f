"""What the side panel lists for one segment comes from plain core functions: memory matches, glossary
terms and live checks, each callable without a window."""

from __future__ import annotations

from pathlib import Path

from workbench.core.importing.file_import import prepare_import
from workbench.core.memory.glossary import Term, TermFinder
from workbench.core.memory.project_memory import Memories
from workbench.core.memory.suggestions import glossary_suggestions, memory_suggestions
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory
from workbench.core.qa.live_context import QaContext
from workbench.core.qa.segment_checks import live_findings
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project

MARKET = "Chợ nổi Long Xuyên họp từ sáng sớm."


def _project(tmp_path: Path) -> Project:
    source = tmp_path / "a.txt"
    source.write_text(f"{MARKET}\n\nHòa Bình có hồ lớn.\n", encoding="utf-8")
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"])
    project.store_document(prepare_import(source))
    return project


def test_a_shared_memory_match_is_offered_with_its_score_and_where_it_came_from(tmp_path: Path) -> None:
    shared = SharedMemory(tmp_path / "shared.sqlite")
    shared.add([MemoryUnit(MARKET, "The Long Xuyen floating market opens at dawn.", "en")], "2026-01-02")
    with _project(tmp_path) as project:
        segment = project.segment(project.segment_ids()[0])
        (offered,) = memory_suggestions(Memories(project, shared), segment, "en")
        assert (offered.text, offered.kind, offered.score) == (
            "The Long Xuyen floating market opens at dawn.",
            "tm",
            100,
        )
        assert offered.origin == "shared memory, 2026-01-02"
        assert memory_suggestions(Memories(project, shared), segment, "km") == []  # no Khmer in the memory
    shared.close()


def test_only_glossary_terms_of_the_source_with_a_translation_in_the_language_are_offered(tmp_path: Path) -> None:
    finder = TermFinder([Term("chợ nổi", {"en": "floating market"}), Term("hồ", {"en": "lake", "km": "បឹង"})])
    with _project(tmp_path) as project:
        market, lake = (project.segment(i) for i in project.segment_ids())
        assert [(s.detail, s.text) for s in glossary_suggestions(finder, market, "en")] == [
            ("chợ nổi", "floating market")
        ]
        assert glossary_suggestions(finder, market, "km") == []  # the term has no Khmer
        assert [s.text for s in glossary_suggestions(finder, lake, "km")] == ["បឹង"]


def test_the_live_checks_leave_out_untranslated_and_name_each_finding(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        first, second = project.segment_ids()
        project.save_translation(first, "en", "The market opens early", Status.TRANSLATED, Origin.HUMAN, "a")
        context = QaContext.load(project)
        found = live_findings(project.segment(first), "en", context)
        assert any(line.endswith("[end-punctuation]") for line in found)
        assert live_findings(project.segment(second), "en", context) == []  # untranslated: not listed
