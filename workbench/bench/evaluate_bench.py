"""`bench evaluate`: the time `models evaluate` takes on a FLORES-sized reference set (random weights).

A random-weight model of the opus-mt-vi-en architecture (workbench.mt.random_models, converted to int8
as `bench mt` builds it) evaluates 1,012 generated Vietnamese press sentences (the FLORES-200 devtest's
size) through the very function `models evaluate` runs (`evaluate_candidate`: pipeline, scoring,
atomic store, in a temporary data folder). The references are other generated sentences: only the
time is measured, and random weights score near zero whatever they are. Random weights never stop by
themselves, so every output is capped at about a real translation's length (`OUTPUT_TOKENS`). Scoring
alone is timed again on the stored outputs a few times (median and spread), since it is the part that
grows with the reference set and not with the model. Figures are printed, never asserted.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from workbench.bench.mt_bench import build_int8_model, require_convert_extra
from workbench.bench.project_bench import generate_vietnamese_text
from workbench.core.reference_sets import ReferenceSet
from workbench.core.settings import Settings
from workbench.mt.evaluation import EvaluationRequest, evaluate_candidate
from workbench.mt.evaluation_metrics import score
from workbench.mt.peak_memory import resident_mb

ARCHITECTURE = "opus-mt-vi-en"
#: press sentences are 25-40 tokens; a real vi->en translation is about as long
OUTPUT_TOKENS = 32
BEAM_SIZE = 4
#: repeats of scoring alone
SCORE_REPEATS = 5


def press_sentences(count: int) -> list[str]:
    """`count` generated press sentences (abbreviations, codes, numbers), each once."""
    sentences: list[str] = []
    megabytes = 0.05
    while len(sentences) < count:
        text = generate_vietnamese_text(megabytes).replace("\n\n", " ")
        sentences = list(dict.fromkeys(s.strip() + "." for s in text.split(". ") if s.strip()))
        megabytes *= 2
    return sentences[:count]


def _target(architecture: str) -> str:
    return "en" if architecture.startswith("opus-mt-vi-en") else "km"


def run_evaluate_benchmark(
    segments: int, threads: int, out: Callable[[str], None], architecture: str = ARCHITECTURE
) -> None:
    """Build the random model, then time one `models evaluate` of `segments` sentences with it."""
    require_convert_extra("bench evaluate")
    work = Path(tempfile.mkdtemp(prefix="wb-bench-evaluate-"))
    try:
        model = build_int8_model(architecture, work)
        name = model.store.runnable(architecture).name
        sources = press_sentences(segments + 1)
        target = _target(architecture)
        reference = ReferenceSet(
            f"{segments} generated press sentences", "vi", target, tuple(sources[:-1]), tuple(sources[1:]), segments
        )
        request = EvaluationRequest(
            model.store, Settings(beam_size=BEAM_SIZE), threads=threads, folder=work / "data",
            max_output_tokens=OUTPUT_TOKENS,
        )  # fmt: skip
        out(
            f"bench evaluate: {architecture} architecture, random weights, int8; {segments} generated press "
            f"segments, vi->{target}, beam {BEAM_SIZE}, outputs capped at {OUTPUT_TOKENS} tokens, "
            f"{threads or os.cpu_count()} threads"
        )
        out(f"  model: build {model.build_seconds:.1f} s, conversion {model.convert_seconds:.1f} s (not timed below)")
        before = resident_mb()
        wall, cpu = time.perf_counter(), time.process_time()
        result = evaluate_candidate(reference, name, request)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        rest = wall - result.translate_seconds - result.score_seconds
        out(
            f"  whole evaluation (load + translate + score + store): {wall:.1f} s wall, {cpu:.1f} s CPU, "
            f"{segments / wall:.1f} segments/s"
        )
        out(
            f"  translate {result.translate_seconds:.1f} s ({result.tokens_per_second:.0f} output tokens/s), "
            f"score {result.score_seconds:.2f} s, load + store {rest:.2f} s"
        )
        out(
            f"  peak memory {result.peak_mb:.0f} MB, of which {before:.0f} MB was held before the evaluation began "
            "(torch and the build of the random model; `models evaluate` itself starts without them)"
        )
        timings = []
        for _ in range(SCORE_REPEATS):
            began = time.perf_counter()
            score(result.hypotheses, reference.references, target)
            timings.append(time.perf_counter() - began)
        out(
            f"  scoring alone ({result.chrf_name} and {result.bleu_name} over {segments} segments, "
            f"{SCORE_REPEATS} repeats): median {statistics.median(timings):.3f} s, "
            f"spread {min(timings):.3f}-{max(timings):.3f} s"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
