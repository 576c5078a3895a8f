"""`bench concordance` prints what issue 17 asks of the concordance: each kind of query's median and
min-max time (wall and CPU), its hits, the index's build time and what it adds to the file (figures,
never asserted fast)."""

from __future__ import annotations

import re

from workbench.bench.concordance_bench import run_concordance_benchmark


def test_the_concordance_benchmark_prints_every_query_the_index_build_and_size() -> None:
    lines: list[str] = []
    run_concordance_benchmark(2000, lines.append)
    text = "\n".join(lines)
    assert re.search(r"shared memory of 2,000 sources \(2,667 units", text), text
    assert re.search(r"does: [\d.]+ s \([\d.]+ s CPU\); file \d+ MB without them, \d+ MB with them", text)
    timed = re.findall(r"median ([\d.]+) ms \(min ([\d.]+), max ([\d.]+)\), ([\d.]+) ms CPU; (\d+) hits", text)
    assert len(timed) == 7, text
    assert all(float(low) <= float(median) <= float(high) for median, low, high, _cpu, _hits in timed)
    hits = [int(t[4]) for t in timed]
    # every kind finds something but "no hits" (the many-d phrase is taken from the memory only when the oldest
    # tenth has one: not always in 2,000 units)
    assert hits[5] == 0 and all(h > 0 for h in hits[:5])
