"""`bench` finds every benchmark by name, and only the one asked for is loaded: the CLI never loads Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from workbench.bench.registry import BENCHMARKS, BenchRequest

REPO = Path(__file__).resolve().parents[1]


def test_every_benchmark_the_cli_offers_is_registered_and_loads() -> None:
    assert set(BENCHMARKS) == {
        "project",
        "grid",
        "tm",
        "qa",
        "export",
        "merge",
        "prefill",
        "pretranslate",
        "route",
        "evaluate",
        "trust",
        "rerank",
        "concordance",
        "spelling",
        "analysis",
        "tags",
        "team-memory",
    }
    for benchmark in BENCHMARKS.values():
        assert callable(benchmark.load()), benchmark.name
        assert benchmark.summary


def test_a_figure_left_out_is_the_benchmarks_own_default() -> None:
    assert BENCHMARKS["qa"].arguments(BenchRequest()) == (100_000,)
    assert BENCHMARKS["qa"].arguments(BenchRequest(segments=300)) == (300,)
    assert BENCHMARKS["project"].arguments(BenchRequest(megabytes=2.0)) == (2.0, 50_000)
    assert BENCHMARKS["tm"].arguments(BenchRequest(units=500)) == (500,)
    assert BENCHMARKS["team-memory"].arguments(BenchRequest()) == (1_000_000,)
    assert BENCHMARKS["team-memory"].arguments(BenchRequest(units=5000)) == (5000,)


def test_running_the_quality_check_benchmark_never_loads_the_window() -> None:
    code = (
        "import sys\n"
        "from workbench.bench.registry import BenchRequest, run_benchmark\n"
        "run_benchmark('qa', BenchRequest(segments=300), print)\n"
        "print('loaded:', sorted(m for m in sys.modules if m.startswith(('PySide6', 'workbench.ui', 'workbench.bench.grid'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False)
    assert result.returncode == 0, result.stderr
    assert "quality checks" in result.stdout and "the same in every way" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "loaded: []"
