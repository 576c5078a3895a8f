"""Units waiting for the team memory: a small SQLite file on the desktop, filled as people confirm.

A confirmation never waits for the server: the use case's hook (ops/memory_learning) writes the confirmed
units here, on the desktop's own disk, and a later push (`team memory push`, a sync, the window in the
background) sends them and then takes them off. A push whose answer was lost sends them again: the server
keeps a unit once (team_memory.push_units), so a retry adds nothing twice. No psycopg here: confirming
costs no server library. Every SQLite failure is a ProjectFault naming this file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from workbench.core.memory.translation_memory import MemoryUnit
from workbench.core.store.project_health import connect_project
from workbench.core.timestamps import now

OUTBOX_NAME = "team-memory-outbox.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY,
    source_language TEXT NOT NULL,
    target_language TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    origin TEXT NOT NULL,
    approved INTEGER NOT NULL,
    queued_at TEXT NOT NULL
);
"""


@dataclass(frozen=True, slots=True)
class TeamUnit:
    """A unit to push: a confirmed (or, from an editor, approved) translation."""

    source: str
    target: str
    target_language: str
    source_language: str = "vi"
    origin: str = ""
    approved: bool = False


class MemoryOutbox:
    """The outbox file; each call opens and closes its own connection (the window confirms on one thread
    and pushes on another)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = connect_project(self.path, read_only=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.executescript(_SCHEMA)
        return db

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One transaction on a connection of its own (the file's connections are in autocommit mode)."""
        with closing(self._open()) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

    def queue(self, units: Sequence[TeamUnit]) -> None:
        if not units:
            return
        stamp = now()
        with self._writing() as db:
            db.executemany(
                """INSERT INTO outbox (source_language, target_language, source, target, origin, approved, queued_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [
                    (u.source_language, u.target_language, u.source, u.target, u.origin, int(u.approved), stamp)
                    for u in units
                ],
            )

    def queue_learned(self, learned: Sequence[tuple[MemoryUnit, bool]]) -> None:
        """The shared memory's hook (translation_memory.LearnedUnitsQueue): confirmed units, approved or not."""
        self.queue(
            [TeamUnit(u.source, u.target, u.target_language, u.source_language, u.origin, ok) for u, ok in learned]
        )

    def pending(self, limit: int = 5000) -> list[tuple[int, TeamUnit]]:
        """The oldest units waiting, with their outbox ids."""
        if not self.path.exists():
            return []
        with closing(self._open()) as db:
            rows = db.execute(
                """SELECT id, source, target, target_language, source_language, origin, approved FROM outbox
                   ORDER BY id LIMIT ?""",
                (limit,),
            ).fetchall()
        return [(r[0], TeamUnit(r[1], r[2], r[3], r[4], r[5], bool(r[6]))) for r in rows]

    def remove(self, ids: Sequence[int]) -> None:
        """Take sent units off (after the server committed them)."""
        if not ids:
            return
        with self._writing() as db:
            db.executemany("DELETE FROM outbox WHERE id = ?", [(i,) for i in ids])

    def count(self) -> int:
        if not self.path.exists():
            return 0
        with closing(self._open()) as db:
            row = db.execute("SELECT count(*) FROM outbox").fetchone()
        return int(row[0])
