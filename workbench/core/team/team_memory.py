"""The team memory on the server: units pushed, looked up, pulled and counted (tables: server_memory_schema).

A lookup is the local memory's, step by step (translation_memory.lookup): the exact units by matching key,
then the units sharing the query's winnowed pairs, the rarest pairs first within the same postings budget
(memory_index.weighted_pairs), the `CANDIDATES` sharing most, and the same scoring and ranking functions.
Only the storage differs (a GIN index of pairs instead of blocks of postings), so the same units give the
same matches with the same scores. Every query is parameterised; every failure is a TeamServerError.
"""

from __future__ import annotations

import random
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus

from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.memory.memory_index import chosen_pairs, weighted_pairs
from workbench.core.memory.translation_memory import (
    CANDIDATES,
    DEFAULT_THRESHOLD,
    MemoryUnit,
    TmMatch,
    best_scored,
    fuzzy_candidates,
    fuzzy_score,
    length_bounds,
    word_differences,
)
from workbench.core.team.memory_outbox import TeamUnit
from workbench.core.team.server_connection import server_faults

_UNIT_COLUMNS = "id, source_language, target_language, source, target, origin, author, approved_by, created_at"


@dataclass(frozen=True, slots=True)
class TeamMatch:
    """A team memory match: the local memory's match record, and who approved the unit (None: nobody)."""

    match: TmMatch
    approved_by: str | None


@dataclass(frozen=True, slots=True)
class PushReport:
    sent: int
    added: int
    approved: int
    #: approvals sent as plain units because this login is not an editor
    approvals_dropped: int


def _utc(value: datetime) -> str:
    """A server time as the cache stores it: UTC with microseconds, so text order is time order."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def is_team_editor(conn: psycopg.Connection[Any], server: str) -> bool:
    with server_faults(server, "reading this login's role"):
        row = conn.execute("SELECT pg_has_role(current_user, 'wb_editor', 'MEMBER')").fetchone()
    return bool(row and row[0])


def unit_row(unit: TeamUnit) -> tuple[str, str, str, str, str, list[int], str] | None:
    """The columns a unit is inserted with (source composed, key and pairs as the local memory makes them);
    None for an empty unit, which the local memory never keeps either, and for one holding a NUL character,
    which PostgreSQL's text cannot (refused, it would fail every push of the outbox that holds it)."""
    if not unit.source.strip() or not unit.target.strip() or "\x00" in unit.source + unit.target + unit.origin:
        return None
    source = unicodedata.normalize("NFC", unit.source)
    key = normalize_for_matching(source)
    pairs = chosen_pairs(key)
    if not key or not pairs:
        return None
    signed = [p - (1 << 32) if p >= 1 << 31 else p for p in pairs]  # crc32 as PostgreSQL's signed integer
    return (unit.source_language, unit.target_language, source, key, unit.target, signed, unit.origin)


#: one statement per push: the statement trigger then files every pair of the push at once, in pair order,
#: so two pushes lock the pair counts in the same order (statements one per unit locked them unit by unit,
#: in each push's own order: a deadlock). Columns as arrays: any number of units, seven parameters.
_INSERT = """INSERT INTO wb.memory_units AS u
        (source_language, target_language, source, source_key, target, pairs, origin{approved_column})
    SELECT r.source_language, r.target_language, r.source, r.source_key, r.target, r.pairs::integer[], r.origin{approved}
    FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::boolean[])
         WITH ORDINALITY AS r(source_language, target_language, source, source_key, target, pairs, origin, approved, n)
    ORDER BY r.n
    ON CONFLICT (md5(source_key), target_language, md5(target)) """
#: a translator's push (approved_by is not even a column it may insert)
_KEEP = _INSERT.format(approved_column="", approved="") + "DO NOTHING RETURNING u.approved_by IS NOT NULL"
#: an editor's push with approvals: an approved unit the server has unapproved becomes approved
_KEEP_OR_APPROVE = (
    _INSERT.format(approved_column=", approved_by", approved=", CASE WHEN r.approved THEN current_user END")
    + "DO UPDATE SET approved_by = current_user WHERE u.approved_by IS NULL AND excluded.approved_by IS NOT NULL"
    " RETURNING u.approved_by IS NOT NULL"
)
#: a push that collided with another's is tried again (the server rolled it back whole) this many times
PUSH_ATTEMPTS = 5


