"""Pre-translation jobs run as tasks of the window's task runner and still look the same to the window:
every signal arrives in the GUI thread, a job ends once, and a failure says what the user read before
(a worker's unexpected error with its type, a segment's with its message alone)."""

from __future__ import annotations

from PySide6.QtCore import QThread, QThreadPool
from PySide6.QtWidgets import QApplication

from workbench.core.errors import WorkbenchError
from workbench.core.progress import Cancelled
from workbench.core.settings import Settings
from workbench.ui.tasks import TaskRunner, TaskState

JOB_TIMEOUT_MS = 120_000


def test_a_task_stopped_by_the_cores_cancelled_ends_cancelled(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner: TaskRunner[None] = TaskRunner()
    failed: list[str] = []
    runner.failed.connect(lambda _t, message: failed.append(message))

    def work(state: TaskState) -> None:
        while not state.is_cancelled():
            QThread.msleep(5)
        raise Cancelled("stopped after 1 of 3 files")  # what a core function given the state raises

    task = runner.start(work, None)
    with qtbot.waitSignal(runner.cancelled, timeout=5000) as ended:
        runner.cancel(task)
    assert ended.args == [task] and not failed


def test_a_jobs_signals_reach_the_gui_thread_in_order_and_it_ends_once(
    qtbot, open_window, tiny_models: Settings
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=tiny_models)
    gui = QApplication.instance().thread()  # type: ignore[union-attr]
    seen: list[tuple[str, bool]] = []

    def record(name: str):  # type: ignore[no-untyped-def]
        return lambda *_args: seen.append((name, QThread.currentThread() is gui))

    for name in ("model_loading", "drafts_ready", "progressed", "saved", "job_ended"):
        getattr(window.mt, name).connect(record(name))
    with qtbot.waitSignal(window.mt.job_ended, timeout=JOB_TIMEOUT_MS) as ended:
        job = window.mt.start(["en", "km"], None)
    assert ended.args == [job.id, "done", ""]
    assert QThreadPool.globalInstance().waitForDone(5000)
    QApplication.processEvents()  # nothing is delivered after the end
    assert all(in_gui for _name, in_gui in seen)
    names = [name for name, _in_gui in seen]
    assert names.count("model_loading") == 2 and names.index("model_loading") < names.index("drafts_ready")
    assert names.count("job_ended") == 1 and names[-1] == "job_ended"
    # each batch is saved as it arrives (and planning said what memory and the cache drafted)
    assert names.count("saved") == names.count("drafts_ready") + (2 if window.mt.memories is not None else 0)
    assert not window.mt.busy and window.mt.jobs == {}
    window.close()


def test_a_job_whose_model_cannot_load_fails_with_the_error_and_its_type(
    qtbot, open_window, tiny_models: Settings, shown_errors: list[str], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=tiny_models)

    def broken(_name: str) -> object:
        raise RuntimeError("model.bin is truncated")

    monkeypatch.setattr(window.mt.engines, "for_model", broken)
    with qtbot.waitSignal(window.mt.job_ended, timeout=JOB_TIMEOUT_MS) as ended:
        window.start_pretranslation(None, None)
    assert ended.args[1:] == ["failed", "RuntimeError: model.bin is truncated"]
    assert shown_errors == ["Pre-translation stopped: RuntimeError: model.bin is truncated"]
    assert not window.mt.busy and not window.cancel_button.isVisible()
    window.close()


def test_a_segment_that_cannot_be_translated_now_says_why_and_can_be_asked_again(
    qtbot, open_window, tiny_models: Settings, shown_errors: list[str], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=tiny_models)
    segment = window.project.segment(window.model.ids[0])
    failures = iter([RuntimeError("out of memory"), WorkbenchError("no model for vi->km")])

    def broken(_name: str) -> object:
        raise next(failures)

    monkeypatch.setattr(window.mt.engines, "for_model", broken)
    for message in ("out of memory", "no model for vi->km"):
        with qtbot.waitSignal(window.mt.segment_failed, timeout=JOB_TIMEOUT_MS) as failed:
            assert window.mt.translate_now(segment, "km")  # accepted again: the failure was forgotten
        assert failed.args == [segment.id, "km", message]
    assert shown_errors == [
        "Machine translation failed: out of memory",
        "Machine translation failed: no model for vi->km",
    ]
    window.close()
