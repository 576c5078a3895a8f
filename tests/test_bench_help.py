"""`bench --help` (also what `bench route --help` prints) says which options each benchmark takes and their
defaults, so nobody starts a long run believing an option changed it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def bench_help(*suite: str) -> str:
    result = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "bench", *suite, "--help"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return " ".join(result.stdout.split())  # argparse wraps lines where it likes


def test_segments_names_the_default_of_route_and_evaluate() -> None:
    shown = bench_help("route")
    assert "route: 32" in shown and "evaluate: 1,012" in shown, shown


def test_threads_and_pairs_say_which_benchmarks_use_them() -> None:
    shown = bench_help("evaluate")
    threads = shown.rsplit("--threads THREADS", 1)[1].split("--reference", 1)[0]
    assert "route" in threads and "evaluate" in threads, threads
    pairs = shown.rsplit("--pairs PAIRS", 1)[1]
    assert "route and evaluate ignore it" in pairs, pairs