def _push_rows(units: Sequence[TeamUnit], editor: bool) -> tuple[list[tuple[Any, ...]], int]:
    """The rows of one push, each unit once (an approval wins), in the push's order (the ids follow it, as
    the local memory's do: ties between equal matches are broken by them); and how many approvals go as
    plain units because this login is not an editor."""
    rows: dict[tuple[str, str, str], tuple[Any, ...]] = {}
    dropped = 0
    for unit in units:
        row = unit_row(unit)
        if row is None:
            continue
        dropped += int(unit.approved and not editor)
        identity = (row[3], row[1], row[4])
        kept = rows.get(identity)
        approved = unit.approved and editor
        if kept is None or (approved and not kept[-1]):
            rows[identity] = (*row[:5], "{" + ",".join(map(str, row[5])) + "}", row[6], approved)
    return list(rows.values()), dropped


def push_units(conn: psycopg.Connection[Any], server: str, units: Sequence[TeamUnit]) -> PushReport:
    """Add the units in one transaction of their own; a unit the server has already is left as it is (an
    approval marks it approved), so a push retried after a lost answer adds nothing twice. A translator's
    approvals go as plain units: only an editor's login may approve, and the server would refuse the whole push.

    A transaction the caller left open (a lookup's, on a connection not in autocommit mode) is ended first:
    inside it the push would be a savepoint, its locks held and its units unseen by anyone until the caller
    committed. A push the server rolled back for colliding with another's (a deadlock, a serialization
    failure) is sent again, up to PUSH_ATTEMPTS times."""
    with server_faults(server, "adding units to the team memory"):
        if conn.info.transaction_status == TransactionStatus.INTRANS:
            conn.commit()
        editor = is_team_editor(conn, server) if any(u.approved for u in units) else False
        if conn.info.transaction_status == TransactionStatus.INTRANS:
            conn.commit()
        rows, dropped = _push_rows(units, editor)
        if not rows:
            return PushReport(len(units), 0, 0, dropped)
        columns = [list(column) for column in zip(*rows, strict=True)]
        statement = _KEEP_OR_APPROVE if any(row[-1] for row in rows) else _KEEP
        for attempt in range(1, PUSH_ATTEMPTS + 1):
            try:
                with conn.transaction(), conn.cursor() as cursor:
                    cursor.execute(statement, columns)
                    written = [bool(r[0]) for r in cursor.fetchall()]
                break
            except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure):
                if attempt == PUSH_ATTEMPTS:
                    raise
                time.sleep(random.uniform(0.05, 0.2) * attempt)  # the other push finishes meanwhile
    approved = sum(written)
    return PushReport(len(units), len(written) - approved, approved, dropped)


def approve_unit(conn: psycopg.Connection[Any], server: str, unit_id: int) -> bool:
    """Mark a unit approved by this (editor's) login; False when it was approved already or is not there."""
    with server_faults(server, "approving a team memory unit"), conn.transaction():
        cursor = conn.execute(
            "UPDATE wb.memory_units SET approved_by = current_user WHERE id = %s AND approved_by IS NULL", (unit_id,)
        )
    return cursor.rowcount > 0


def lookup(
    conn: psycopg.Connection[Any],
    server: str,
    source: str,
    target_language: str,
    threshold: int = DEFAULT_THRESHOLD,
    limit: int = 5,
) -> list[TeamMatch]:
    """Exact and fuzzy matches from the team memory, best first: the local memory's for the same units."""
    key = normalize_for_matching(source)
    if not key:
        return []
    with server_faults(server, "looking up the team memory"), conn.cursor() as cursor:
        cursor.execute(
            f"SELECT {_UNIT_COLUMNS} FROM wb.memory_units WHERE source_key = %s AND target_language = %s",
            (key, target_language),
        )
        # the local memory meets them in its unique index's order: by target, code point by code point
        exact = sorted(cursor.fetchall(), key=lambda r: r[4])
        rows: dict[int, tuple[Any, ...]] = {r[0]: r for r in exact}
        scored = [(100, _utc(r[8]), r[0]) for r in exact]
        signed = [p - (1 << 32) if p >= 1 << 31 else p for p in chosen_pairs(key)]
        cursor.execute("SELECT pair, docs FROM wb.memory_pair_docs WHERE pair = ANY(%s) ORDER BY docs, pair", (signed,))
        shared = _shared_pairs(cursor, cursor.fetchall())
        best = fuzzy_candidates(shared, set(rows)) if shared else []
        if best:
            shortest, longest = length_bounds(key, threshold)
            cursor.execute(
                """SELECT id, source_key, created_at FROM wb.memory_units WHERE id = ANY(%s)
                   AND target_language = %s AND length(source_key) BETWEEN %s AND %s ORDER BY id""",
                (best, target_language, shortest, longest),
            )
            for unit_id, other, created_at in cursor.fetchall():
                score = fuzzy_score(key, other, threshold)
                if score >= threshold:
                    scored.append((score, _utc(created_at), unit_id))
        kept = best_scored(scored, limit)
        fuzzy = [unit_id for _score, _created, unit_id in kept if unit_id not in rows]
        if fuzzy:
            cursor.execute(f"SELECT {_UNIT_COLUMNS} FROM wb.memory_units WHERE id = ANY(%s)", (fuzzy,))
            rows.update((r[0], r) for r in cursor.fetchall())
    return [_match(rows[unit_id], score, source) for score, _created, unit_id in kept]


