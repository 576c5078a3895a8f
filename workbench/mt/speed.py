"""Measuring a model's decoding speed and memory: raw CTranslate2 at its best against our pipeline, and
transformers fp32 for reference.

The model manager's "measure" and `bench mt` both use it. Raw and pipeline runs alternate in one process
on one loaded model (A B, B A, ...), so a noisy machine slows both alike; their median and spread of wall
and CPU time are printed, and a difference is claimed only when the spreads do not overlap
(speed_stats.py). Peak memory comes from separate processes, one per kind, so each is its own.
Figures are printed, never asserted.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from workbench.core.language.language_rules import VIETNAMESE
from workbench.core.ops.pretranslation import Unit
from workbench.mt.ct2_engine import Ct2Engine
from workbench.mt.engine import DecodingOptions
from workbench.mt.loader import load_engine
from workbench.mt.peak_memory import peak_memory_mb, reset_peak_memory
from workbench.mt.pipeline import TranslateOptions, UrgentRequests, translate_units
from workbench.mt.speed_layouts import (
    SEARCH_RUNS,
    Layout,
    candidate_layouts,
    open_translator,
    raw_decode,
    search_layouts,
    timed,
)
from workbench.mt.speed_stats import Series, ratio_line, series_line, summary_line
from workbench.mt.speed_workloads import (
    FULL,
    LARGE_MODEL_MB,
    OUTPUT_TOKENS,
    Workload,
    bench_target,
    benchmark_sources,
    scale_for,
    workloads,
)

__all__ = ["PAIRS", "bench_target", "benchmark_sources", "measure_engines", "peak_memory_mb"]

#: raw/pipeline pairs per workload and mode (the order alternates: raw first, then pipeline first, ...)
PAIRS = 3
#: the transformers reference decodes this many of the equal workload's segments, once, greedily: it is slow
REFERENCE_SEGMENTS = 8
REFERENCE_BEAMS = (1,)
BEAMS = (1, 4)
#: the beams each workload is timed in: the mixed one greedily only, to keep a large model's run short
MODES = {"equal": BEAMS, "mixed": (1,)}
#: float32 decoding is tried only on models this small: it holds 4x the weights, and decoded 3-4x slower
#: than int8 on opus-mt here (bench mt, December 2026)
FLOAT32_SEARCH_MB = 200
#: raw CTranslate2, our pipeline on raw's translator, our pipeline on the app's own engine
KINDS = ("raw", "pipeline", "app")


def _mode(beam: int) -> str:
    return "greedy" if beam == 1 else f"beam {beam}"


class _Runs:
    """Raw CTranslate2 and the pipeline on one loaded model, ready to decode a workload either way.

    The pipeline decodes on the very translator raw uses (same threads, same compute type). When that
    setting differs from the one the app's engine opens by itself, the app's engine is kept as a third
    kind ("app"): what a translator actually gets."""

    def __init__(self, folder: Path, threads: int, layout: Layout, keep_app: bool = True) -> None:
        engine = load_engine(folder, folder.name, "ct2", threads)
        assert isinstance(engine, Ct2Engine)
        own = engine.translator
        # CTranslate2 does not say how many threads each of its translators has; Ct2Engine gives each all.
        own_setting = (own.num_translators, threads, own.compute_type)
        self.app_layout = f"{own.num_translators}x{threads} {own.compute_type}, one call per pipeline batch"
        self.layout = layout
        self.app: Ct2Engine | None = engine if keep_app else None
        self.engine = copy.copy(engine)
        if not keep_app:  # one model in memory: the memory child measures raw's setting alone
            del own, engine.translator, self.engine.translator
        self.translator = open_translator(folder, layout)
        setting = (layout.inter_threads, layout.intra_threads, self.translator.compute_type)
        if keep_app and own_setting == setting:
            self.translator, self.app = own, None  # the app's engine opens raw's setting already
        self.engine.translator = self.translator
        self.target, prefix = bench_target(engine)
        self.length = OUTPUT_TOKENS + prefix
        self.prefix = engine.codec.target_prefix(self.target)
        #: the pipeline's repeat guards (its length cap is the forced length): raw decodes with them too
        self.guards = self.engine.decoding_guards(DecodingOptions())

    def serves(self, layout: Layout) -> bool:
        """Whether `layout` differs from this translator's only in its batching (a call's argument)."""
        return replace(layout, max_batch_tokens=0) == replace(self.layout, max_batch_tokens=0)

    def raw(self, workload: Workload, beam: int, layout: Layout) -> Callable[[], None]:
        tokens = [self.engine.codec.source_tokens(p, VIETNAMESE, self.target) for p in workload.pieces]
        return lambda: raw_decode(self.translator, tokens, self.prefix, beam, self.length, layout, self.guards)

    def kinds(self, workload: Workload, beam: int, layout: Layout) -> dict[str, Callable[[], None]]:
        kinds = {"raw": self.raw(workload, beam, layout), "pipeline": self.pipeline(workload, beam)}
        if self.app is not None and beam == 1:  # greedily only: a large model's run stays short
            kinds["app"] = self.pipeline(workload, beam, self.app)
        return kinds

    def pipeline(self, workload: Workload, beam: int, engine: Ct2Engine | None = None) -> Callable[[], None]:
        decoder = engine or self.engine
        units = [Unit(s, (i,), ()) for i, s in enumerate(workload.sources)]
        decoding = DecodingOptions(beam_size=beam, max_output_tokens=self.length, min_output_tokens=self.length)
        options = TranslateOptions(decoding=decoding)

        def run() -> None:
            for _batch in translate_units(units, decoder, VIETNAMESE, self.target, options):
                pass

        return run


def _model_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.glob("*.bin")) / 1e6


def _compare(folder: Path, threads: int, pairs: int, given: Layout | None) -> dict[str, Any]:
    """Runs in a child process: the layout search (unless given), then raw and pipeline interleaved."""
    probe = load_engine(folder, folder.name, "ct2", threads)
    assert isinstance(probe, Ct2Engine)
    loads = workloads(probe, scale_for(folder))
    searched: list[str] = []
    if given is None:
        target, prefix = bench_target(probe)
        codec = probe.codec
        inputs = {w.name: [codec.source_tokens(p, VIETNAMESE, target) for p in w.pieces] for w in loads}
        del probe  # its translator too: the search loads one translator at a time
        best, _tried = search_layouts(
            folder,
            candidate_layouts(threads, float32=_model_mb(folder) <= FLOAT32_SEARCH_MB),
            inputs,
            codec.target_prefix(target),
            OUTPUT_TOKENS + prefix,
            searched.append,
        )
    else:
        del probe
        best = {w.name: given for w in loads}
    series: dict[str, dict[str, list[float]]] = {}
    runs: _Runs | None = None
    for workload in loads:
        layout = best[workload.name]
        if runs is None or not runs.serves(layout):
            runs = None  # let the previous translator go first
            runs = _Runs(folder, threads, layout)
            for warm_up in runs.kinds(loads[0], 1, layout).values():
                warm_up()
        for beam in MODES[workload.name]:
            kinds = runs.kinds(workload, beam, layout)
            for kind in kinds:
                series[f"{workload.name}/{beam}/{kind}"] = {"wall": [], "cpu": []}
            for pair in range(pairs):  # A B (C), then (C) B A, ...: neither kind always runs first
                for kind in list(kinds) if pair % 2 == 0 else list(reversed(kinds)):
                    wall, cpu = timed(kinds[kind])
                    series[f"{workload.name}/{beam}/{kind}"]["wall"].append(wall)
                    series[f"{workload.name}/{beam}/{kind}"]["cpu"].append(cpu)
    assert runs is not None
    return {
        "search": searched,
        "layouts": {name: layout.as_args() for name, layout in best.items()},
        "app_layout": runs.app_layout,
        "workloads": [w.describe() for w in loads],
        "output_tokens": {w.name: w.output_tokens for w in loads},
        "series": series,
        "guards": runs.guards,
    }


def _memory(kind: str, folder: Path, threads: int, layout: Layout) -> dict[str, float]:
    """Runs in a child process of its own: peak memory of one kind decoding the equal workload in beam 4."""
    runs = _Runs(folder, threads, layout, keep_app=False)
    reset_peak_memory()  # the engine's own translator, let go for the chosen one, is not this kind's memory
    equal = workloads(runs.engine, scale_for(folder))[0]
    (runs.raw(equal, 4, layout) if kind == "raw" else runs.pipeline(equal, 4))()
    return {"peak_mb": peak_memory_mb()}


def _reference(folder: Path, threads: int) -> dict[str, float]:
    """Runs in a child process: transformers fp32, once on the first segments of the equal workload."""
    engine = load_engine(folder, folder.name, "transformers", threads)
    target, prefix = bench_target(engine)
    sources = benchmark_sources(engine.count_tokens)[:REFERENCE_SEGMENTS]
    length = OUTPUT_TOKENS + prefix
    engine.translate_batch(sources[:2], VIETNAMESE, target, DecodingOptions(1, length, length))  # warm-up
    result = {}
    for beam in REFERENCE_BEAMS:
        options = DecodingOptions(beam_size=beam, max_output_tokens=length, min_output_tokens=length)

        def run(options: DecodingOptions = options) -> None:
            engine.translate_batch(sources, VIETNAMESE, target, options)

        wall, cpu = timed(run)
        result[f"wall/{beam}"], result[f"cpu/{beam}"] = wall, cpu
    result["peak_mb"] = peak_memory_mb()
    return result


def _urgent_latency(folder: str, threads: int) -> dict[str, float]:
    """Time to the first draft of one segment asked for while a pre-translation runs."""
    path = Path(folder)
    engine = load_engine(path, path.name, "ct2", threads)
    target, prefix = bench_target(engine)
    scale = scale_for(path)
    sources = benchmark_sources(engine.count_tokens, scale.segments)
    units = [Unit(f"{sources[i % len(sources)]} {i}", (i,), ()) for i in range(4000)]  # stopped once measured
    urgent = UrgentRequests()
    # Random weights never stop by themselves: cap outputs at the ~30 tokens a real model writes here.
    options = TranslateOptions(decoding=DecodingOptions(beam_size=4, max_output_tokens=OUTPUT_TOKENS + prefix))
    stop = threading.Event()
    batches_done = threading.Semaphore(0)

    def background() -> None:
        for _batch in translate_units(units, engine, VIETNAMESE, target, options, urgent=urgent):
            batches_done.release()
            if stop.is_set():
                return

    worker = threading.Thread(target=background, daemon=True)
    worker.start()
    for _ in range(scale.settle_batches):  # let the pre-translation settle into its batch size first
        batches_done.acquire(timeout=120)
    latencies = []
    for i in range(scale.urgent_requests):  # a translator asks now and then, at any point of a batch
        if not urgent.serving:
            break  # a small model can finish the whole run first
        asked = time.perf_counter()
        try:
            urgent.submit(Unit(sources[i], (9999 + i,), ())).result(timeout=600)
        except RuntimeError:
            break  # the run ended between the check and the request
        latencies.append(time.perf_counter() - asked)
        time.sleep(0.37)
    stop.set()
    worker.join(120)
    latencies.sort()
    if not latencies:
        return {"latency_seconds": float("nan"), "worst_seconds": float("nan")}
    return {"latency_seconds": latencies[len(latencies) // 2], "worst_seconds": latencies[-1], "asked": len(latencies)}


def _series(runs: dict[str, list[float]]) -> Series:
    return Series(tuple(runs["wall"]), tuple(runs["cpu"]))


def _run_child(args: list[str]) -> dict[str, Any]:
    """One measurement in a fresh process, which finds this package wherever the caller runs from."""
    root = str(Path(__file__).resolve().parents[2])
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
    out = subprocess.run(
        [sys.executable, "-m", "workbench.mt.speed", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": path},
    )
    if out.returncode != 0:
        raise RuntimeError(f"benchmark worker failed: {out.stderr[-2000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def measure_engines(
    hf: Path | None,
    ct2: Path,
    out: Callable[[str], None],
    threads: int = 0,
    pairs: int = PAIRS,
    layout: Layout | None = None,
) -> None:
    """Find raw CTranslate2's best setting here, then time raw and our pipeline interleaved on two
    workloads, greedy and beam 4; peak memory of each; transformers fp32 (if there is a transformers copy)
    for reference; the wait for an urgent segment during a pre-translation. `layout` skips the search."""
    from workbench.mt.engine import default_threads

    threads = threads or default_threads()
    given = layout.as_args() if layout else ["search"]
    compared = _run_child(["compare", str(ct2), str(threads), str(pairs), *given])
    best = {name: Layout.from_args(args) for name, args in compared["layouts"].items()}
    out(f"  {threads} threads; random weights never stop, so every piece decodes exactly {OUTPUT_TOKENS} tokens")
    if (scale := scale_for(ct2)) != FULL:  # too large to decode the full workloads in about ten minutes here
        out(f"  a model of over {LARGE_MODEL_MB} MB: smaller workloads, {scale.describe()}")
    for line in compared["workloads"]:
        out(f"  {line}")
    if compared["search"]:
        out(
            f"  raw CTranslate2 settings tried (greedy, inter x intra threads, {SEARCH_RUNS} run(s) each after a warm-up):"
        )
        for line in compared["search"]:
            out(f"    {line}")
        if not any(" float32 " in line for line in compared["search"]):
            out(f"    (float32 decoding not tried on a model over {FLOAT32_SEARCH_MB} MB: 4x the memory, slower)")
    for name, chosen in best.items():
        out(f"  raw on {name} = {'best found' if compared['search'] else 'given'}: {chosen.describe()}")
    if any(chosen.inter_threads > 1 for chosen in best.values()):
        out(
            "  note: raw's one call is cut into token batches that its translators decode at once; the pipeline "
            "calls with one batch at a time, which one translator decodes"
        )
    guards = ", ".join(f"{k}={v}" for k, v in compared["guards"].items()) or "none"
    out(f"  runaway guards: raw decodes with the pipeline's ({guards}); every output's length cap is the forced length")
    out("  pipeline = ours on raw's translator (same threads and compute type), with its own batching;")
    out(f"  app = ours on the app's engine as it opens itself ({compared['app_layout']}),")
    out("  timed greedily, and only where raw's translator differs from it")
    out(f"  interleaved, {pairs} pairs each; seconds as median (min-max):")
    series = compared["series"]
    summaries: dict[str, list[tuple[str, Series, Series]]] = {}
    for workload, output_tokens in compared["output_tokens"].items():
        for beam in MODES[workload]:
            runs = {kind: _series(series[key]) for kind in KINDS if (key := f"{workload}/{beam}/{kind}") in series}
            out(f"  {workload} {_mode(beam)}:")
            for kind, timing in runs.items():
                out(f"    {series_line(kind, timing, output_tokens)}")
            for kind in [k for k in runs if k != "raw"]:
                out(f"    {ratio_line(kind, runs[kind], runs['raw'])}")
                summaries.setdefault(kind, []).append((f"{workload} {_mode(beam)}", runs[kind], runs["raw"]))
    for kind, blocks in summaries.items():
        out(f"  {summary_line(kind, blocks)}")
    equal = best["equal"].as_args()
    peaks = {kind: _run_child(["memory", kind, str(ct2), str(threads), *equal]) for kind in ("raw", "pipeline")}
    memory = f"raw {peaks['raw']['peak_mb']:.0f} MB, pipeline {peaks['pipeline']['peak_mb']:.0f} MB"
    if hf is not None:
        ref = _run_child(["reference", str(hf), str(threads)])
        tokens = REFERENCE_SEGMENTS * OUTPUT_TOKENS
        out(f"  transformers fp32 reference ({REFERENCE_SEGMENTS} equal segments, one run, not interleaved):")
        for beam in REFERENCE_BEAMS:
            out(
                f"    {_mode(beam):8} wall {ref[f'wall/{beam}']:.2f} s  cpu {ref[f'cpu/{beam}']:.2f} s  "
                f"{tokens / ref[f'wall/{beam}']:8.1f} tok/s"
            )
        memory += f"; transformers fp32 {ref['peak_mb']:.0f} MB (its greedy run above)"
    out(f"  peak memory (a process each, equal workload in beam 4): {memory}")
    latency = _run_child(["urgent", str(ct2), str(threads)])
    out(
        f"  first draft of one segment asked for during a pre-translation: median {latency['latency_seconds']:.2f} s, "
        f"worst {latency['worst_seconds']:.2f} s (of {latency.get('asked', 0)})"
    )


def _main(argv: list[str]) -> dict[str, Any]:
    command, *rest = argv
    if command == "compare":
        given = None if rest[3] == "search" else Layout.from_args(rest[3:7])
        return _compare(Path(rest[0]), int(rest[1]), int(rest[2]), given)
    if command == "memory":
        return _memory(rest[0], Path(rest[1]), int(rest[2]), Layout.from_args(rest[3:7]))
    if command == "reference":
        return _reference(Path(rest[0]), int(rest[1]))
    return _urgent_latency(rest[0], int(rest[1]))


if __name__ == "__main__":
    print(json.dumps(_main(sys.argv[1:])))
