"""`bench tm` prints the figures issue 14 asks of the memory: build time per unit as it grows, file size,
lookup times and the recall of one-word-changed units against brute force (figures, never asserted fast)."""

from __future__ import annotations

import math
import re

from workbench.bench.tm_bench import run_memory_benchmark


def _numbers(pattern: str, text: str) -> list[float]:
    found = re.search(pattern, text)
    assert found, (pattern, text)
    numbers = [float(group) for group in found.groups()]
    assert all(math.isfinite(n) for n in numbers), numbers
    return numbers


def test_the_memory_benchmark_prints_build_growth_size_lookups_and_recall() -> None:
    lines: list[str] = []
    run_memory_benchmark(2000, lines.append, queries=40)
    text = "\n".join(lines)
    units, megabytes, _seconds, _cpu = _numbers(
        r"memory of (\d+) units \(([\d.]+) MB\), built in ([\d.]+) s \(([\d.]+) s CPU\)", text
    )
    assert units == 2000 and megabytes > 0
    stretches = re.findall(r"build to +(\d+) units: +(\d+) us per unit added \( *(\d+) us CPU\), file (\d+) MB", text)
    assert [int(s[0]) for s in stretches] == [250, 500, 1000, 2000]
    _numbers(r"grows as units\^([\d.-]+) \(CPU units\^([\d.-]+)\) over the last two stretches, units\^([\d.-]+)", text)
    median, median_cpu, _p95 = _numbers(
        r"40 queries: median ([\d.]+) ms \(([\d.]+) ms CPU\), 95th percentile ([\d.]+)", text
    )
    assert median > 0 and median_cpu >= 0
    found, brute, recall = _numbers(r"found in ([\d.]+)% of lookups; .* finds it in ([\d.]+)%: recall ([\d.]+)%", text)
    assert 0 < brute <= 100 and 0 <= found <= 100 and abs(recall - 100 * found / brute) < 1  # found / brute force
