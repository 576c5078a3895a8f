"""The one way the UI runs work off the GUI thread: checks, exports, import reading, model tasks.

A task is a plain function of a `TaskState` (as Orange3's `run(data, state)`): it reports progress and
partial results through the state and asks it whether it should stop. The function runs in the thread
pool and never touches a widget: the state posts each report to the runner, a QObject living on the
GUI thread, whose slot re-emits it as a public signal (novelWriter's dispatcher). Every task has an id;
the reports of a task that was cancelled, dropped or superseded are dropped in the GUI thread, so a
late result never lands on a screen that has moved on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal

from workbench.core.errors import WorkbenchError
from workbench.core.progress import Cancelled
from workbench.core.store.project_store import Project

log = logging.getLogger(__name__)
R = TypeVar("R")
P = TypeVar("P")

_PROGRESS, _PARTIAL, _FINISHED, _FAILED, _CANCELLED = range(5)


class TaskCancelled(Exception):
    """Raised by `TaskState.check_cancelled` so a task stops where it stands (a core function given the
    state as its `Progress` raises the core's `Cancelled` instead: the task ends cancelled too)."""


@dataclass(slots=True)
class TaskState:
    """What a running task may do: report progress, hand over partial results, ask whether to stop."""

    task_id: int
    _post: Callable[[int, int, object], None]
    _cancelled: threading.Event = field(default_factory=threading.Event)

    def report(self, done: int, total: int, message: str = "") -> None:
        self._post(self.task_id, _PROGRESS, (done, total, message))

    def partial(self, result: object) -> None:
        """Something the task has already (a batch, a line of output): delivered before the end."""
        self._post(self.task_id, _PARTIAL, result)

    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check_cancelled(self) -> None:
        if self._cancelled.is_set():
            raise TaskCancelled


class TaskRunner(QObject, Generic[P]):
    """Starts tasks in the thread pool and reports them on the GUI thread; `P` is what a task is for."""

    progressed = Signal(int, int, int, str)  # task id, done, total, message
    partial = Signal(int, object)  # task id, a partial result
    finished = Signal(int, object)  # task id, what the task returned
    failed = Signal(int, str)  # task id, what went wrong
    cancelled = Signal(int)  # task id
    _posted = Signal(int, int, object)  # from a worker: task id, kind, payload

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        """`pool`: a pool of the caller's own (made before the runner, so it outlives it), for work that must
        not queue behind long tasks in the shared one; else the application's."""
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._next = 0
        self._running: dict[int, TaskState] = {}
        self._purposes: dict[int, P] = {}
        self._posted.connect(self._deliver)  # queued: the runner lives in the GUI thread

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def start(self, work: Callable[[TaskState], object], purpose: P) -> int:
        """Run `work(state)` in the pool; its outcome arrives as `finished`, `failed` or `cancelled`."""
        self._next += 1
        state = TaskState(self._next, self._posted.emit)
        self._running[state.task_id] = state
        self._purposes[state.task_id] = purpose
        self._pool.start(lambda: _run(work, state))
        return state.task_id

    def purpose(self, task_id: int) -> P | None:
        """What a running task (or one whose end is being delivered) was started for."""
        return self._purposes.get(task_id)

    def tasks(self) -> dict[int, P]:
        """The running tasks and their purposes."""
        return dict(self._purposes)

    def cancel(self, task_id: int | None = None) -> None:
        """Ask a task (or every task) to stop; it ends with `cancelled`, what it handed over is kept."""
        for state in self._running.values():
            if task_id is None or state.task_id == task_id:
                state._cancelled.set()

    def drop(self, task_id: int) -> None:
        """Forget a task: nothing it reports from now on is delivered (it is asked to stop too)."""
        state = self._running.pop(task_id, None)
        self._purposes.pop(task_id, None)
        if state is not None:
            state._cancelled.set()

    def shutdown(self, wait_ms: int = 30000) -> None:
        """Stop every task and wait for the workers (what they posted is still delivered after)."""
        self.cancel()
        self._pool.waitForDone(wait_ms)

    def _deliver(self, task_id: int, kind: int, payload: object) -> None:
        if task_id not in self._running:
            return  # dropped or already ended: a stale report
        if kind == _PROGRESS:
            assert isinstance(payload, tuple)
            self.progressed.emit(task_id, *payload)
        elif kind == _PARTIAL:
            self.partial.emit(task_id, payload)
        else:
            del self._running[task_id]  # ended: `purpose` still answers while the end is delivered
            try:
                if kind == _FINISHED:
                    self.finished.emit(task_id, payload)
                elif kind == _FAILED:
                    self.failed.emit(task_id, str(payload))
                else:
                    self.cancelled.emit(task_id)
            finally:
                self._purposes.pop(task_id, None)


def _run(work: Callable[[TaskState], object], state: TaskState) -> None:
    """In a worker: run the task and post how it ended; never raise."""
    post = state._post
    try:
        result = work(state)
    except (TaskCancelled, Cancelled):
        post(state.task_id, _CANCELLED, None)
    except WorkbenchError as exc:
        post(state.task_id, _FAILED, str(exc))
    except Exception as exc:  # a worker reports, never dies silently
        log.exception("background task failed")
        post(state.task_id, _FAILED, f"{type(exc).__name__}: {exc}")
    else:
        post(state.task_id, _FINISHED, result)


def on_read_only_copy(path: Path, work: Callable[[Project], R]) -> Callable[[TaskState], R]:
    """A task that reads the project on a read-only connection of its own (the window's stays in its thread)."""
    return watched_on_read_only_copy(path, lambda project, _state: work(project))


def watched_on_read_only_copy(path: Path, work: Callable[[Project, TaskState], R]) -> Callable[[TaskState], R]:
    """The same for work that reports progress and hears a cancel through the state.

    It runs in-process, in a thread of a process that runs Qt threads: work that wants worker processes
    must not fork them (the quality checks start theirs with `parallel_run.window_start_method`)."""

    def task(state: TaskState) -> R:
        with Project.open(path, read_only=True) as project:
            return work(project, state)

    return task
