"""`bench pretranslate` runs both paths on a real project and prints its figures in the promised lines."""

from __future__ import annotations

import re

from workbench.bench.pretranslate_bench import run_pretranslate_benchmark


def test_the_pretranslate_benchmark_prints_both_paths_and_the_summary_line(qtbot) -> None:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    run_pretranslate_benchmark(("tiny",), 1, lines.append)
    text = "\n".join(lines)
    assert re.search(
        r"^  cli +wall median [\d.]+ s \([\d.]+-[\d.]+\); CPU median [\d.]+ s .*\(2 runs\)$", text, re.M
    ), text
    assert re.search(r"^  window +wall median [\d.]+ s .*\(2 runs\)$", text, re.M), text
    assert "the job's drafts are the CLI's" in text, text
    assert re.fullmatch(r"  window/cli throughput: \d+\.\d\d; urgent median: (\d+\.\d\d|nan) s", lines[-1])