def _shared_pairs(cursor: psycopg.Cursor[Any], known: Iterable[tuple[int, int]]) -> dict[int, float]:
    """memory_index.shared_pairs and the choice of candidates over the server's postings: the same pairs
    read, each unit's weights summed in the same order (the same floating-point sum), and the units
    sharing most with ties in the order the local memory first meets them (pair by pair, by id); the
    server ranks them, so only the best `CANDIDATES` come back, in that order."""
    chosen = weighted_pairs((int(p), int(d)) for p, d in known)
    if not chosen:
        return {}
    cursor.execute(
        """SELECT m.unit_id, sum(q.weight ORDER BY q.n) AS shared
           FROM unnest(%s::integer[], %s::float8[]) WITH ORDINALITY AS q(pair, weight, n)
           JOIN wb.memory_pairs m ON m.pair = q.pair
           GROUP BY m.unit_id ORDER BY shared DESC, min(q.n), m.unit_id LIMIT %s""",
        ([p for p, _w in chosen], [w for _p, w in chosen], CANDIDATES),
    )
    return {int(unit_id): float(shared) for unit_id, shared in cursor.fetchall()}


def _match(row: tuple[Any, ...], score: int, source: str) -> TeamMatch:
    unit = MemoryUnit(row[3], row[4], row[2], row[1], row[5], row[6], _utc(row[8]))
    return TeamMatch(TmMatch(unit, score, "team", word_differences(unit.source, source)), row[7])


@dataclass(frozen=True, slots=True)
class PulledUnit:
    team_id: int
    unit: MemoryUnit
    approved_by: str | None


def changed_since(
    conn: psycopg.Connection[Any], server: str, since: int, page: int = 20_000
) -> Iterable[tuple[list[PulledUnit], int]]:
    """The units written since the transaction horizon `since` (0: all), a page at a time, each page with
    the horizon to start from next time. The horizon is the oldest transaction still running before the
    units are read: every transaction older than it had ended and is seen by the read, and a transaction
    the read could not see yet has an id at or past it, so the next pull reads it (a unit read twice is the
    same unit: the cache keeps it once)."""
    with server_faults(server, "reading the team memory"), conn.transaction():
        horizon_row = conn.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint").fetchone()
        horizon = int(horizon_row[0]) if horizon_row else since
        with conn.cursor(name="team_memory_pull") as cursor:
            cursor.itersize = page
            cursor.execute(
                f"SELECT {_UNIT_COLUMNS} FROM wb.memory_units WHERE changed >= %s::text::xid8 ORDER BY id",
                (str(since),),
            )
            while rows := cursor.fetchmany(page):
                yield [PulledUnit(r[0], _match(r, 100, r[3]).match.unit, r[7]) for r in rows], horizon
        yield [], horizon  # the horizon, when nothing changed too


@dataclass(frozen=True, slots=True)
class TeamMemoryStats:
    units: int
    approved: int
    by_language: dict[str, int]
    authors: int
    glossary_terms: int
    index_bytes: int


def stats(conn: psycopg.Connection[Any], server: str) -> TeamMemoryStats:
    with server_faults(server, "counting the team memory"):
        rows = conn.execute(
            """SELECT target_language, count(*), count(approved_by), count(DISTINCT author)
               FROM wb.memory_units GROUP BY target_language ORDER BY target_language"""
        ).fetchall()
        authors = conn.execute("SELECT count(DISTINCT author) FROM wb.memory_units").fetchone()
        terms = conn.execute("SELECT count(*) FROM wb.glossary_terms").fetchone()
        size = conn.execute(
            "SELECT coalesce(sum(pg_relation_size(indexrelid)), 0) FROM pg_index WHERE indrelid = 'wb.memory_units'::regclass"
        ).fetchone()
    return TeamMemoryStats(
        sum(r[1] for r in rows),
        sum(r[2] for r in rows),
        {r[0]: r[1] for r in rows},
        int(authors[0]) if authors else 0,
        int(terms[0]) if terms else 0,
        int(size[0]) if size else 0,
    )
