"""The one task runner: results, progress and partial results reach the GUI thread with the task's
purpose; a cancelled task says so and keeps what it handed over; a dropped task's late result never
lands; a failure is reported, not raised."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread, QThreadPool
from PySide6.QtWidgets import QApplication

from workbench.core.errors import WorkbenchError
from workbench.ui.tasks import TaskRunner, TaskState


def test_progress_and_partial_results_arrive_in_the_gui_thread_before_the_result(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner: TaskRunner[str] = TaskRunner()
    seen: list[object] = []
    gui = QApplication.instance().thread()  # type: ignore[union-attr]
    runner.progressed.connect(lambda _t, done, total, _m: seen.append(("progress", done, total)))
    runner.partial.connect(lambda _t, part: seen.append(("partial", part)))
    runner.finished.connect(
        lambda task, result: seen.append(("finished", result, runner.purpose(task), QThread.currentThread() is gui))
    )

    def work(state: TaskState) -> int:
        assert QThread.currentThread() is not gui  # the work itself runs in the pool
        state.report(1, 2)
        state.partial("first batch")
        return 42

    with qtbot.waitSignal(runner.finished, timeout=5000):
        task = runner.start(work, "for the report")
    assert seen == [("progress", 1, 2), ("partial", "first batch"), ("finished", 42, "for the report", True)]
    assert not runner.busy and runner.purpose(task) is None


def test_a_cancelled_task_ends_cancelled_and_keeps_what_it_handed_over(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner: TaskRunner[None] = TaskRunner()
    started, parts, finished = threading.Event(), [], []
    runner.partial.connect(lambda _t, part: parts.append(part))
    runner.finished.connect(lambda *_: finished.append(True))

    def work(state: TaskState) -> None:
        state.partial(1)
        started.set()
        while True:
            state.check_cancelled()
            QThread.msleep(5)

    task = runner.start(work, None)
    assert started.wait(5)
    with qtbot.waitSignal(runner.cancelled, timeout=5000) as ended:
        runner.cancel(task)
    assert ended.args == [task] and parts == [1] and not finished


def test_a_dropped_task_never_delivers_its_late_result(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner: TaskRunner[str] = TaskRunner()
    release = threading.Event()
    results: list[object] = []
    runner.finished.connect(lambda _t, result: results.append(result))
    stale = runner.start(lambda _state: release.wait(5) and "stale", "old encoding")
    runner.drop(stale)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start(lambda _state: "fresh", "new encoding")
    release.set()
    assert QThreadPool.globalInstance().waitForDone(5000)  # the stale task has ended and posted its result
    QApplication.processEvents()  # ... which is delivered now, and must be dropped
    assert results == ["fresh"]


def test_a_failing_task_is_reported_with_its_message(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner: TaskRunner[None] = TaskRunner()

    def work(_state: TaskState) -> None:
        raise WorkbenchError("the file is locked")

    with qtbot.waitSignal(runner.failed, timeout=5000) as failed:
        runner.start(work, None)
    assert failed.args[1] == "the file is locked" and not runner.busy
