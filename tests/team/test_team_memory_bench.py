"""`bench team-memory` starts its own server, loads the units and prints the figures (never asserted fast)."""

from __future__ import annotations

import re

from workbench.bench.team_memory_bench import run_team_memory_benchmark


def test_the_team_memory_benchmark_prints_load_sizes_and_lookup_latencies() -> None:
    lines: list[str] = []
    run_team_memory_benchmark(2000, lines.append, queries=20)
    text = "\n".join(lines)
    assert re.search(r"loaded 2000 units with COPY .* in [\d.]+ s", text), text
    assert re.search(r"memory_pairs \d+ MB", text) and re.search(r"memory_units \d+ MB", text), text
    figures = r"median [\d.]+ ms, 95th percentile [\d.]+ ms, min [\d.]+ ms, max [\d.]+ ms"
    assert re.search(r"fuzzy lookup \(one word changed\), 20 queries as a translator, first pass: " + figures, text)
    assert re.search(r"the same queries again: " + figures, text), text
    assert re.search(r"exact lookup, 20 queries: " + figures, text), text
    assert re.search(r"the changed unit found in [\d.]+% of fuzzy lookups", text), text
