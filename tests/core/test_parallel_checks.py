"""The checks of a large project in worker processes: forked for the CLI, started clean for the window.

Whichever way the workers start, a person sees the same findings in the same order as from one process;
a cancel ends every worker; a worker that dies or a damaged file ends in an error naming the file."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import threading
from pathlib import Path

import pytest

from workbench.core.errors import WorkbenchError
from workbench.core.importing.file_import import prepare_import
from workbench.core.memory.glossary import Term, add_term
from workbench.core.progress import Cancelled
from workbench.core.qa import project_run
from workbench.core.qa.live_context import QaContext
from workbench.core.qa.parallel_run import check_in_workers, stretches, window_start_method
from workbench.core.qa.project_run import check_project, ignore_problem
from workbench.core.qa.row_checks import reading_order
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project

METHODS = [m for m in ("fork", "forkserver", "spawn") if m in multiprocessing.get_all_start_methods()]


def _project(folder: Path, documents: int = 2, lines: int = 40) -> Path:
    """Documents whose translations carry findings of many kinds, among them the same source translated
    two ways across documents (found only by looking at the whole project) and one finding judged fine."""
    path = folder / "p.wbp"
    with Project.create(path, "p", "vi", ["en", "km"]) as project:
        for d in range(documents):
            source = folder / f"doc{d}.txt"
            text = [f"Kế hoạch số {n}/KH-UBND của Ủy ban nhân dân tỉnh ({n + 500} hộ)." for n in range(1, lines + 1)]
            source.write_text("\n\n".join(["Chợ nổi Long Xuyên họp từ sáng sớm.", *text]) + "\n", encoding="utf-8")
            project.store_document(prepare_import(source))
        add_term(project, Term("Ủy ban nhân dân tỉnh", {"en": "Provincial People's Committee"}))
        for number, segment_id in enumerate(project.segment_ids(), start=1):
            text = (
                f"Plan {number}/KH-UBND ({number + 500 + number % 3} households)" if number % 2 else f"Plan {number}."
            )
            if number % (lines + 1) == 1:  # the first line of each document, translated differently in each
                text = f"The floating market opens early, version {number}."
            project.save_translation(segment_id, "en", text, Status.TRANSLATED, Origin.HUMAN, "a")
        first = project.segment_ids()[3]
        ignore_problem(project, first, "en", "number-missing", "the number is written out", "a")
    return path


def _workers_alive() -> list[multiprocessing.process.BaseProcess]:
    return [p for p in multiprocessing.active_children() if p.name == "workbench-checks"]


@pytest.mark.parametrize("method", METHODS)
def test_workers_report_the_same_findings_in_the_same_order_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    with Project.open(_project(tmp_path)) as project:
        serial = check_project(project, parallel=False)
        one_document = check_project(project, document_id=2, parallel=False)
        monkeypatch.setattr(project_run, "PARALLEL_FROM", 1)
        monkeypatch.setattr(project_run, "SPAWN_FROM", 1)
        parallel = check_project(project, method=method)
        parallel_document = check_project(project, document_id=2, method=method)
    assert parallel == serial and parallel_document == one_document  # the same list, not only the same set
    found = {p.check_id for p in serial}
    assert found >= {"code-missing", "number-missing", "term-not-used", "untranslated", "inconsistent-translation"}
    assert len(one_document) < len(serial)
    assert not _workers_alive()


def test_the_window_never_forks() -> None:
    assert window_start_method() in ("forkserver", "spawn")


class _CancelOnceStarted:
    """A person pressing Cancel as soon as the checks are under way."""

    def __init__(self) -> None:
        self.asked = 0

    def report(self, done: int, total: int, message: str = "") -> None:
        pass

    def is_cancelled(self) -> bool:
        self.asked += 1
        return True


@pytest.mark.parametrize("method", METHODS)
def test_cancel_ends_every_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    monkeypatch.setattr(project_run, "PARALLEL_FROM", 1)
    monkeypatch.setattr(project_run, "SPAWN_FROM", 1)
    cancel = _CancelOnceStarted()
    with Project.open(_project(tmp_path)) as project, pytest.raises(Cancelled):
        check_project(project, method=method, progress=cancel)
    assert cancel.asked == 1 and not _workers_alive()


def test_a_worker_that_dies_ends_in_an_error_naming_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(project_run, "SPAWN_FROM", 1)
    path = _project(tmp_path, documents=4, lines=200)
    killed: list[int] = []
    done = threading.Event()

    def kill_the_first_worker() -> None:  # a spawned worker needs a good part of a second to import the checks
        while not killed and not done.wait(0.002):
            for worker in _workers_alive():
                if worker.pid is not None:
                    os.kill(worker.pid, signal.SIGKILL)
                    killed.append(worker.pid)
                    break

    killer = threading.Thread(target=kill_the_first_worker, daemon=True)
    killer.start()
    with Project.open(path) as project, pytest.raises(WorkbenchError) as raised:
        check_project(project, method="spawn")
    done.set()
    killer.join(5)
    assert killed and str(path) in str(raised.value) and "worker process ended" in str(raised.value)
    assert not _workers_alive()


@pytest.mark.parametrize("damage", ["text renamed", "cut short"])
def test_a_damaged_project_file_ends_in_an_error_naming_it(tmp_path: Path, damage: str) -> None:
    path = _project(tmp_path, documents=4, lines=200)
    with Project.open(path) as project:
        order = reading_order(project.connection, None)
        context = QaContext.load(project)
    damaged = tmp_path / "damaged.wbp"
    if damage == "text renamed":
        damaged.write_text("Kế hoạch số 720/KH-UBND\n" * 100, encoding="utf-8")
    else:
        shutil.copyfile(path, damaged)
        with open(damaged, "r+b") as handle:
            handle.truncate(damaged.stat().st_size // 3)
    with pytest.raises(WorkbenchError) as raised:
        check_in_workers(damaged, ["en"], context, None, stretches(order, 2), METHODS[-1])
    assert str(damaged) in str(raised.value)
    assert not _workers_alive()
