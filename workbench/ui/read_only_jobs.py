"""Work that only reads the project, off the GUI thread: bulk quality checks, exports.

Each job opens the project read-only on a connection of its own (the window's connection stays in the
GUI thread) and runs in-process: forking a process that runs Qt threads is not safe, so the checks
inside a job run with `parallel=False`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal

from workbench.core.store.project_store import Project

log = logging.getLogger(__name__)


class ReadOnlyJobs(QObject):
    finished = Signal(int, object)  # request id, what the work returned
    failed = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._next = 0

    def start(self, path: Path, work: Callable[[Project], object]) -> int:
        self._next += 1
        request = self._next
        QThreadPool.globalInstance().start(lambda: self._run(request, path, work))
        return request

    def _run(self, request: int, path: Path, work: Callable[[Project], object]) -> None:
        try:
            with Project.open(path, read_only=True) as project:
                result = work(project)
        except Exception as exc:  # reported to the window, never raised in a worker
            log.exception("background work on %s failed", path)
            self.failed.emit(request, str(exc))
            return
        self.finished.emit(request, result)
