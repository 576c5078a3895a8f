"""The post-editing history the quality model learns from: the project's, and the office's shared one.

An example is a machine draft that was in its cell (a revision shows it, as the post-editing report reads
them) and whose cell a person has since confirmed (translated or approved). Its label: the draft was kept,
that is confirmed unchanged or nearly so (the report's character edit distance at most `NEARLY`, 0.1).

The shared history is an SQLite file next to the shared translation memory (the data folder;
WORKBENCH_DATA_DIR moves it), one row per project, segment and language, so that an office whose every
article is a small project still gathers a history. Each project replaces its own rows when it shares.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.core.errors import WorkbenchError
from workbench.core.language.protected_spans import ProtectedSpan
from workbench.core.memory.project_memory import shared_memory_path
from workbench.core.qa.live_context import QaContext
from workbench.core.quality.signals import DraftFacts, draft_signals, other_drafts
from workbench.core.review.post_edit_report import edit_distance
from workbench.core.store.draft_notes import meta_of
from workbench.core.store.project_store import Project
from workbench.core.timestamps import now

#: a confirmed text this close to the draft (normalised edit distance) counts as the draft kept
NEARLY = 0.1
#: and this far from it as rewritten (the report's calibration counts them)
REWRITTEN = 0.5
#: the shared history keeps this many examples per language (the newest); a fit reads at most as many
SHARED_LIMIT = 20000

#: the FROM and WHERE of the labelled drafts of a language (one parameter: the language)
LABELLED = """
    FROM draft_notes n
    JOIN translations t ON t.segment_id = n.segment_id AND t.language = n.language
    JOIN segments s ON s.id = n.segment_id
    WHERE n.language = ? AND t.status IN ('translated', 'approved') AND s.position IS NOT NULL
      AND EXISTS (SELECT 1 FROM revisions r WHERE r.segment_id = n.segment_id AND r.language = n.language
                  AND r.origin = 'mt' AND r.status = 'draft' AND r.text = n.draft)
"""


@dataclass(frozen=True, slots=True)
class Example:
    segment_id: int
    signals: Mapping[str, Any]
    #: the normalised edit distance from the draft to the confirmed text, 0-1
    distance: float
    #: the band the draft was given when it was made ("" when it was not estimated)
    band: str = ""

    @property
    def kept(self) -> bool:
        return self.distance <= NEARLY


def confirmed_count(project: Project, language: str) -> int:
    """How many segments are confirmed in the language (an index count: what the automatic refit watches)."""
    return int(
        project.connection.execute(
            "SELECT count(*) FROM translations WHERE language = ? AND status IN ('translated', 'approved')", (language,)
        ).fetchone()[0]
    )


def labelled_count(project: Project, language: str) -> int:
    """How many of the project's machine drafts were confirmed since (cheap: one count)."""
    return int(project.connection.execute(f"SELECT count(*) {LABELLED}", (language,)).fetchone()[0])


def project_examples(project: Project, language: str, context: QaContext | None = None) -> list[Example]:
    """The project's labelled drafts, each with its full signals computed again from what is stored."""
    rows = project.connection.execute(
        f"""SELECT n.segment_id, s.source, s.spans, n.draft, n.model, n.meta, n.band, n.back_translation, t.text
            {LABELLED} ORDER BY n.segment_id""",
        (language,),
    ).fetchall()
    if not rows:
        return []
    context = context or QaContext.load(project)
    source_language = project.info.source_language
    others = other_drafts(project.connection, language, (r[1] for r in rows), {r[1]: r[4] for r in rows})
    examples = []
    for sid, source, spans_json, draft, model, meta_json, band, back, text in rows:
        spans = () if spans_json == "[]" else tuple(ProtectedSpan.from_json(source, i) for i in json.loads(spans_json))
        facts = DraftFacts(sid, source, spans, draft, model, meta_of(meta_json), None, back)
        signals = draft_signals(facts, language, source_language, context, others.get(source, ()))
        examples.append(Example(sid, signals, edit_distance(draft, text), band))
    return examples


