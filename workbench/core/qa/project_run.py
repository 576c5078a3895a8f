"""Every check over a document or a project, and the findings a person decided are fine.

Bulk checking reads rows straight from SQLite (row_checks) and, on a large project, runs in one worker
process per core (parallel_run): forked from the CLI, started clean from the window. Translations that
differ for the same source are found here, as only the whole project shows them. An ignored finding is
kept with its reason in `qa_ignored`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from workbench.core.errors import WorkbenchError
from workbench.core.progress import Progress
from workbench.core.qa.checks import BY_ID, Problem, Severity
from workbench.core.qa.live_context import QaContext
from workbench.core.qa.parallel_run import check_in_workers, start_method, stretches
from workbench.core.qa.row_checks import Variants, check_rows, read_rows, reading_order
from workbench.core.store.project_store import Project
from workbench.core.timestamps import now

#: below this many segments one process is quicker than forking workers (the CLI), or than asking a fork
#: server for them (the window; its children cost about what forked ones do, `bench qa` measures both)
PARALLEL_FROM = 20000
#: below this many segments one process is quicker than spawning workers (the window when frozen, and
#: Windows): each new interpreter imports the checks first, about 0.2 s of CPU
SPAWN_FROM = 30000


def check_project(
    project: Project, languages: Sequence[str] | None = None, document_id: int | None = None,
    context: QaContext | None = None, parallel: bool = True, method: str = "fork", progress: Progress | None = None,
) -> list[Problem]:  # fmt: skip
    """Every check over a document (or the project), plus translations that differ for the same source.

    A large project is checked by one worker process per core (the checks are pure Python), started by
    `method`: "fork" for the CLI; a process with threads of its own (the Qt window) must not fork and passes
    "spawn" or "forkserver" (`parallel_run.window_start_method`), or `parallel=False`. The findings and
    their order are the same either way. `progress` hears which workers answered and may cancel."""
    context = context or QaContext.load(project)
    languages = list(languages or project.info.target_languages)
    method = start_method(method)
    order = reading_order(project.connection, document_id)
    workers = min(4, os.cpu_count() or 1)
    if not parallel or workers < 2 or len(order) < (SPAWN_FROM if method == "spawn" else PARALLEL_FROM):
        parts = [check_rows(read_rows(project.connection, document_id, languages), languages, context)]
    else:
        if context.spelling is not None and method == "fork":
            context.spelling.read_dictionaries()  # forked workers share the dictionaries instead of each reading them
        parts = check_in_workers(
            project.path, languages, context, document_id, stretches(order, workers), method, progress
        )
    return [
        *(problem for problems, _variants in parts for problem in problems),
        *_inconsistencies(project, parts, context),
    ]


def _inconsistencies(
    project: Project, parts: Sequence[tuple[list[Problem], Variants]], context: QaContext
) -> list[Problem]:
    """Confirmed translations that differ for the same source, across every part of the run."""
    found: list[Problem] = []
    groups: dict[tuple[str, int], dict[int, list[int]]] = {}
    for _problems, part in parts:
        for language, key_hash, text_hash, sid in part:
            groups.setdefault((language, key_hash), {}).setdefault(text_hash, []).append(sid)
    for (language, _key), by_text in groups.items():
        if len(by_text) < 2:
            continue
        for text_hash, same in by_text.items():
            other_id = next(other[0] for h, other in by_text.items() if h != text_hash)
            row = project.connection.execute(
                "SELECT text FROM translations WHERE segment_id = ? AND language = ?", (other_id, language)
            ).fetchone()
            other = (row[0] if row else "").strip()[:80]
            for sid in same:
                if "inconsistent-translation" not in context.ignored.get((sid, language), set()):
                    found.append(
                        Problem(sid, language, "inconsistent-translation", Severity.WARNING,
                                f"translated differently elsewhere: “{other}”")
                    )  # fmt: skip
    return found


def ignore_problem(project: Project, segment_id: int, language: str, check_id: str, reason: str, author: str) -> None:
    """Keep a finding out of later checks of this segment, with the reason the editor will read."""
    if check_id not in BY_ID:
        raise WorkbenchError(f"no check is called {check_id!r} (`check --list` lists them)")
    if not reason.strip():
        raise WorkbenchError("say why the finding is fine: the reason is kept for the editor")
    project.segment(segment_id)  # there is no segment 0: said, not a foreign-key error
    with project.transaction() as db:
        db.execute(
            """INSERT OR REPLACE INTO qa_ignored(segment_id, language, check_id, reason, author, created_at)
               VALUES (?, ?, ?, ?, ?, ?)""",
            (segment_id, language, check_id, reason.strip(), author, now()),
        )
