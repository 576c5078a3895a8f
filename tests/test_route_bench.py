"""`bench route` drafts the same segments through a route and directly, and prints its figures in the promised
lines (a tiny architecture for both hops here, so the code path runs in seconds)."""

from __future__ import annotations

import re

from workbench.bench.registry import BENCHMARKS, BenchRequest
from workbench.bench.route_bench import run_route_benchmark


def test_the_route_benchmark_prints_both_paths_and_the_ratio() -> None:
    lines: list[str] = []
    run_route_benchmark(4, 1, lines.append, architectures=("tiny", "tiny"), pairs=2)
    text = "\n".join(lines)
    assert lines[0].startswith("route vi->en->km (tiny, then tiny) against direct vi->km (tiny)"), text
    assert "so the comparison is of decoding work" in text
    for path in ("route", "direct"):
        assert re.search(
            rf"^  {path} +wall median [\d.]+ s \([\d.]+-[\d.]+\); CPU median [\d.]+ s .*\(2 runs, 4 drafts each\)$",
            text,
            re.M,
        ), text
    # the hops apart leave out an empty pivot as the route does; at full length every segment is drafted
    assert re.search(r"^  hops apart +wall median [\d.]+ s .*\(2 runs, \d drafts each\)$", text, re.M), text
    assert re.search(r"^  full length +wall median [\d.]+ s .*\(2 runs, 4 drafts each\)$", text, re.M), text
    assert re.search(r"^  the random first hop's English: \d of 4 pivots empty", text, re.M), text
    assert re.search(r"^  route/\(hops apart, .*\): wall \d+\.\d\d, CPU \d+\.\d\d$", text, re.M), text
    assert re.search(r"^  route/direct as measured .*: wall \d+\.\d\d, CPU \d+\.\d\d$", text, re.M), text
    assert re.fullmatch(r"  route/direct with full-length pivots .*: wall \d+\.\d\d, CPU \d+\.\d\d", lines[-1]), lines[
        -1
    ]


def test_the_route_benchmark_takes_its_segments_and_threads_from_the_command_line() -> None:
    assert BENCHMARKS["route"].arguments(BenchRequest()) == (32, 0)
    assert BENCHMARKS["route"].arguments(BenchRequest(segments=8, threads=2)) == (8, 2)
