"""`bench rerank` decodes the same segments with 1 and 4 hypotheses, token scores off and on, and prints every
mode and the ratios in the promised lines (a tiny architecture here, so it runs in seconds)."""

from __future__ import annotations

import re

import pytest

from workbench.bench.registry import BENCHMARKS, BenchRequest
from workbench.bench.rerank_bench import run_rerank_benchmark
from workbench.core.errors import WorkbenchError


def test_the_rerank_benchmark_prints_each_mode_and_the_ratios() -> None:
    lines: list[str] = []
    run_rerank_benchmark(("tiny",), 1, lines.append, rounds=2, segments=4)
    text = "\n".join(lines)
    assert lines[0].startswith("tiny (vi->km): random weights, int8, 1 threads, beam 4, 4 segments"), text
    for mode in ("1 hyp", "1 hyp\\+scores", "4 hyp", "4 hyp\\+scores"):
        assert re.search(
            rf"^  {mode} +wall [\d.]+ \([\d.]+-[\d.]+\) s  CPU [\d.]+ \([\d.]+-[\d.]+\) s  [\d.]+ \([\d.]+-[\d.]+\) "
            r"tok/s  \(2 runs, 96 tokens each\)$",
            text,
            re.M,
        ), text
    ratio = r"\d+\.\d\d \(\d+\.\d\d-\d+\.\d\d\)"
    assert re.search(rf"^  4 hypotheses/1, tok/s ratio: wall {ratio}, CPU {ratio}$", text, re.M), text
    assert re.search(rf"^  token scores on/off, tok/s ratio: 1 hyp: wall {ratio}, CPU {ratio}; 4 hyp: wall", text, re.M)
    assert re.search(rf"^  enforcement as run .*: wall {ratio}, CPU {ratio}$", text, re.M), text


def test_an_unknown_architecture_is_named() -> None:
    with pytest.raises(WorkbenchError, match="no architecture 'opus-mt-vi-km'"):
        run_rerank_benchmark(("opus-mt-vi-km",), 1, print)


def test_the_benchmark_takes_its_architectures_and_threads_from_the_command_line() -> None:
    assert BENCHMARKS["rerank"].arguments(BenchRequest(architectures=("opus-mt-vi-en",), threads=2)) == (
        ("opus-mt-vi-en",),
        2,
    )
