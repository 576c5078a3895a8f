"""A segment is '#n' in its document everywhere: labels, and every way a person types one back."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import ProjectError
from workbench.core.importing.file_import import prepare_import
from workbench.core.store.project_store import Project
from workbench.core.store.segment_numbers import labels_for, resolve_segment, resolve_segments, segment_label


def _two_documents(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"])
    first = tmp_path / "le-hoi.txt"
    first.write_text("Câu một.\n\nCâu hai.\n\nCâu ba.\n", encoding="utf-8")
    second = tmp_path / "du lich.txt"
    second.write_text("Đoạn A.\n\nĐoạn B.\n", encoding="utf-8")
    project.store_document(prepare_import(first))
    project.store_document(prepare_import(second))
    return project


def test_a_label_is_the_document_and_the_place_in_it() -> None:
    assert segment_label("le-hoi.docx", 7) == "le-hoi.docx #8"


def test_labels_number_each_document_from_one(tmp_path: Path) -> None:
    with _two_documents(tmp_path) as project:
        ids = project.segment_ids()
        assert list(labels_for(project, ids).values()) == [
            "le-hoi.txt #1",
            "le-hoi.txt #2",
            "le-hoi.txt #3",
            "du lich.txt #1",
            "du lich.txt #2",
        ]


def test_every_spelling_of_a_label_finds_the_segment(tmp_path: Path) -> None:
    with _two_documents(tmp_path) as project:
        ids = project.segment_ids()
        assert resolve_segment(project, "le-hoi.txt#2") == ids[1]
        assert resolve_segment(project, "le-hoi.txt #2") == ids[1]
        assert resolve_segment(project, " du lich.txt # 2 ") == ids[4]
        assert resolve_segment(project, "#2", document="du lich.txt") == ids[4]
        assert resolve_segment(project, "2", document="du lich.txt") == ids[4]
        assert resolve_segment(project, str(ids[3])) == ids[3]  # a bare number without a document is an id
        assert resolve_segments(project, ["le-hoi.txt #1", str(ids[0]), "du lich.txt #1"]) == [ids[0], ids[3]]


def test_a_label_that_names_nothing_says_what_exists(tmp_path: Path) -> None:
    with _two_documents(tmp_path) as project:
        with pytest.raises(ProjectError, match=r"le-hoi.txt has segments #1 to #3"):
            resolve_segment(project, "le-hoi.txt #4")
        with pytest.raises(ProjectError, match=r"le-hoi.txt has segments #1 to #3"):
            resolve_segment(project, "le-hoi.txt #0")
        with pytest.raises(ProjectError, match=r"has no document 'nope.docx'"):
            resolve_segment(project, "nope.docx #1")
        with pytest.raises(ProjectError, match=r"say which document"):
            resolve_segment(project, "#1")
        with pytest.raises(ProjectError, match=r"there is no segment '999'"):
            resolve_segment(project, "999")
        with pytest.raises(ProjectError, match=r"'le-hoi.txt #two' names no segment"):
            resolve_segment(project, "le-hoi.txt #two")


def test_one_document_needs_no_name(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Một.\n\nHai.\n", encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en"]) as project:
        project.store_document(prepare_import(source))
        assert resolve_segment(project, "#2") == project.segment_ids()[1]


def test_numbers_follow_a_reimport_and_a_removed_segment_has_none(tmp_path: Path) -> None:
    with _two_documents(tmp_path) as project:
        old_first, old_second, old_third = project.segment_ids(project.document_id("le-hoi.txt"))
        source = tmp_path / "le-hoi.txt"
        source.write_text("Câu một.\n\nCâu ba.\n", encoding="utf-8")
        project.store_document(prepare_import(source))
        assert labels_for(project, [old_first, old_second, old_third]) == {
            old_first: "le-hoi.txt #1",
            old_third: "le-hoi.txt #2",
        }
        assert resolve_segment(project, "le-hoi.txt #2") == old_third
        with pytest.raises(ProjectError, match="removed"):
            resolve_segment(project, str(old_second))


def test_a_number_too_large_for_any_segment_is_refused_naming_what_was_typed(tmp_path: Path) -> None:
    with _two_documents(tmp_path) as project:
        for ref in ("le-hoi.txt #99999999999999999999", "9" * 5000, "#" + "9" * 30):
            with pytest.raises(ProjectError, match="names no segment"):
                resolve_segment(project, ref, "le-hoi.txt")
