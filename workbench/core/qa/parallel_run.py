"""The checks of a large project in worker processes, one stretch of the reading order each.

The CLI forks its workers (nothing to import, nothing to send). The window cannot fork: a process with Qt
threads may hold locks that a forked child would wait on for ever. It starts clean interpreters instead
("spawn" or "forkserver"), which import only this module and what the checks need (never PySide6) and are
sent the project's path, the languages and the QaContext. Each worker answers on a pipe of its own, so a
worker that dies is noticed (its pipe closes) and a cancel ends them all at once.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from workbench.core.errors import WorkbenchError
from workbench.core.progress import Cancelled, NullProgress, Progress
from workbench.core.qa.checks import Problem
from workbench.core.qa.live_context import QaContext
from workbench.core.qa.row_checks import Place, Variants, check_rows, read_rows, stable_hash
from workbench.core.store.project_health import check_file_kind, connect_project

#: how often a waiting parent looks whether it was asked to stop (seconds)
_CANCEL_POLL = 0.1


@dataclass(frozen=True, slots=True)
class Stretch:
    """One worker's share: the segments from `first` to `last` (inclusive) in reading order."""

    path: Path
    languages: tuple[str, ...]
    context: QaContext
    document_id: int | None
    first: Place
    last: Place
    #: spawned workers each have their own `hash()` seed, so they hash the texts they compare stably
    stable: bool


def start_method(wanted: str) -> str:
    """`wanted` where this system has it; "spawn" (everywhere) otherwise."""
    return wanted if wanted in multiprocessing.get_all_start_methods() else "spawn"


def window_start_method() -> str:
    """How a process with threads (the window) starts workers: from a fork server where there is one,
    whose children share one hash seed and skip the imports; a frozen build spawns (what it supports)."""
    return "spawn" if getattr(sys, "frozen", False) else start_method("forkserver")


def stretches(order: Sequence[Place], workers: int) -> list[tuple[Place, Place]]:
    """`order` cut into `workers` stretches of about the same length."""
    step = -(-len(order) // workers)
    return [(order[i], order[min(i + step, len(order)) - 1]) for i in range(0, len(order), step)]


def check_stretch(job: Stretch) -> tuple[list[Problem], Variants]:
    """What a worker does: reads its stretch on a read-only connection of its own and checks it."""
    check_file_kind(job.path)  # a project gone since the check began is said, not silently made anew
    db = connect_project(job.path, read_only=True)  # every failure of it names the project file, as everywhere
    try:
        db.execute("PRAGMA query_only = ON")
        rows = read_rows(db, job.document_id, job.languages, (job.first, job.last))
    finally:
        db.close()
    return check_rows(rows, job.languages, job.context, stable_hash if job.stable else hash)


def _serve(send: Connection, job: Stretch) -> None:
    """A worker's whole life: one answer, the findings or what went wrong, then exit."""
    try:
        answer: tuple[str, object] = ("found", check_stretch(job))
    except WorkbenchError as exc:
        answer = ("failed", str(exc))
    except Exception as exc:  # said to the parent, which raises it as a WorkbenchError
        answer = ("failed", f"checking {job.path} failed: {type(exc).__name__}: {exc}")
    send.send(answer)
    send.close()


def check_in_workers(
    path: Path, languages: Sequence[str], context: QaContext, document_id: int | None,
    parts: Sequence[tuple[Place, Place]], method: str, progress: Progress | None = None,
) -> list[tuple[list[Problem], Variants]]:  # fmt: skip
    """Each stretch checked by a worker process started by `method`; the answers in the stretches' order.

    Raises `Cancelled` as soon as `progress` asks to stop, and WorkbenchError naming the file when a worker
    fails or dies; either way every worker has ended before this returns."""
    progress = progress or NullProgress()
    processes = multiprocessing.get_context(method)
    if isinstance(processes, multiprocessing.context.ForkServerContext):
        # The fork server imports the checks once; its children start with them (no effect once it runs).
        # Each child still runs the main module's top level, as spawn does: keep it light (main.py is).
        processes.set_forkserver_preload([__name__])
    started: list[tuple[BaseProcess, Connection]] = []
    try:
        for first, last in parts:
            receive, send = processes.Pipe(duplex=False)
            job = Stretch(path, tuple(languages), context, document_id, first, last, stable=method == "spawn")
            worker = processes.Process(  # type: ignore[attr-defined]  # every concrete context has Process
                target=_serve, args=(send, job), name="workbench-checks", daemon=True
            )
            started.append((worker, receive))
            worker.start()
            send.close()  # the worker holds the other copy: its end (or death) closes the pipe
        answers: dict[int, tuple[list[Problem], Variants]] = {}
        waiting = {receive: index for index, (_worker, receive) in enumerate(started)}
        while waiting:
            if progress.is_cancelled():
                raise Cancelled("the checks were cancelled")
            for ready in wait(list(waiting), timeout=_CANCEL_POLL):
                assert isinstance(ready, Connection)
                index = waiting.pop(ready)
                try:
                    kind, payload = ready.recv()
                except EOFError:
                    worker = started[index][0]
                    worker.join(5)
                    raise WorkbenchError(
                        f"checking {path} failed: a worker process ended without an answer "
                        f"(exit code {worker.exitcode})"
                    ) from None
                if kind == "failed":
                    raise WorkbenchError(str(payload))
                answers[index] = payload
                progress.report(len(answers), len(started), "")
        return [answers[index] for index in range(len(started))]
    finally:
        for worker, receive in started:
            receive.close()
            if worker.is_alive():
                worker.terminate()
        for worker, _receive in started:
            if worker.pid is not None:
                worker.join()