def project_key(project: Project) -> str:
    """The project as the shared history knows it: its name and when it was created (a moved file stays itself)."""
    return f"{project.info.name}|{project.info.created_at}"


def shared_history_path(memory_path: Path | None = None) -> Path:
    """Where the office's shared quality history lives: beside the shared memory (`memory_path`, or its
    usual place)."""
    return (memory_path or shared_memory_path()).parent / "quality-history.sqlite"


_SCHEMA = """CREATE TABLE IF NOT EXISTS examples (
    project TEXT NOT NULL, segment_id INTEGER NOT NULL, language TEXT NOT NULL,
    signals TEXT NOT NULL, distance REAL NOT NULL, updated_at TEXT NOT NULL,
    PRIMARY KEY (project, segment_id, language)
) WITHOUT ROWID"""


#: how long a reader or writer waits for a shared history another workbench holds (a request, `quality fit`)
TIMEOUT = 10.0


def _open(path: Path, create: bool, timeout: float = TIMEOUT) -> sqlite3.Connection | None:
    try:
        if path.is_symlink():
            raise WorkbenchError(
                f"{path}: the shared quality history is a symbolic link; the workbench does not follow it"
            )
        if not path.exists():
            if not create:
                return None
            path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a share that cannot be reached or written
        raise WorkbenchError(f"{path}: the shared quality history cannot be reached ({exc.strerror or exc})") from exc
    try:
        db = sqlite3.connect(path, timeout=timeout)
        db.execute(_SCHEMA)
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, exc) from exc
    return db


def _damaged(path: Path, exc: Exception) -> WorkbenchError:
    if "locked" in str(exc) or "busy" in str(exc):
        return WorkbenchError(
            f"{path}: the shared quality history is in use by another workbench ({exc}); try again later"
        )
    return WorkbenchError(
        f"{path}: the shared quality history cannot be read or written ({exc}); move the file away to start a new one"
    )


def share_examples(
    path: Path, project: str, language: str, examples: Sequence[Example], timeout: float = TIMEOUT
) -> None:
    """Replace the project's examples in the shared history with these (one transaction)."""
    stamp = now()
    db = _open(path, create=True, timeout=timeout)
    assert db is not None
    try:
        with closing(db), db:
            db.execute("DELETE FROM examples WHERE project = ? AND language = ?", (project, language))
            db.executemany(
                "INSERT INTO examples VALUES (?, ?, ?, ?, ?, ?)",
                [(project, e.segment_id, language, json.dumps(dict(e.signals)), e.distance, stamp) for e in examples],
            )
            # the newest SHARED_LIMIT per language stay
            db.execute(
                """DELETE FROM examples WHERE language = ? AND (project, segment_id) NOT IN
                   (SELECT project, segment_id FROM examples WHERE language = ? ORDER BY updated_at DESC LIMIT ?)""",
                (language, language, SHARED_LIMIT),
            )
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, exc) from exc


def shared_examples(path: Path, language: str, except_project: str, timeout: float = TIMEOUT) -> list[Example]:
    """The other projects' examples in the language (a damaged row is skipped; a damaged file is said)."""
    db = _open(path, create=False, timeout=timeout)
    if db is None:
        return []
    found = []
    try:
        with closing(db):
            rows = db.execute(
                """SELECT segment_id, signals, distance FROM examples WHERE language = ? AND project != ?
                   ORDER BY updated_at DESC, project, segment_id LIMIT ?""",
                (language, except_project, SHARED_LIMIT),
            ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, exc) from exc
    for sid, signals_json, distance in rows:
        try:
            signals = json.loads(signals_json)
        except ValueError:
            continue
        if isinstance(signals, dict) and isinstance(distance, int | float) and 0 <= distance <= 1:
            found.append(Example(int(sid), signals, float(distance)))
    return found
