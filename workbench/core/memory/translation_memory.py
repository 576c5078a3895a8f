"""Translation memory: units of (Vietnamese source, target language, target text), searched exactly and fuzzily.

The same tables live in two files: the project file (every translated or approved segment, written by
`write_translation`) and the shared memory in the user's data folder, which every project reads and
writes (confirmed segments, imported TMX). Candidates come from an index of word pairs
(memory_index: pairs chosen by winnowing, kept in blocks of unit ids); the units sharing most are scored
by rapidfuzz. (An FTS5 trigram index, then an FTS5 word index, were tried first: 300 and 105 ms per
lookup at 200,000 units.) The percentage is a character-level Levenshtein ratio of the normalised
texts, as Virtaal and translate-toolkit report it; the default threshold is theirs, 75 %.
"""

from __future__ import annotations

import heapq
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rapidfuzz import fuzz

from workbench.core.memory.concordance_index import bulk_inserts, ensure_memory_concordance
from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.memory.memory_index import (
    INDEX_TABLES,
    bulk_index,
    index_unit,
    is_legacy,
    shared_pairs,
    upgrade_memory_index,
)
from workbench.core.review.post_edit_diff import word_diff
from workbench.core.store.project_health import connect_project
from workbench.core.tags.inline_tags import words_only

DEFAULT_THRESHOLD = 75
#: units scored by rapidfuzz, those sharing most pairs (their keys alone are read to score them)
CANDIDATES = 300
#: units the shared memory indexes together when many are added (an import)
_INDEX_BATCH = 4096

MEMORY_SCHEMA = """
CREATE TABLE IF NOT EXISTS tm_units (
    id INTEGER PRIMARY KEY,
    source_language TEXT NOT NULL,
    target_language TEXT NOT NULL,
    source TEXT NOT NULL,
    source_key TEXT NOT NULL,
    target TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (source_key, target_language, target)
);
""" + "".join(f"{statement};\n" for statement in INDEX_TABLES)
# (source_key, target_language) lookups use the UNIQUE index; files before the block index also had
# tm_units_key, the same index again (32 MB of 207 at 200,000 units), dropped when their index is upgraded.


@dataclass(frozen=True, slots=True)
class MemoryUnit:
    source: str
    target: str
    target_language: str
    source_language: str = "vi"
    origin: str = ""
    author: str = ""
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class TmMatch:
    unit: MemoryUnit
    #: 0..100; 100 is the same text once case, spacing, Unicode form and tone placement are folded
    score: int
    #: where it came from: "project" or "shared"
    memory: str
    #: the TM source against the current source, word by word: ("=", "+", "-") and the words
    differences: tuple[tuple[str, str], ...]

    def describe_differences(self) -> str:
        """'[-old-] {+new+}' marks, readable in a tooltip or a terminal."""
        parts = []
        for tag, words in self.differences:
            parts.append(words if tag == "=" else (f"[-{words}-]" if tag == "-" else f"{{+{words}+}}"))
        return " ".join(parts)


def word_differences(memory_source: str, current_source: str) -> tuple[tuple[str, str], ...]:
    """Word by word, a tone-placement or case variant being no difference; the words without their tag
    markers, so a marker is never shown cut from its pair (`[-phí.</b1>-]`): the score says tags differ."""
    return tuple(word_diff(words_only(memory_source), words_only(current_source), normalize_for_matching))


def ensure_memory_tables(db: sqlite3.Connection) -> None:
    """The memory's tables, a file of the old index layout re-indexed first (once, in one transaction), and
    the concordance's word index (made and filled once for a file made before it)."""
    if is_legacy(db):
        db.execute("BEGIN IMMEDIATE")
        try:
            upgrade_memory_index(db)
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
    db.executescript(MEMORY_SCHEMA)
    ensure_memory_concordance(db)


def add_unit(db: sqlite3.Connection, unit: MemoryUnit, stamp: str) -> bool:
    """Insert a unit unless the same (source, language, target) is there; the caller holds the transaction."""
    added = _insert_unit(db, unit, stamp)
    if added is not None:
        index_unit(db, *added)
    return added is not None


