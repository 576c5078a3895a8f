"""`bench evaluate` prints the time of a whole `models evaluate`, its parts, and scoring alone."""

from __future__ import annotations

import re

from workbench.bench.evaluate_bench import run_evaluate_benchmark


def test_bench_evaluate_prints_every_figure_on_a_tiny_architecture() -> None:
    lines: list[str] = []
    run_evaluate_benchmark(12, 1, lines.append, architecture="tiny")
    text = "\n".join(lines)
    assert "bench evaluate: tiny architecture, random weights, int8; 12 generated press segments, vi->km" in text
    assert re.search(r"whole evaluation \(load \+ translate \+ score \+ store\): [\d.]+ s wall, [\d.]+ s CPU, "
                     r"[\d.]+ segments/s", text)  # fmt: skip
    assert re.search(r"translate [\d.]+ s \(\d+ output tokens/s\), score [\d.]+ s, load \+ store [\d.]+ s", text)
    assert re.search(r"peak memory \d+ MB, of which \d+ MB was held before the evaluation began", text)
    assert re.search(r"scoring alone \(chrF and BLEU \(char\) over 12 segments, 5 repeats\): median [\d.]+ s", text)
