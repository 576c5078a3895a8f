"""The `bench` command: speed figures of each part, printed and never asserted by a test.

The grid benchmark drives the window, so it is loaded by name when asked for: the CLI imports no Qt.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.bench.registry import BENCHMARKS, BenchRequest, run_benchmark
from workbench.commands.project import bench_segmentation
from workbench.commands.values import bounded
from workbench.context import AppContext
from workbench.core.errors import WorkbenchError
from workbench.core.language.segmentation_check import shipped_references
from workbench.mt.loader import load_engine
from workbench.mt.model_store import ModelStore
from workbench.mt.random_models import ARCHITECTURES


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `bench` with the handler `commands.main` dispatches to."""
    p = sub.add_parser("bench", help="print speed figures (no test asserts them)")
    p.add_argument(
        "suite",
        nargs="?",
        choices=[*BENCHMARKS, "segmentation", "mt"],
        help="project: import+segmentation MB/s and open+read time; segmentation: precision, recall and F1 on references; "
        "mt (the default with --model or --architecture): decoding speed and memory; grid: the window on 50,000 "
        "segments; tm: lookups in 200,000 memory units; qa: every check over 100,000 segments; export: every format "
        "and a hand-off merged back on 50,000 segments; merge: plan and write back 5,000 and 50,000 taken conflicts; "
        "prefill: plan 50,000 segments whose 100 %% matches come from a 200,000-unit memory; "
        "pretranslate: the window's pre-translation against the CLI's (random weights, --architecture or both); "
        "route: a pivot route vi->en->km against direct vi->km (32 segments); evaluate: `models evaluate` on "
        "1,012 segments",
    )
    p.add_argument("--architecture", choices=sorted(ARCHITECTURES), help="random weights")
    p.add_argument("--model", help="an installed model to measure")
    p.add_argument(
        "--threads",
        type=bounded(0, 256),
        default=0,
        help="CPU threads of mt, pretranslate, route and evaluate (0: CTranslate2's default)",
    )
    p.add_argument("--reference", type=Path, action="append", help="segmentation reference file(s) to score")
    p.add_argument("--megabytes", type=float, default=10.0)
    p.add_argument(
        "--segments",
        type=bounded(1, 10_000_000),
        default=None,
        help="project/grid: 50,000; qa: 100,000; route: 32; evaluate: 1,012 unless given",
    )
    p.add_argument("--units", type=bounded(1, 10_000_000), default=200_000, help="tm: units in the memory")
    p.add_argument(
        "--pairs",
        type=bounded(1, 50),
        default=3,
        help="mt: interleaved raw/pipeline pairs per workload and mode (route and evaluate ignore it: route runs 3)",
    )
    p.set_defaults(handler=cmd_bench)


def cmd_bench(args: argparse.Namespace, context: AppContext) -> int:
    if args.suite in ("route", "evaluate"):
        run_benchmark(args.suite, BenchRequest(args.segments, threads=args.threads), print)
        return 0
    if args.suite in ("pretranslate", "rerank", "trust"):  # random-weight benchmarks: --architecture narrows them
        architectures = (args.architecture,) if args.architecture else ()
        run_benchmark(args.suite, BenchRequest(architectures=architectures, threads=args.threads), print)
        return 0
    if args.suite in ("mt", None) or args.architecture or args.model:
        return bench_mt(context.models, args.model, args.architecture, args.threads, args.pairs)
    if args.suite == "segmentation":
        return bench_segmentation(args.reference or shipped_references())
    run_benchmark(args.suite, BenchRequest(args.segments, args.units, args.megabytes), print)
    return 0


def bench_mt(store: ModelStore, model_name: str | None, architecture: str | None, threads: int, pairs: int = 3) -> int:
    """An installed model's decoding speed (CTranslate2, and transformers beside it when it is there), or
    random-weight models of the catalogue's architectures."""
    from workbench.bench.mt_bench import run_mt_benchmark
    from workbench.mt.speed import measure_engines

    if model_name:
        runnable = store.runnable(model_name)
        if runnable.format != "ct2":
            raise WorkbenchError(f"convert {model_name} first: python main.py models convert {model_name}")
        original = store.get(model_name)
        hf = original.path if original.format == "transformers" else None
        load_engine(runnable.path, runnable.name, "ct2", 1)  # a broken model: one message, not a worker traceback
        print(f"{runnable.name} ({runnable.family}, {runnable.quantization or 'ct2'})")
        measure_engines(hf, runnable.path, print, threads, pairs)
        return 0
    for arch in [architecture] if architecture else ["opus-mt-vi-en", "nllb-200-distilled-600M"]:
        run_mt_benchmark(arch, print, threads, pairs)
    return 0
