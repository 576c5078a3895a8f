"""The benchmarks of `python main.py bench`, by name, each loaded only when it runs.

The grid benchmark drives the window: importing it pulls in PySide6 and workbench.ui. Loading every
benchmark by name (importlib) keeps the CLI free of Qt, as the layer contract in pyproject.toml checks,
and makes adding a benchmark one entry here. `bench mt` and `bench segmentation` need the model store
and reference files, so the CLI runs them itself.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

Out = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class BenchRequest:
    """What the command line asked for; None leaves a figure to the benchmark's own default."""

    segments: int | None = None
    units: int = 200_000
    megabytes: float = 10.0
    #: random-weight architectures to measure (bench pretranslate); empty: every catalogue architecture
    architectures: tuple[str, ...] = ()
    threads: int = 0

    def segments_or(self, default: int) -> int:
        return self.segments if self.segments is not None else default


@dataclass(frozen=True, slots=True)
class Benchmark:
    name: str
    #: one line for `bench --help`
    summary: str
    #: the module under workbench.bench and its function, imported only when the benchmark runs
    module: str
    function: str
    #: the function's arguments before `out`, from the request
    arguments: Callable[[BenchRequest], tuple[object, ...]]

    def load(self) -> Callable[..., None]:
        return cast(
            Callable[..., None], getattr(importlib.import_module(f"workbench.bench.{self.module}"), self.function)
        )

    def run(self, request: BenchRequest, out: Out) -> None:
        self.load()(*self.arguments(request), out)


BENCHMARKS: dict[str, Benchmark] = {
    b.name: b
    for b in (
        Benchmark(
            "project", "import+segmentation MB/s and open+read time", "project_bench", "run_project_benchmark",
            lambda r: (r.megabytes, r.segments_or(50_000)),
        ),
        Benchmark(
            "grid", "the window on 50,000 segments", "grid_bench", "run_grid_benchmark",
            lambda r: (r.segments_or(50_000),),
        ),
        Benchmark(
            "tm", "lookups in 200,000 memory units", "tm_bench", "run_memory_benchmark", lambda r: (r.units,)
        ),
        Benchmark(
            "qa", "every check over 100,000 segments", "qa_bench", "run_qa_benchmark",
            lambda r: (r.segments_or(100_000),),
        ),
        Benchmark(
            "export", "every format and a hand-off merged back on 50,000 segments", "export_bench",
            "run_export_benchmark", lambda r: (r.segments_or(50_000),),
        ),
        Benchmark(
            "merge", "plan and write back a hand-off of 5,000 and 50,000 taken conflicts", "merge_bench",
            "run_merge_benchmark", lambda r: ((5_000, 50_000) if r.segments is None else (r.segments,),),
        ),
        Benchmark(
            "prefill", "plan a pre-translation of 50,000 segments with a 200,000-unit shared memory", "prefill_bench",
            "run_prefill_benchmark", lambda r: (r.segments_or(50_000), r.units),
        ),
        Benchmark(
            "pretranslate", "the window's pre-translation against the CLI's, and the wait for 'this segment now'",
            "pretranslate_bench", "run_pretranslate_benchmark", lambda r: (r.architectures, r.threads),
        ),
        Benchmark(
            "route", "a pivot route vi->en->km against direct vi->km on the same 32 segments (random weights)",
            "route_bench", "run_route_benchmark", lambda r: (r.segments_or(32), r.threads),
        ),
        Benchmark(
            "evaluate", "`models evaluate` on 1,012 segments (the FLORES devtest size), opus-mt-vi-en architecture",
            "evaluate_bench", "run_evaluate_benchmark", lambda r: (r.segments_or(1012), r.threads),
        ),
        Benchmark(
            "trust", "back-translation + quality estimate on a 2,500-word article: overhead, urgent requests first",
            "trust_bench", "run_trust_benchmark", lambda r: (r.architectures, r.threads),
        ),
        Benchmark(
            "rerank", "glossary enforcement: 4 hypotheses against 1, tokens/s (random weights)",
            "rerank_bench", "run_rerank_benchmark", lambda r: (r.architectures, r.threads),
        ),
        Benchmark(
            "concordance", "concordance (Ctrl+K) queries on 200,000 memory units", "concordance_bench",
            "run_concordance_benchmark", lambda r: (r.units,),
        ),
        Benchmark(
            "analysis", "Tools > Analysis of 50,000 segments into en and km with a 200,000-unit shared memory",
            "analysis_bench", "run_analysis_benchmark", lambda r: (r.segments_or(50_000), r.units),
        ),
        Benchmark(
            "spelling", "spell checking one line as it is typed (1,000 Khmer characters, English)", "spelling_bench",
            "run_spelling_benchmark", lambda r: (),
        ),
        Benchmark(
            "team-memory", "team memory lookups on a throwaway PostgreSQL server with 1,000,000 units",
            "team_memory_bench", "run_team_memory_benchmark",
            lambda r: (1_000_000 if r.units == BenchRequest().units else r.units,),
        ),
        Benchmark(
            "tags", "import and export of 50,000 segments with two tag pairs each, against the same without tags",
            "tags_bench", "run_tags_benchmark", lambda r: (r.segments_or(50_000),),
        ),
    )
}  # fmt: skip


def run_benchmark(name: str, request: BenchRequest, out: Out) -> None:
    """Run the benchmark called `name` (a KeyError for an unknown one: argparse's choices come from BENCHMARKS)."""
    BENCHMARKS[name].run(request, out)
