"""A split or join a person chose to keep is how the project's next imports segment that place."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import ProjectError
from workbench.core.importing.file_import import import_files
from workbench.core.importing.segmentation_exceptions import (
    add_exception,
    exception_at,
    exceptions,
    project_segmenter,
)
from workbench.core.ops.segment_structure import join_segments, split_segment
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project

TEXT = "Ông Ba đi chợ Đ. Sáu sớm. Chợ rất đông người.\n\nMột đoạn khác.\n"


def _project(tmp_path: Path) -> tuple[Project, Path]:
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en"])
    path = tmp_path / "cho.txt"
    path.write_text(TEXT, encoding="utf-8")
    import_files(project, [path])
    return project, path


def _sources(project: Project) -> list[str]:
    return [s.source for s in project.segments()]


def test_without_exceptions_a_reimport_undoes_a_split(tmp_path: Path) -> None:
    """What the exception is for: the merge matches by text, so a split the rules do not make is lost."""
    project, path = _project(tmp_path)
    with project:
        first = project.segment_ids()[0]
        split_segment(project, first, project.segment(first).source.index("Đ."), "minh")
        import_files(project, [path])
        assert len(_sources(project)) == 3


def test_an_always_break_exception_keeps_a_split_and_its_translations_through_a_reimport(tmp_path: Path) -> None:
    project, path = _project(tmp_path)
    with project:
        first = project.segment_ids()[0]
        source = project.segment(first).source
        at = source.index("Đ.")
        split = split_segment(project, first, at, "minh")
        assert add_exception(project, exception_at(source[:at], source[at:], breaks=True))
        project.save_translation(first, "en", "Mr Ba goes to market", Status.TRANSLATED, Origin.HUMAN, "minh")
        project.save_translation(split.new_segment_id, "en", "early.", Status.TRANSLATED, Origin.HUMAN, "minh")
        import_files(project, [path])
        assert _sources(project)[:2] == ["Ông Ba đi chợ", "Đ. Sáu sớm."]
        assert project.segment_ids()[:2] == [first, split.new_segment_id]
        assert project.segment(split.new_segment_id).translations["en"].status is Status.TRANSLATED


def test_a_never_break_exception_keeps_a_join_through_a_reimport(tmp_path: Path) -> None:
    project, path = _project(tmp_path)
    with project:
        first, second = project.segment_ids()[:2]
        one, two = project.segment(first).source, project.segment(second).source
        join_segments(project, first, "minh")
        assert add_exception(project, exception_at(one, two, breaks=False))
        assert not add_exception(project, exception_at(one, two, breaks=False))  # kept once
        import_files(project, [path])
        assert _sources(project)[0] == f"{one} {two}"
        assert project.segment_ids()[0] == first


def test_exceptions_are_kept_in_the_project_file(tmp_path: Path) -> None:
    project, _path = _project(tmp_path)
    with project:
        add_exception(project, exception_at("Ông Ba đi chợ", "Đ. Sáu", breaks=True))
        add_exception(project, exception_at("Ông Ba đi chợ", "Đ. Sáu", breaks=False))  # the other way replaces it
    with Project.open(tmp_path / "p.wbp") as again:
        assert [e.describe() for e in exceptions(again)] == ["never break between 'chợ' and 'Đ.'"]


def test_an_exception_needs_words_on_both_sides() -> None:
    with pytest.raises(ProjectError, match="a word on each side"):
        exception_at("   ", "Đ. Sáu", breaks=True)


def test_an_exception_holds_for_whole_words_only(tmp_path: Path) -> None:
    """ "Always break between 'Bắc' and 'Nam'" breaks before the word Nam, not before "Namxyz" (nor after
    "xBắc"): the words are whole on both sides."""
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en"])
    with project:
        add_exception(project, exception_at("miền Bắc", "Nam bộ", breaks=True))
        segmenter = project_segmenter(project)
        assert segmenter is not None
        assert [p.text for p in segmenter.split("Từ miền Bắc Nam bộ.")] == ["Từ miền Bắc", "Nam bộ."]
        assert [p.text for p in segmenter.split("Từ miền Bắc Namxyz bộ.")] == ["Từ miền Bắc Namxyz bộ."]
        assert [p.text for p in segmenter.split("Từ miền xBắc Nam bộ.")] == ["Từ miền xBắc Nam bộ."]
