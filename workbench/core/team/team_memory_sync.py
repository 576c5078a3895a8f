"""The desktop and the team memory: the outbox sent, the cache refreshed, a lookup from wherever it can.

The files are the desktop's, beside the settings (config_dir): the outbox of confirmed units not yet sent
(memory_outbox) and the cache of the last-known team memory (team_memory_cache). A lookup asks the server
when a connection can be had, else answers from the cache, and says which it used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus

from workbench.core.errors import TeamServerError
from workbench.core.memory.translation_memory import DEFAULT_THRESHOLD
from workbench.core.settings import config_dir
from workbench.core.team.memory_outbox import OUTBOX_NAME, MemoryOutbox
from workbench.core.team.server_connection import server_faults
from workbench.core.team.team_memory import PushReport, TeamMatch, lookup, push_units
from workbench.core.team.team_memory_cache import CACHE_NAME, TeamMemoryCache

#: units sent per server transaction
_PUSH_PAGE = 2000


def outbox_path() -> Path:
    return config_dir() / OUTBOX_NAME


def cache_path() -> Path:
    return config_dir() / CACHE_NAME


def send_outbox(conn: psycopg.Connection[Any], server: str, outbox: MemoryOutbox) -> PushReport:
    """Push every queued unit, a page per transaction, taking each page off the outbox once the server has
    committed it. A failure leaves the unsent pages (and a page whose commit was not confirmed) queued; the
    next send pushes them again and the server keeps each unit once."""
    sent = added = approved = dropped = 0
    while page := outbox.pending(_PUSH_PAGE):
        report = push_units(conn, server, [unit for _id, unit in page])
        if conn.info.transaction_status != TransactionStatus.IDLE:  # the caller's transaction held it: commit
            with server_faults(server, "committing the units sent"):
                conn.commit()
        outbox.remove([outbox_id for outbox_id, _unit in page])
        sent, added = sent + report.sent, added + report.added
        approved, dropped = approved + report.approved, dropped + report.approvals_dropped
    return PushReport(sent, added, approved, dropped)


@dataclass(frozen=True, slots=True)
class TeamLookup:
    matches: list[TeamMatch]
    #: "server", or "cache" when the server could not be reached
    answered_by: str
    #: why the server was not used (its TeamServerError's message), "" when it was
    offline_reason: str = ""
    #: for the cache: when it was last pulled (None: never)
    cache_pulled_at: str | None = None


def team_lookup(
    open_connection: Callable[[], psycopg.Connection[Any]],
    server: str,
    source: str,
    target_language: str,
    cache: Path,
    threshold: int = DEFAULT_THRESHOLD,
) -> TeamLookup:
    """The team memory's matches for `source`: from the server, or from the cache when it cannot answer."""
    try:
        with open_connection() as conn:
            return TeamLookup(lookup(conn, server, source, target_language, threshold), "server")
    except TeamServerError as exc:
        reason = str(exc)
    memory = TeamMemoryCache(cache)
    try:
        return TeamLookup(memory.lookup(source, target_language, threshold), "cache", reason, memory.pulled_at)
    finally:
        memory.close()
