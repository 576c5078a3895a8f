"""Killed mid-typing: reopening shows the unconfirmed text and offers to keep it; a second window is refused."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from workbench.context import AppContext
from workbench.core.errors import ProjectLocked
from workbench.core.importing.file_import import import_files
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project
from workbench.ui.project_window import ProjectWindow


def test_text_typed_before_a_kill_is_offered_back(qtbot, tmp_path: Path, short_text: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.wbp"
    with Project.create(path, "p", "vi", ["en", "km"]) as project:
        import_files(project, [short_text])
    session = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.typing_session", str(path), "Mount Cam is famo"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert session.stdout is not None
        assert session.stdout.readline().strip() == "kept", session.stderr.read() if session.stderr else ""
        with pytest.raises(ProjectLocked):  # the session holds the project
            Project.open(path)
    finally:
        session.send_signal(signal.SIGKILL)
        session.wait()

    window = ProjectWindow(Project.open(path), AppContext.load())
    qtbot.addWidget(window)
    window.show()
    assert window.recovery.isVisible()
    assert window.recovery.label.text().startswith("An unconfirmed edit from your last session was kept")
    window.recovery.keep_button.click()
    kept = window.project.segment(window.model.segment_id(0)).translations["en"]
    assert (kept.text, kept.status, kept.origin) == ("Mount Cam is famo", Status.DRAFT, Origin.HUMAN)
    assert not window.recovery.isVisible()
    window.close()


def test_discarding_the_recovered_text_leaves_the_segment_as_it_was(qtbot, tmp_path: Path, short_text: Path) -> None:  # type: ignore[no-untyped-def]
    from workbench.core.ops.unconfirmed_edits import save_unconfirmed, unconfirmed_edits

    path = tmp_path / "p.wbp"
    with Project.create(path, "p", "vi", ["en", "km"]) as project:
        import_files(project, [short_text])
        first = project.segment_ids()[0]
        project.save_translation(first, "en", "Cam Mountain is famous.", Status.TRANSLATED, Origin.HUMAN, "an")
        save_unconfirmed(project, first, "en", "lost text", "an")
    window = ProjectWindow(Project.open(path), AppContext.load())
    qtbot.addWidget(window)
    window.show()
    assert window.recovery.isVisible()
    window.recovery.discard_button.click()
    assert unconfirmed_edits(window.project) == []
    assert not window.recovery.isVisible()
    kept = window.project.segment(first).translations["en"]
    assert (kept.text, kept.status, kept.origin) == ("Cam Mountain is famous.", Status.TRANSLATED, Origin.HUMAN)
    window.close()
