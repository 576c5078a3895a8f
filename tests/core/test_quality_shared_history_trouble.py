"""The automatic refit where drafts are saved (the window's GUI thread among them) never fails or keeps
retrying because of the office's shared quality history: a damaged, locked or unreachable file is logged once,
the model is fitted on the project's own drafts, and the confirmations count as seen so the next saved batch
does not read every example again."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from tests.core.test_quality_estimate import _confirm, _history, _units
from workbench.core.errors import WorkbenchError
from workbench.core.quality.estimate import score_segments
from workbench.core.quality.fitting import fit_quality, model_for, stored_model
from workbench.core.quality.history import shared_history_path
from workbench.core.store.project_store import Project


def _seen(project: Project) -> str | None:
    row = project.connection.execute("SELECT value FROM project WHERE key = 'quality_seen:en'").fetchone()
    return None if row is None else str(row[0])


def _confirmed_history(project: Project, tmp_path: Path, count: int = 40) -> None:
    units = _units(project, tmp_path, count + 1)  # one draft left waiting, for score_segments to estimate
    _history(project, units)
    _confirm(project, units[:count])


def test_a_damaged_shared_history_is_logged_once_and_later_batches_do_not_retry(
    project: Project, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _confirmed_history(project, tmp_path)
    history = shared_history_path()
    history.parent.mkdir(parents=True, exist_ok=True)
    history.write_bytes(b"not a database at all" * 100)
    with caplog.at_level(logging.WARNING):
        for _batch in range(3):  # three saved batches of drafts
            assert score_segments(project, "en") == 1
    model = stored_model(project, "en")
    assert not model.is_default and (model.project_examples, model.shared_examples) == (40, 0)
    assert _seen(project) == "40"
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "quality-history.sqlite" in warnings[0]
    assert history.read_bytes() == b"not a database at all" * 100  # left as it was
    with pytest.raises(WorkbenchError, match="move the file away"):  # a request still says what is wrong
        fit_quality(project, "en", history)


def test_a_shared_history_another_workbench_holds_is_not_waited_for(
    project: Project, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _confirmed_history(project, tmp_path)
    history = tmp_path / "share" / "quality-history.sqlite"
    history.parent.mkdir()
    holder = sqlite3.connect(history, isolation_level=None)
    holder.execute("CREATE TABLE held (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with caplog.at_level(logging.WARNING):
            model = model_for(project, "en", history)
    finally:
        holder.rollback()
        holder.close()
    assert not model.is_default and model.shared_examples == 0 and _seen(project) == "40"
    assert any("in use by another workbench" in r.getMessage() for r in caplog.records)


def test_an_unreachable_share_does_not_stop_the_drafts(project: Project, tmp_path: Path) -> None:
    _confirmed_history(project, tmp_path)
    (tmp_path / "not-a-folder").write_text("a file where the share's folder should be", encoding="utf-8")
    model = model_for(project, "en", tmp_path / "not-a-folder" / "quality-history.sqlite")
    assert not model.is_default and _seen(project) == "40"
    with pytest.raises(WorkbenchError, match="cannot be reached"):
        fit_quality(project, "en", tmp_path / "not-a-folder" / "quality-history.sqlite")
