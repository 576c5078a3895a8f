"""Measuring a model's decoding speed and memory: transformers, raw CTranslate2 and our pipeline.

The model manager's "measure" and `bench mt` both use it. Each engine runs in its own process
(`python -m workbench.mt.speed`) so its peak memory is its own. Figures are printed, never asserted.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from workbench.core.language.language_rules import KHMER, VIETNAMESE
from workbench.core.ops.pretranslation import Unit
from workbench.mt.engine import DecodingOptions, TranslationEngine
from workbench.mt.families import family as model_family
from workbench.mt.loader import load_engine
from workbench.mt.pipeline import TranslateOptions, UrgentRequests, translate_units
from workbench.mt.random_models import SAMPLE

SEGMENTS = 32
SOURCE_TOKENS = 30
OUTPUT_TOKENS = 30


def bench_target(engine: TranslationEngine) -> tuple[str, int]:
    """The language the benchmark translates Vietnamese into, and how many forced tokens start the output:
    the model's own direction for a one-direction family, else Khmer behind its language token."""
    direction = model_family(engine.family).fixed_directions
    target = direction[0].split("-")[1] if direction else KHMER
    return target, 1 if model_family(engine.family).language_token(target) else 0


def benchmark_sources(count_tokens: Callable[[str], int]) -> list[str]:
    """32 distinct Vietnamese segments of about 30 tokens each."""
    words = SAMPLE.split()
    sources = []
    for i in range(SEGMENTS):
        start = (i * 7) % (len(words) - 45)
        end = start + 1
        while end < len(words) and count_tokens(" ".join(words[start:end])) < SOURCE_TOKENS:
            end += 1
        sources.append(" ".join(words[start:end]))
    return sources


def peak_memory_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: the latter keeps the high-water mark of
    the (large) parent this worker was forked from."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker(kind: str, folder: str, beam: int, threads: int) -> dict[str, float]:
    """Runs in a child process: one engine, one decoding mode; returns tokens/s and peak memory."""
    path = Path(folder)
    backend = "transformers" if kind == "transformers" else "ct2"
    engine = load_engine(path, path.name, backend, threads)
    target, prefix = bench_target(engine)
    sources = benchmark_sources(engine.count_tokens)
    length = OUTPUT_TOKENS + prefix
    options = DecodingOptions(beam_size=beam, max_output_tokens=length, min_output_tokens=length)
    engine.translate_batch(sources[:2], VIETNAMESE, target, options)  # warm-up
    started = time.perf_counter()
    if kind == "ct2-raw":
        from workbench.mt.ct2_engine import Ct2Engine

        assert isinstance(engine, Ct2Engine)
        tokens = [engine.codec.source_tokens(s, VIETNAMESE) for s in sources]
        target_prefix = engine.codec.target_prefix(target)
        started = time.perf_counter()
        engine.translator.translate_batch(
            tokens,
            target_prefix=[target_prefix] * len(tokens) if target_prefix else None,
            beam_size=beam,
            max_decoding_length=OUTPUT_TOKENS + prefix,
            min_decoding_length=OUTPUT_TOKENS + prefix,
        )
    elif kind == "pipeline":
        units = [Unit(s, (i,), ()) for i, s in enumerate(sources)]
        for _batch in translate_units(units, engine, VIETNAMESE, target, TranslateOptions(decoding=options)):
            pass
    else:
        engine.translate_batch(sources, VIETNAMESE, target, options)
    seconds = time.perf_counter() - started
    return {"tokens_per_second": SEGMENTS * OUTPUT_TOKENS / seconds, "seconds": seconds, "peak_mb": peak_memory_mb()}


def _urgent_latency(folder: str, threads: int) -> dict[str, float]:
    """Time to the first draft of one segment asked for while a pre-translation runs."""
    path = Path(folder)
    engine = load_engine(path, path.name, "ct2", threads)
    target, prefix = bench_target(engine)
    sources = benchmark_sources(engine.count_tokens)
    units = [Unit(f"{sources[i % SEGMENTS]} {i}", (i,), ()) for i in range(4000)]  # stopped once measured
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
    for _ in range(3):  # let the pre-translation settle into its batch size first
        batches_done.acquire(timeout=120)
    latencies = []
    for i in range(5):  # a translator asks now and then, at any point of a batch
        if not urgent.serving:
            break  # a small model can finish the whole run first
        asked = time.perf_counter()
        try:
            urgent.submit(Unit(sources[i], (9999 + i,), ())).result(timeout=120)
        except RuntimeError:
            break  # the run ended between the check and the request
        latencies.append(time.perf_counter() - asked)
        time.sleep(0.37)
    stop.set()
    worker.join(120)
    latencies.sort()
    if not latencies:
        return {"latency_seconds": float("nan"), "worst_seconds": float("nan")}
    return {"latency_seconds": latencies[len(latencies) // 2], "worst_seconds": latencies[-1]}


def _run_child(args: list[str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "workbench.mt.speed", *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise RuntimeError(f"benchmark worker failed: {out.stderr[-2000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def measure_engines(hf: Path | None, ct2: Path, out: Callable[[str], None], threads: int = 0) -> None:
    """Tokens/s and peak memory of transformers fp32 (if there is a transformers copy), raw CTranslate2 and
    our whole pipeline, greedy and beam 4; then the wait for an urgent segment during a pre-translation."""
    from workbench.mt.engine import default_threads

    threads = threads or default_threads()
    out(f"  {SEGMENTS} segments x ~{SOURCE_TOKENS} tokens -> {OUTPUT_TOKENS} output tokens each, {threads} threads")
    out(f"  {'engine':26} {'mode':8} {'tok/s':>8} {'seconds':>8} {'peak MB':>8}")
    results: dict[tuple[str, int], dict[str, float]] = {}
    labels = {"transformers": "transformers fp32", "ct2-raw": "CTranslate2 (raw)", "pipeline": "our pipeline"}
    runs = [("ct2-raw", ct2), ("pipeline", ct2)]
    if hf is not None:
        runs.insert(0, ("transformers", hf))
    for kind, folder in runs:
        for beam in (1, 4):
            r = _run_child(["worker", kind, str(folder), str(beam), str(threads)])
            results[(kind, beam)] = r
            mode = "greedy" if beam == 1 else "beam 4"
            out(
                f"  {labels[kind]:26} {mode:8} {r['tokens_per_second']:>8.1f} {r['seconds']:>8.2f} {r['peak_mb']:>8.0f}"
            )
    for beam in (1, 4):
        raw = results[("ct2-raw", beam)]["tokens_per_second"]
        ours = results[("pipeline", beam)]["tokens_per_second"]
        out(f"  our pipeline vs raw CTranslate2, {'greedy' if beam == 1 else 'beam 4'}: {100 * ours / raw:.0f}%")
    latency = _run_child(["urgent", str(ct2), str(threads)])
    out(
        f"  first draft of one segment asked for during a pre-translation: median {latency['latency_seconds']:.2f} s, "
        f"worst {latency['worst_seconds']:.2f} s (of 5)"
    )


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "worker":
        result = _worker(rest[0], rest[1], int(rest[2]), int(rest[3]))
    else:
        result = _urgent_latency(rest[0], int(rest[1]))
    print(json.dumps(result))
