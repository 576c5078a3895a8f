"""Editors approve what translators confirmed; a translator cannot; the record says who and when."""

from __future__ import annotations

import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import REPO
from workbench.core.changes import SegmentChanges
from workbench.core.errors import ProjectDiskFull
from workbench.core.importing.file_import import prepare_import
from workbench.core.memory.project_memory import shared_memory_path
from workbench.core.memory.translation_memory import SharedMemory
from workbench.core.ops import approval
from workbench.core.ops.approval import NotAllowed, approve, approve_reviewed, may_approve
from workbench.core.ops.memory_learning import learn_confirmed
from workbench.core.ops.translation_edits import EditState, edited
from workbench.core.records import Origin, Role, Status
from workbench.core.store.project_store import Project
from workbench.core.store.segment_comments import comment


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
        assert approve(project, "en", "Chị Hoa", "editor").segment_ids == (first,)
        done = project.segment(first).translations["en"]
        assert (done.status, done.origin, done.author) == (Status.APPROVED, Origin.HUMAN, "Chị Hoa")
        assert project.revisions(first, "en")[-1]["note"] == "approved"
        assert project.segment(second).translations["en"].status is Status.DRAFT  # a draft is never approved
        assert project.segment(third).translations["en"].status is Status.UNTRANSLATED


def test_editing_an_approved_text_returns_it_to_translated() -> None:
    approved = EditState("Sentence one.", Status.APPROVED, Origin.HUMAN)
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


def _remembered(shared: SharedMemory, source: str, language: str) -> list[str]:
    """What the shared memory offers as a 100 % match for `source`."""
    return [m.unit.target for m in shared.lookup(source, language) if m.score == 100]


def test_sending_back_writes_the_status_and_the_comment_together_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The comment fails after the status was written: the translation is as it was, not sent back
    without the reason the translator needs."""
    with _project(tmp_path) as project:
        first = project.segment_ids()[0]
        project.save_translation(first, "km", "ប្រយោគមួយ។", Status.TRANSLATED, Origin.HUMAN, "Dara")
        revisions = len(project.revisions(first, "km"))

        def full_disk(*args: object) -> None:
            raise ProjectDiskFull(f"{project.path}: the disk is full")

        monkeypatch.setattr(approval, "write_comment", full_disk)
        with pytest.raises(ProjectDiskFull):
            approval.send_back(project, first, "km", "Sai tên riêng", "Hoa", "editor")
        kept = project.segment(first).translations["km"]
        assert (kept.status, kept.text, kept.author) == (Status.TRANSLATED, "ប្រយោគមួយ។", "Dara")
        assert len(project.revisions(first, "km")) == revisions
        assert comment(project, first, "km") == ""


def test_an_approval_teaches_the_shared_memory_and_a_draft_or_an_empty_segment_never_enters_it(
    tmp_path: Path,
) -> None:
    with _project(tmp_path) as project, closing(SharedMemory(tmp_path / "shared.sqlite")) as shared:
        first, second, third = project.segment_ids()
        project.save_translation(first, "en", "Sentence one.", Status.TRANSLATED, Origin.HUMAN, "Lan")
        project.save_translation(second, "en", "Sentence two?", Status.DRAFT, Origin.MT, "opus-mt-vi-en")
        changes = approve(project, "en", "Hoa", "editor", memory=shared)
        assert changes.segment_ids == (first,) and changes.languages == ("en",) and changes.memory
        assert _remembered(shared, "Câu một.", "en") == ["Sentence one."]
        assert _remembered(shared, "Câu hai.", "en") == []  # a draft was not approved, nor learnt
        # a draft or an untranslated segment handed to the learning directly stays out as well
        assert learn_confirmed(project, SegmentChanges.of([second, third], "en", "km"), shared) == 0
        assert _remembered(shared, "Câu hai.", "en") == [] and _remembered(shared, "Câu ba.", "en") == []


def test_review_approves_unchanged_text_as_it_is_and_a_correction_as_the_editors(tmp_path: Path) -> None:
    with _project(tmp_path) as project, closing(SharedMemory(tmp_path / "shared.sqlite")) as shared:
        first, second, _third = project.segment_ids()
        project.save_translation(first, "km", "ប្រយោគមួយ។", Status.TRANSLATED, Origin.MT, "nllb")
        project.save_translation(second, "km", "ប្រយោគពីរ", Status.TRANSLATED, Origin.MT, "nllb")
        with pytest.raises(NotAllowed):
            approve_reviewed(project, first, "km", "ប្រយោគមួយ។", "Dara", "translator")
        assert approve_reviewed(project, first, "km", "ប្រយោគមួយ។", "Hoa", "editor", shared).segment_ids == (first,)
        as_is = project.segment(first).translations["km"]
        assert (as_is.status, as_is.origin, as_is.author) == (Status.APPROVED, Origin.MT, "Hoa")
        assert project.revisions(first, "km")[-1]["note"] == "approved"
        approve_reviewed(project, second, "km", "ប្រយោគពីរ។", "Hoa", "editor", shared)
        fixed = project.segment(second).translations["km"]
        assert (fixed.text, fixed.status, fixed.origin) == ("ប្រយោគពីរ។", Status.APPROVED, Origin.HUMAN)
        assert project.revisions(second, "km")[-1]["note"] == "edited and approved"
        assert _remembered(shared, "Câu hai.", "km") == ["ប្រយោគពីរ។"]  # the correction, not the old text
        assert may_approve(Role.EDITOR) and may_approve("editor") and not may_approve(Role.TRANSLATOR)


def test_the_cli_approve_teaches_the_users_shared_memory(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        first, second, _third = project.segment_ids()
        project.save_translation(first, "km", "ប្រយោគមួយ។", Status.TRANSLATED, Origin.HUMAN, "Dara")
        project.save_translation(second, "km", "ប្រយោគពីរ", Status.DRAFT, Origin.MT, "nllb")
    done = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "approve", "p.wbp", "--to", "km", "--as", "editor"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "1 segment approved in km" in done.stdout
    with closing(SharedMemory(shared_memory_path())) as shared:  # WORKBENCH_DATA_DIR: this test's folder
        assert _remembered(shared, "Câu một.", "km") == ["ប្រយោគមួយ។"]
        assert _remembered(shared, "Câu hai.", "km") == []
