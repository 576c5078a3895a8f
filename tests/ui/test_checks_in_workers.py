"""The window's quality checks on a large project run in worker processes, never forked from the window.

A worker starts clean (no PySide6 in it), its findings are the ones one process finds, in the same
order; Cancel and closing the window end the workers. Linux only where /proc shows the processes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from workbench.core.qa import project_run
from workbench.core.qa.project_run import check_project
from workbench.core.records import Origin, Status

LINES = 8000


def _our_processes() -> dict[int, tuple[int, str]]:
    """Every process started by this one, and by those (a fork server's workers are its children):
    pid -> (parent pid, command line)."""
    table: dict[int, tuple[int, str]] = {}
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError, ValueError):
            continue  # ended meanwhile
        table[int(proc.name)] = (parent, command)
    ours: dict[int, tuple[int, str]] = {}
    frontier = {os.getpid()}
    while frontier:
        frontier = {pid for pid, (parent, _c) in table.items() if parent in frontier and pid not in ours}
        ours.update({pid: table[pid] for pid in frontier})
    return ours


def _workers() -> set[int]:
    """The checks' workers: spawned ones, or the children of the fork server (which has their command line)."""
    me = os.getpid()
    return {
        pid
        for pid, (parent, command) in _our_processes().items()
        if "spawn_main" in command or ("forkserver" in command and parent != me)
    }


def _libraries(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return ""


@pytest.fixture
def big_window(open_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A window on a project of some thousands of plans, a quarter translated with a changed number, over
    the size from which the window checks in workers."""
    text = tmp_path / "ke_hoach.txt"
    plans = [f"Kế hoạch số {n}/KH-UBND của Ủy ban nhân dân tỉnh An Giang, {n + 500} hộ dân." for n in range(LINES)]
    text.write_text("\n\n".join(plans) + "\n", encoding="utf-8")
    monkeypatch.setattr(project_run, "PARALLEL_FROM", LINES // 2)
    monkeypatch.setattr(project_run, "SPAWN_FROM", LINES // 2)
    window = open_window(text)
    for number, segment_id in enumerate(window.project.segment_ids()[::4]):
        english = f"Plan {number}/KH-UBND of the Provincial People's Committee, {number + 501} households."
        window.project.save_translation(segment_id, "en", english, Status.TRANSLATED, Origin.HUMAN, "a")
    return window


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the workers' libraries from /proc")
def test_the_windows_checks_run_in_workers_without_qt_and_find_what_one_process_finds(qtbot, big_window) -> None:  # type: ignore[no-untyped-def]
    window = big_window
    workers: dict[int, str] = {}

    def a_worker_is_running() -> bool:
        for pid in _workers():
            libraries = _libraries(pid)
            if "_regex" in libraries:  # the checks are imported: it is at work
                workers[pid] = libraries
        return bool(workers)

    with qtbot.waitSignal(window.qa.checks.finished, timeout=60_000) as done:
        window.qa.show_check_report(None)
        qtbot.waitUntil(a_worker_is_running, timeout=30_000)
    problems = done.args[1]
    helpers = {pid: _libraries(pid) for pid in _our_processes()}  # the fork server too, whose children they are
    with_qt = [
        pid for pid, libraries in {**workers, **helpers}.items() if "PySide6" in libraries or "shiboken" in libraries
    ]
    assert workers and not with_qt
    assert problems == check_project(window.project, ["en", "km"], parallel=False)  # same findings, same order
    assert {"number-added", "untranslated"} <= {p.check_id for p in problems}
    report = window.qa.check_report
    qtbot.addWidget(report)
    assert len(report.model.rows) == len([p for p in problems if p.check_id != "untranslated"])
    report.close()
    window.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts the workers in /proc")
def test_cancel_and_closing_the_window_end_the_workers(qtbot, big_window) -> None:  # type: ignore[no-untyped-def]
    window = big_window
    cancel = window.qa.cancel_checks_action
    assert not cancel.isEnabled()
    with qtbot.waitSignal(window.qa.checks.cancelled, timeout=60_000):
        window.qa.show_check_report(None)
        assert cancel.isEnabled()
        qtbot.waitUntil(lambda: bool(_workers()), timeout=30_000)
        cancel.trigger()
    assert not _workers() and not cancel.isEnabled() and window.qa.check_report is None

    window.qa.show_check_report(None)
    qtbot.waitUntil(lambda: bool(_workers()), timeout=30_000)
    window.close()  # mid-check: the window waits for the task, which ends its workers
    assert not _workers() and window.qa.check_report is None
