"""`bench trust` runs pre-translation with and without back-translation on a real project file and prints its
figures in the promised lines (tiny architecture: seconds, not minutes; the figures themselves are not checked)."""

from __future__ import annotations

import re

from workbench.bench.trust_bench import article_text, run_trust_benchmark


def test_the_article_is_about_2500_words_of_vietnamese() -> None:
    words = article_text().split()
    assert 2500 <= len(words) < 2800
    assert "Sóc Trăng" in " ".join(words)


def test_the_trust_benchmark_prints_both_runs_the_overhead_and_the_urgent_waits() -> None:
    lines: list[str] = []
    run_trust_benchmark(("tiny",), 1, lines.append)
    text = "\n".join(lines)
    assert re.search(r"^tiny: vi->km drafts, km->vi back-translations by tiny", text, re.M), text
    assert re.search(r"^  A pre-translation alone +wall median [\d.]+ s \([\d.]+-[\d.]+\); CPU median .*\(2 runs\)$",
                     text, re.M), text  # fmt: skip
    assert re.search(r"^  B \+ back-translation.* wall median [\d.]+ s .*\(2 runs\)$", text, re.M), text
    assert re.search(r"^  overhead B/A: wall \d+\.\d\dx, CPU \d+\.\d\dx$", text, re.M), text
    assert re.search(r"^  beam 4 / greedy: wall \d+\.\d\dx$", text, re.M), text
    for phase in ("alone", "during drafting", "during back-translation"):
        assert re.search(rf"^  'this segment now' {phase}: +(median [\d.]+ s, max [\d.]+ s|none answered)", text, re.M)
