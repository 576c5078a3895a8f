"""A translator's session that ends the ordinary way: run by test_clean_exit.py as its own process.

`window PROJECT`: the program's own start (`workbench.app.main`, the start page), the project opened,
an edit confirmed, the project checked in the background, a long task's worth of progress reports, a
long session's worth of scrolling, then the project window closed and the start page closed, so the
program quits and the interpreter shuts down as it does for a user.

`headless PROJECT`: no window: the MT service on the project and a task runner that reports progress
as a long pre-translation does, on a QCoreApplication, then shut down and exit.

A session's calls into Qt are counted in tens of thousands: a PySide6 that drops a reference per call
(6.12.0 on Python 3.11) makes such a process abort at exit, which is what the test looks for.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from workbench.ui.tasks import TaskRunner, TaskState

#: calls of a long session: scroll steps (void calls) and progress reports (signal emits)
SCROLL_CALLS = 30_000
REPORTS = 3_000
EDIT = "Mount Cam is a famous sight."


def _wait(done: Callable[[], bool], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the background work did not end")
        QCoreApplication.processEvents()
        time.sleep(0.005)


def _long_task(runner: TaskRunner[Any]) -> None:
    """A task that reports as often as a long pre-translation does, waited for to its end."""
    ended: list[int] = []
    runner.finished.connect(lambda task_id, _result: ended.append(task_id))

    def work(state: TaskState) -> str:
        for done in range(REPORTS):
            state.report(done, REPORTS, "drafting")
        return "done"

    task_id = runner.start(work, None)
    _wait(lambda: task_id in ended)


def _drive_window(app: QApplication, path: Path) -> None:
    from workbench.ui.actions.quality_checks import FilterRun
    from workbench.ui.start_window import StartWindow

    start = next(w for w in app.topLevelWidgets() if isinstance(w, StartWindow))
    start.open_project(path)
    window = start.project_window
    assert window is not None
    first = window.model.segment_id(0)
    assert window.editing.set_text(first, "en", EDIT, confirmed=True)
    window.qa.run_checks(None, FilterRun())
    _wait(lambda: not window.qa.checks.busy)
    _long_task(TaskRunner(window))
    bar = window.grid.verticalScrollBar()
    for step in range(SCROLL_CALLS):
        bar.setValue(step % (bar.maximum() + 1))
    QCoreApplication.processEvents()
    window.close()
    print("project closed", flush=True)
    start.close()  # the last window: the program quits


def run_window(path: Path) -> int:
    from workbench.app import main

    app = QApplication([])  # the one the window's start takes up (QApplication.instance())
    QTimer.singleShot(0, lambda: _drive_window(app, path))
    return main([])


def run_headless(path: Path) -> int:
    from workbench.context import AppContext
    from workbench.core.store.project_store import Project
    from workbench.ui.mt_jobs import MtService

    app = QCoreApplication([])
    context = AppContext.load()
    with Project.open(path) as project:
        memories = context.open_memories(project)
        service = MtService(project, context.settings, context.engines, None, memories)
        _long_task(service.tasks)  # the runner the service's jobs run on
        service.shutdown()
        memories.close()
    print("service shut down", flush=True)
    del app
    return 0


if __name__ == "__main__":
    mode, project_path = sys.argv[1], Path(sys.argv[2])
    raise SystemExit(run_window(project_path) if mode == "window" else run_headless(project_path))
