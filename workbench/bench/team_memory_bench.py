"""`python main.py bench team-memory`: lookups in a team memory of 1,000,000 units on a real PostgreSQL server.

A throwaway cluster is started for the run (core/team/local_cluster: initdb in a temporary folder, as the
tests do; PostgreSQL's server programs must be installed) and `team init` applied. The units are tm_bench's
generated Vietnamese sentences, their keys and pairs made as a desktop makes them, loaded with COPY as the
administrator. The lookups run as a translator's login, row-level security in force, over the Unix socket:
units with one word changed (the common fuzzy case) and units as they are (exact). Figures only, no verdict.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from typing import Any

import psycopg

from workbench.bench.tm_bench import generate_units
from workbench.core.language.language_rules import ENGLISH
from workbench.core.team.local_cluster import start_cluster
from workbench.core.team.memory_outbox import TeamUnit
from workbench.core.team.server_connection import connect
from workbench.core.team.team_memory import lookup, unit_row
from workbench.core.team.team_setup import add_user, initialise

_COPY = """COPY wb.memory_units (source_language, target_language, source, source_key, target, pairs, origin)
    FROM STDIN"""


def run_team_memory_benchmark(count: int, out: Callable[[str], None], queries: int = 200) -> None:
    rng = random.Random(11)
    began = time.perf_counter()
    sources = generate_units(count)
    out(f"{count} units generated in {time.perf_counter() - began:.1f} s")
    cluster = start_cluster()
    try:
        cluster.create_database("bench")
        with connect(cluster.superuser_url("bench")) as conn:
            initialise(conn, "bench")
            translator = add_user(conn, "bench", "bench_translator", "translator")
            began = time.perf_counter()
            rows = 0
            with conn.cursor() as cursor, cursor.copy(_COPY) as copy:
                for n, source in enumerate(sources):
                    row = unit_row(TeamUnit(source, f"[en {n}] {source}", ENGLISH, origin="bench"))
                    if row is not None:
                        copy.write_row(row)
                        rows += 1
            conn.commit()
            loaded = time.perf_counter() - began
            conn.autocommit = True
            conn.execute("VACUUM ANALYZE wb.memory_units")
            conn.execute("VACUUM ANALYZE wb.memory_pair_docs")
            sizes = _sizes(conn)
        out(
            f"loaded {rows} units with COPY (keys and pairs made as a desktop makes them, the pair counts by the "
            f"server's trigger) in {loaded:.1f} s ({rows / loaded:,.0f} units/s)"
        )
        out("  " + ", ".join(f"{name} {size / 1e6:.0f} MB" for name, size in sizes))
        asked = []
        for source in rng.sample(sources, min(queries, len(sources))):
            words = source.split()
            words[rng.randrange(len(words))] = rng.choice(["tỉnh", "huyện", "mới", "năm", "các"])
            asked.append((source, " ".join(words)))
        url = cluster.url("bench", translator.login, translator.password)
        with connect(url) as conn:
            # the first pass meets a server whose cache the load has just filled with other pages; the
            # second, the same queries on a server that has answered them once (an office's working day)
            cold, found = _timed(conn, [q for _s, q in asked], [s for s, _q in asked])
            fuzzy, _found = _timed(conn, [q for _s, q in asked], [s for s, _q in asked])
            exact, _found = _timed(conn, [s for s, _q in asked[:50]], [s for s, _q in asked[:50]])
        out(f"  fuzzy lookup (one word changed), {len(fuzzy)} queries as a translator, first pass: {_figures(cold)}")
        out(f"  the same queries again: {_figures(fuzzy)}")
        out(f"  the changed unit found in {found / len(asked):.1%} of fuzzy lookups")
        out(f"  exact lookup, {len(exact)} queries: {_figures(exact)}")
    finally:
        cluster.stop()


def _timed(conn: psycopg.Connection[Any], queries: list[str], originals: list[str]) -> tuple[list[float], int]:
    times, found = [], 0
    for query, original in zip(queries, originals, strict=True):
        began = time.perf_counter()
        matches = lookup(conn, "bench", query, ENGLISH)
        times.append(time.perf_counter() - began)
        found += any(m.match.unit.source == original for m in matches)
    return times, found


def _figures(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"median {statistics.median(ordered) * 1000:.1f} ms, 95th percentile {p95 * 1000:.1f} ms, "
        f"min {ordered[0] * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms"
    )


def _sizes(conn: psycopg.Connection[Any]) -> list[tuple[str, int]]:
    """The memory table and each of its indexes, on disk."""
    rows = conn.execute(
        """SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c
           WHERE c.relnamespace = 'wb'::regnamespace AND (c.relname LIKE 'memory_%')
           AND c.relkind IN ('r', 'i') ORDER BY c.relkind DESC, c.relname"""
    ).fetchall()
    return [(str(name), int(size)) for name, size in rows]
