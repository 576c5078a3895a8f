"""The last-known team memory on the desktop: a memory file of the local kind, filled by each pull.

The cache is a SharedMemory file (same tables, same index, same `lookup`), so offline lookups find what the
server would have found among the units pulled, with the same scores. Beside the memory's tables it keeps
which server unit each cached unit is and who approved it (`team_units`), and the pull's horizon and time
(`team_pull`). A pull reads what changed since the last horizon (team_memory.changed_since) and writes it
in; stopped half-way, it leaves the horizon where it was, so the next pull reads those units again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.memory.translation_memory import DEFAULT_THRESHOLD, SharedMemory, TmMatch
from workbench.core.team.team_memory import TeamMatch, changed_since
from workbench.core.timestamps import now

CACHE_NAME = "team-memory-cache.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS team_units (
    team_id INTEGER PRIMARY KEY,
    source_key TEXT NOT NULL,
    target_language TEXT NOT NULL,
    target TEXT NOT NULL,
    approved_by TEXT
);
CREATE INDEX IF NOT EXISTS team_units_identity ON team_units (source_key, target_language, target);
CREATE TABLE IF NOT EXISTS team_pull (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


@dataclass(frozen=True, slots=True)
class PullReport:
    read: int
    added: int
    #: when this pull's snapshot was taken (the cache's "as of")
    pulled_at: str


class TeamMemoryCache:
    """The cache file, opened (and made) at `path`; `close()` when done."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.memory = SharedMemory(path)
        self.memory.db.executescript(_SCHEMA)

    def _value(self, name: str) -> str | None:
        row = self.memory.db.execute("SELECT value FROM team_pull WHERE name = ?", (name,)).fetchone()
        return str(row[0]) if row else None

    @property
    def pulled_at(self) -> str | None:
        """When the cached units were last pulled; None if never."""
        return self._value("pulled_at")

    def pull(self, conn: psycopg.Connection[Any], server: str) -> PullReport:
        """Bring the cache up to the server's memory: units new or changed since the last pull."""
        since = int(self._value("horizon") or 0)
        read = added = 0
        horizon = since
        stamp = now()
        for page, page_horizon in changed_since(conn, server, since):
            horizon = page_horizon
            if not page:
                continue
            read += len(page)
            added += self.memory.add([p.unit for p in page], stamp)
            with self.memory.transaction() as db:
                db.executemany(
                    """INSERT INTO team_units (team_id, source_key, target_language, target, approved_by)
                       VALUES (?, ?, ?, ?, ?) ON CONFLICT (team_id) DO UPDATE SET approved_by = excluded.approved_by""",
                    [
                        (p.team_id, normalize_for_matching(p.unit.source), p.unit.target_language, p.unit.target,
                         p.approved_by)
                        for p in page
                    ],
                )  # fmt: skip
        with self.memory.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO team_pull (name, value) VALUES (?, ?)",
                [("horizon", str(horizon)), ("pulled_at", stamp)],
            )
        return PullReport(read, added, stamp)

    def lookup(self, source: str, target_language: str, threshold: int = DEFAULT_THRESHOLD) -> list[TeamMatch]:
        """The local memory's lookup over the cached units, each with who approved it."""
        found: list[TeamMatch] = []
        for match in self.memory.lookup(source, target_language, threshold):
            row = self.memory.db.execute(
                """SELECT approved_by FROM team_units WHERE source_key = ? AND target_language = ? AND target = ?
                   ORDER BY approved_by IS NULL LIMIT 1""",
                (normalize_for_matching(match.unit.source), target_language, match.unit.target),
            ).fetchone()
            unit = match.unit
            found.append(
                TeamMatch(TmMatch(unit, match.score, "team cache", match.differences), row[0] if row else None)
            )
        return found

    def units(self) -> int:
        row = self.memory.db.execute("SELECT count(*) FROM team_units").fetchone()
        return int(row[0])

    def close(self) -> None:
        self.memory.close()
