"""`bench spelling` prints one line per measurement, Khmer always (its dictionary is shipped)."""

from __future__ import annotations

import pytest

from workbench.bench import spelling_bench


def test_the_benchmark_prints_the_keystroke_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spelling_bench, "ROUNDS", 1)
    monkeypatch.setattr(spelling_bench, "LOAD_ROUNDS", 1)
    lines: list[str] = []
    spelling_bench.run_spelling_benchmark(lines.append)
    text = "\n".join(lines)
    assert "Khmer line of 1,000 characters" in text and "Khmer (no spaces at all) line" in text
    assert sum("keystroke: one character typed" in line for line in lines) in (2, 3)  # English needs a system one
    assert "km_KH word list into the segmenter (56,839 words)" in text
    assert all(" ms (min " in line or " s (min " in line for line in lines if line.startswith("  "))
