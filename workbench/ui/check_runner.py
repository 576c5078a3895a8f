"""Bulk quality checks from the window, off the GUI thread.

The worker opens the project read-only on a connection of its own (the window's connection stays in
the GUI thread) and checks in-process: forking a process that runs Qt threads is not safe.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal

from workbench.core.project_store import Project
from workbench.core.quality_checks import Problem, check_project

log = logging.getLogger(__name__)


class CheckRunner(QObject):
    finished = Signal(int, object)  # request id, list[Problem]
    failed = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._next = 0

    def start(self, path: Path, languages: Sequence[str], document_id: int | None) -> int:
        self._next += 1
        request = self._next
        QThreadPool.globalInstance().start(lambda: self._run(request, path, list(languages), document_id))
        return request

    def _run(self, request: int, path: Path, languages: list[str], document_id: int | None) -> None:
        try:
            with Project.open(path, read_only=True) as project:
                problems: list[Problem] = check_project(project, languages, document_id, parallel=False)
        except Exception as exc:  # reported to the window, never raised in a worker
            log.exception("quality checks failed")
            self.failed.emit(request, str(exc))
            return
        self.finished.emit(request, problems)