def _insert_unit(db: sqlite3.Connection, unit: MemoryUnit, stamp: str) -> tuple[int, str] | None:
    """The new unit's id and matching key, unindexed; None for an empty or known unit.

    The source is stored composed (NFC, canonically the same text) as every imported document is: the
    concordance indexes the stored text as written, so a decomposed TMX source would otherwise be found only
    by the diacritic-blind search. The target is kept exactly as the file gave it."""
    if not unit.source.strip() or not unit.target.strip():
        return None
    source = unit.source if unicodedata.is_normalized("NFC", unit.source) else unicodedata.normalize("NFC", unit.source)
    key = normalize_for_matching(source)
    cursor = db.execute(
        """INSERT OR IGNORE INTO tm_units(source_language, target_language, source, source_key, target, origin,
           author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        (unit.source_language, unit.target_language, source, key,
         unit.target, unit.origin, unit.author, unit.created_at or stamp),
    )  # fmt: skip
    if cursor.rowcount <= 0 or cursor.lastrowid is None:
        return None
    return cursor.lastrowid, key


def lookup(
    db: sqlite3.Connection,
    source: str,
    target_language: str,
    memory: str,
    threshold: int = DEFAULT_THRESHOLD,
    limit: int = 5,
) -> list[TmMatch]:
    """Exact and fuzzy matches for `source` into `target_language`, best first."""
    key = normalize_for_matching(source)
    if not key:
        return []
    exact = _exact_rows(db, key, target_language)
    # (score, created_at, id) of every unit reaching the threshold, in the order the queries return them
    scored: list[tuple[int, str, int]] = [(100, str(row["created_at"]), row["id"]) for row in exact]
    shared = shared_pairs(db, key)
    if shared:
        best = fuzzy_candidates(shared, {row["id"] for row in exact})
        shortest, longest = length_bounds(key, threshold)
        if best:
            # the keys alone are read to score the candidates, as tuples; whole rows only for the matches returned
            plain = db.cursor()
            plain.row_factory = None
            for unit_id, other, created_at in plain.execute(
                f"""SELECT id, source_key, created_at FROM tm_units WHERE id IN ({",".join("?" * len(best))})
                    AND target_language = ? AND length(source_key) BETWEEN ? AND ?""",
                (*best, target_language, shortest, longest),
            ).fetchall():
                score = fuzzy_score(key, other, threshold)
                if score >= threshold:
                    scored.append((score, str(created_at), unit_id))
    kept = best_scored(scored, limit)
    rows = {row["id"]: row for row in exact}
    fuzzy = [unit_id for _score, _created, unit_id in kept if unit_id not in rows]
    if fuzzy:
        marks = ",".join("?" * len(fuzzy))
        rows.update(
            (row["id"], row) for row in db.execute(f"SELECT * FROM tm_units WHERE id IN ({marks})", fuzzy).fetchall()
        )
    return [
        TmMatch(_unit(rows[unit_id]), score, memory, word_differences(rows[unit_id]["source"], source))
        for score, _created, unit_id in kept
    ]


def fuzzy_candidates(shared: dict[int, float], exact: set[int]) -> list[int]:
    """The units worth scoring: the `CANDIDATES` sharing most (of as many, the first met), less the exact ones."""
    return [u for u in heapq.nlargest(CANDIDATES, shared, key=shared.__getitem__) if u not in exact]


def length_bounds(key: str, threshold: int) -> tuple[float, float]:
    """The shortest and longest matching keys that can reach `threshold` against `key`."""
    return len(key) * threshold / (200 - threshold), len(key) * (200 - threshold) / threshold


def fuzzy_score(key: str, other: str, threshold: int) -> int:
    """A fuzzy candidate's percentage (below `threshold`: not a match); never 100, which is the exact match's."""
    return min(99, int(fuzz.ratio(key, other, score_cutoff=threshold)))


def best_scored(scored: list[tuple[int, str, int]], limit: int) -> list[tuple[int, str, int]]:
    """The `limit` best of (score, created_at, id), best first; stable: of units as good and as old, the first
    given (the exact ones in their query's order, then the fuzzy ones by id)."""
    return sorted(scored, key=lambda s: (-s[0], s[1]))[:limit]


def exact_unit(db: sqlite3.Connection, key: str, target_language: str) -> MemoryUnit | None:
    """The unit of a 100 % match `lookup` ranks first, found by the matching key (`normalize_for_matching`
    of the source) alone, without fuzzy candidates: of several units with this key, the oldest; of units
    as old, the first the same query returns (lookup's sort is stable)."""
    rows = _exact_rows(db, key, target_language) if key else []
    return _unit(min(rows, key=lambda r: str(r["created_at"]))) if rows else None


def _exact_rows(db: sqlite3.Connection, key: str, target_language: str) -> list[sqlite3.Row]:
    """The units whose source has this matching key, in the order `lookup` and `exact_unit` both see them."""
    return list(
        db.execute("SELECT * FROM tm_units WHERE source_key = ? AND target_language = ?", (key, target_language))
        .fetchall()  # one call, not one per row: the connection's error-naming cursor is Python
    )  # fmt: skip


def _unit(row: sqlite3.Row) -> MemoryUnit:
    return MemoryUnit(
        row["source"], row["target"], row["target_language"], row["source_language"], row["origin"],
        row["author"], row["created_at"],
    )  # fmt: skip


def units(db: sqlite3.Connection, target_language: str | None = None) -> Iterator[MemoryUnit]:
    query = "SELECT * FROM tm_units" + (" WHERE target_language = ?" if target_language else "") + " ORDER BY id"
    for row in db.execute(query, (target_language,) if target_language else ()):
        yield MemoryUnit(
            row["source"], row["target"], row["target_language"], row["source_language"], row["origin"],
            row["author"], row["created_at"],
        )  # fmt: skip


class LearnedUnitsQueue(Protocol):
    """Where confirmed units also go when the desktop is on a team (team/memory_outbox.MemoryOutbox)."""

    def queue_learned(self, learned: Sequence[tuple[MemoryUnit, bool]]) -> None:
        """Keep (unit, approved) pairs for the team memory; never waits for a server."""


class SharedMemory:
    """The user's memory across projects: an SQLite file with the project file's safety (WAL, full sync)."""

    def __init__(self, path: Path, team_outbox: LearnedUnitsQueue | None = None) -> None:
        self.path = path
        #: the confirmed units ops/memory_learning adds are queued here too (None: not on a team)
        self.team_outbox = team_outbox
        path.parent.mkdir(parents=True, exist_ok=True)
        # the project file's connection: every failure ends in a ProjectFault naming this file
        self.db: sqlite3.Connection = connect_project(path, read_only=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        ensure_memory_tables(self.db)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException:
            # after a full disk SQLite has rolled back already: a second ROLLBACK would hide why
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def add(self, new_units: Iterable[MemoryUnit], stamp: str) -> int:
        """Add units in one transaction, indexed a few thousand at a time: postings in key order, each
        pair's count updated once (the file's index was upgraded on opening); the concordance's word
        indexes in one statement at the end."""
        added = 0
        with self.transaction() as db, bulk_inserts(db, "tm_units"):  # the concordance's index: at the end
            pending: list[tuple[int, str]] = []
            for unit in new_units:
                inserted = _insert_unit(db, unit, stamp)
                if inserted is not None:
                    pending.append(inserted)
                if len(pending) >= _INDEX_BATCH:
                    bulk_index(db, pending)
                    added, pending = added + len(pending), []
            bulk_index(db, pending)
        return added + len(pending)

    def lookup(self, source: str, target_language: str, threshold: int = DEFAULT_THRESHOLD) -> list[TmMatch]:
        return lookup(self.db, source, target_language, "shared", threshold)

    def exact_unit(self, key: str, target_language: str) -> MemoryUnit | None:
        return exact_unit(self.db, key, target_language)

    def close(self) -> None:
        self.db.close()
