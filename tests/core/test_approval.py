"""Editors approve what translators confirmed; a translator cannot; the record says who and when."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from workbench.core.importing.file_import import prepare_import
from workbench.core.ops.approval import NotAllowed, approve
from workbench.core.ops.translation_edits import TranslationState, edited
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project


def _project(tmp_path: Path) -> Project:
    source = tmp_path / "a.txt"
    source.write_text("Câu một.\n\nCâu hai.\n\nCâu ba.\n", encoding="utf-8")
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"])
    project.store_document(prepare_import(source))
    return project


def test_only_confirmed_text_is_approved_by_an_editor_and_the_revision_names_them(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        first, second, third = project.segment_ids()
        project.save_translation(first, "en", "Sentence one.", Status.TRANSLATED, Origin.HUMAN, "Lan")
        project.save_translation(second, "en", "Sentence two?", Status.DRAFT, Origin.MT, "opus-mt-vi-en")
        with pytest.raises(NotAllowed, match="only an editor"):
            approve(project, "en", "Lan", "translator")
        assert approve(project, "en", "Chị Hoa", "editor") == [first]
        done = project.segment(first).translations["en"]
        assert (done.status, done.origin, done.author) == (Status.APPROVED, Origin.HUMAN, "Chị Hoa")
        assert project.revisions(first, "en")[-1]["note"] == "approved"
        assert project.segment(second).translations["en"].status is Status.DRAFT  # a draft is never approved
        assert project.segment(third).translations["en"].status is Status.UNTRANSLATED


def test_editing_an_approved_text_returns_it_to_translated() -> None:
    approved = TranslationState("Sentence one.", Status.APPROVED, Origin.HUMAN)
    assert edited(approved, "Sentence 1.", confirmed=True).status is Status.TRANSLATED


def test_the_cli_respects_the_role(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        project.save_translation(project.segment_ids()[0], "km", "ប្រយោគមួយ។", Status.TRANSLATED, Origin.HUMAN, "Dara")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(REPO / "main.py"), *args], cwd=tmp_path, capture_output=True, text=True
        )

    refused = run("approve", "p.wbp", "--to", "km")  # the settings say translator
    assert refused.returncode == 2 and "only an editor" in refused.stderr
    seen = run("approve", "p.wbp", "--to", "km", "--dry-run")  # seeing them first needs no role
    assert seen.returncode == 0 and "ប្រយោគមួយ។" in seen.stdout and "1 translated segment would be" in seen.stdout
    with Project.open(tmp_path / "p.wbp", read_only=True) as project:
        first = project.segment_ids()[0]
        assert project.segment(first).translations["km"].status is Status.TRANSLATED
    sent = run("send-back", "p.wbp", str(first), "--to", "km", "--comment", "x")
    assert sent.returncode == 2 and "only an editor" in sent.stderr
    done = run("approve", "p.wbp", "--to", "km", "--as", "editor")
    assert done.returncode == 0 and "1 segment approved in km" in done.stdout
    with Project.open(tmp_path / "p.wbp", read_only=True) as project:
        assert project.segment(project.segment_ids()[0]).translations["km"].status is Status.APPROVED


def test_an_editor_sends_back_with_a_comment_or_corrects_and_approves(tmp_path: Path) -> None:
    from workbench.core.errors import WorkbenchError
    from workbench.core.ops.approval import approve_edited, send_back
    from workbench.core.store.segment_comments import comment

    with _project(tmp_path) as project:
        first, second, _third = project.segment_ids()
        project.save_translation(first, "km", "ប្រយោគមួយ។", Status.TRANSLATED, Origin.HUMAN, "Dara")
        project.save_translation(second, "km", "ប្រយោគពីរ", Status.TRANSLATED, Origin.MT, "nllb")
        with pytest.raises(NotAllowed):
            send_back(project, first, "km", "Sai tên riêng", "Dara", "translator")
        with pytest.raises(WorkbenchError, match="say what needs work"):
            send_back(project, first, "km", "  ", "Hoa", "editor")
        send_back(project, first, "km", "Sai tên riêng", "Hoa", "editor")
        back = project.segment(first).translations["km"]
        assert (back.status, back.text) == (Status.NEEDS_WORK, "ប្រយោគមួយ។")
        assert comment(project, first, "km") == "Sai tên riêng"
        assert project.revisions(first, "km")[-1]["note"] == "Sai tên riêng"
        approve_edited(project, second, "km", "ប្រយោគពីរ។", "Hoa", "editor")
        fixed = project.segment(second).translations["km"]
        assert (fixed.text, fixed.status, fixed.author, fixed.origin) == (
            "ប្រយោគពីរ។", Status.APPROVED, "Hoa", Origin.HUMAN,
        )  # fmt: skip
        assert project.revisions(second, "km")[-1]["note"] == "edited and approved"
