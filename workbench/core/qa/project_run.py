"""Every check over a document or a project, and the findings a person decided are fine.

Bulk checking reads rows straight from SQLite (building full SegmentRecords would take longer than
checking them) and forks one worker per core on a large project. Translations that differ for the same
source are found here, as only the whole project shows them. An ignored finding is kept with its
reason in `qa_ignored`.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from workbench.core.errors import WorkbenchError
from workbench.core.language.protected_spans import ProtectedSpan
from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.qa.checks import BY_ID, Problem, Severity, Subject, check_subject, numbers_in, numbers_outside
from workbench.core.qa.live_context import QaContext
from workbench.core.records import CONFIRMED, ORIGIN_BY_VALUE, STATUS_BY_VALUE, Origin, Status
from workbench.core.store.project_health import connect_project
from workbench.core.store.project_store import Project
from workbench.core.timestamps import now

_NOTHING = ("", Status.UNTRANSLATED, Origin.NONE)


def _rows(
    db: sqlite3.Connection, document_id: int | None, languages: Sequence[str], ids: tuple[int, int] | None = None
) -> list[tuple[int, str, str, bool, dict[str, tuple[str, Status, Origin]]]]:
    """(id, source, spans json, translatable, {language: (text, status, origin)}), read in one query (of the
    segments with ids in `ids`, inclusive): building full SegmentRecords would take longer than checking them."""
    where = "s.position IS NOT NULL" + (" AND s.document_id = ?" if document_id is not None else "")
    params: list[object] = [*languages, *([document_id] if document_id is not None else [])]
    if ids is not None:
        where += " AND s.id BETWEEN ? AND ?"
        params += list(ids)
    marks = ",".join("?" * len(languages))
    order = "s.id" if ids is not None else "s.document_id, s.position"  # a worker's range needs no sort
    rows: dict[int, tuple[int, str, str, bool, dict[str, tuple[str, Status, Origin]]]] = {}
    for sid, source, spans, translatable, language, text, status, origin in db.execute(
        f"""SELECT s.id, s.source, s.spans, s.translatable, t.language, t.text, t.status, t.origin FROM segments s
            LEFT JOIN translations t ON t.segment_id = s.id AND t.language IN ({marks})
            WHERE {where} ORDER BY {order}""",
        params,
    ):
        row = rows.get(sid)
        if row is None:
            row = rows[sid] = (sid, source, spans, bool(translatable), {})
        if language is not None:
            row[4][language] = (text, STATUS_BY_VALUE[status], ORIGIN_BY_VALUE[origin])
    return list(rows.values())


Row = tuple[int, str, str, bool, dict[str, tuple[str, Status, Origin]]]
#: (language, hash of the normalised source, hash of the confirmed text, segment id): only numbers travel
#: back from the workers (forked workers share the parent's hash seed); the texts are looked up at the end
Variants = list[tuple[str, int, int, int]]
#: below this many segments one process is quicker than starting others
PARALLEL_FROM = 20000
#: what forked workers read: the project file, the languages, the context, the document
_WORK: tuple[Path, list[str], QaContext, int | None] | None = None


def _check_rows(rows: Sequence[Row], languages: Sequence[str], context: QaContext) -> tuple[list[Problem], Variants]:
    collecting = gc.isenabled()
    gc.disable()  # the loop makes many small objects and no cycles: the cycle collector would only slow it
    try:
        return _check_rows_now(rows, languages, context)
    finally:
        if collecting:
            gc.enable()


def _check_rows_now(
    rows: Sequence[Row], languages: Sequence[str], context: QaContext
) -> tuple[list[Problem], Variants]:
    finder = context.finder if context.finder.pattern is not None else None
    found: list[Problem] = []
    variants: Variants = []
    for sid, source, spans_json, translatable, targets in rows:
        if not translatable:
            continue
        key = normalize_for_matching(source)
        terms_found = tuple(finder.find_in_key(key)) if finder is not None else ()
        spans = () if spans_json == "[]" else tuple(ProtectedSpan.from_json(source, i) for i in json.loads(spans_json))
        numbers = numbers_outside(source, spans)
        all_numbers = numbers_in(source)
        for language in languages:
            text, status, origin = targets.get(language, _NOTHING)
            ignored = context.ignored.get((sid, language))
            subject = Subject(source, text, language, status, origin, spans, terms_found, numbers, all_numbers)
            found += check_subject(subject, sid, frozenset(ignored) if ignored else frozenset())
            if status in CONFIRMED:
                variants.append((language, hash(key), hash(text.strip()), sid))
    return found, variants


def _check_slice(ids: tuple[int, int]) -> tuple[list[Problem], Variants]:
    """Run in a forked worker: reads its own range of segments (a new read-only connection; SQLite
    connections do not survive a fork) and sends back only the findings."""
    assert _WORK is not None
    path, languages, context, document_id = _WORK
    db = connect_project(path, read_only=True)  # a failure names the project file, as everywhere
    db.execute("PRAGMA query_only = ON")
    try:
        gc.disable()
        rows = _rows(db, document_id, languages, ids)
    finally:
        db.close()
    return _check_rows(rows, languages, context)


def check_project(
    project: Project, languages: Sequence[str] | None = None, document_id: int | None = None,
    context: QaContext | None = None, parallel: bool = True,
) -> list[Problem]:  # fmt: skip
    """Every check over a document (or the project), plus translations that differ for the same source.
    A large project is checked by one forked worker per core (the checks are pure Python); a process with
    threads of its own (the Qt window) passes `parallel=False`, since forking it is not safe."""
    global _WORK
    context = context or QaContext.load(project)
    languages = list(languages or project.info.target_languages)
    where = "position IS NOT NULL" + (" AND document_id = ?" if document_id is not None else "")
    ids = [
        r[0]
        for r in project.connection.execute(
            f"SELECT id FROM segments WHERE {where} ORDER BY id", [document_id] if document_id is not None else []
        )
    ]
    workers = min(4, os.cpu_count() or 1)
    if not parallel or len(ids) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        collecting = gc.isenabled()
        gc.disable()  # reading 100,000 rows makes many small objects and no cycles
        try:
            rows = _rows(project.connection, document_id, languages)
        finally:
            if collecting:
                gc.enable()
        parts = [_check_rows(rows, languages, context)]
    else:
        _WORK = (project.path, languages, context, document_id)
        step = -(-len(ids) // workers)
        ranges = [(ids[i], ids[min(i + step, len(ids)) - 1]) for i in range(0, len(ids), step)]
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                parts = pool.map(_check_slice, ranges)
        finally:
            _WORK = None
    found: list[Problem] = []
    groups: dict[tuple[str, int], dict[int, list[int]]] = {}
    for problems, part in parts:
        found += problems
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
