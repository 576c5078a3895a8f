"""`bench rerank`: what enforcing glossary terms by choice costs (4 hypotheses against 1), and the token scores.

A source with a glossary term to enforce is decoded with 4 hypotheses (mt/term_enforcement.py) at the same
beam of 4, and every draft gets its tokens' log-probabilities (`DecodingOptions.token_scores`, on in
`translate_options`: one more teacher-forced pass in CTranslate2). Random-weight models of the real
architectures (opus-mt-vi-en to English, nllb-200-distilled-600M to Khmer; workbench.mt.random_models) are
built, converted to int8 and loaded one at a time; the same generated press segments are decoded in one
batch by the engine in four modes, interleaved (the order rotating each round) so the machine's drift falls
on all: 1 hypothesis, 1 with token scores, 4 hypotheses, 4 with token scores (what enforcement runs; the
best hypothesis's scores only, as the engines give them). Random
weights never stop by themselves, so every output is held at the same number of tokens: tok/s counts the
tokens of the drafts delivered (one per segment), so a slower mode shows as fewer tok/s. Figures are
printed, never asserted.
"""

from __future__ import annotations

import gc
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workbench.bench.mt_bench import build_int8_model, require_convert_extra
from workbench.core.errors import WorkbenchError
from workbench.mt.engine import DecodingOptions
from workbench.mt.loader import load_engine
from workbench.mt.random_models import ARCHITECTURES
from workbench.mt.speed_stats import Spread
from workbench.mt.speed_workloads import bench_target, benchmark_sources

Out = Callable[[str], None]

#: rounds of the four modes, interleaved
ROUNDS = 3
BEAM_SIZE = 4
HYPOTHESES = 4
#: every output is this many tokens (the cap counts NLLB's forced language token: one more)
OUTPUT_TOKENS = 24


@dataclass(frozen=True, slots=True)
class Mode:
    name: str
    hypotheses: int
    token_scores: bool

    def options(self, forced: int) -> DecodingOptions:
        length = OUTPUT_TOKENS + forced
        return DecodingOptions(
            beam_size=BEAM_SIZE,
            max_output_tokens=length,
            min_output_tokens=length,
            guards=False,
            num_hypotheses=self.hypotheses,
            token_scores=self.token_scores,
        )


MODES = (
    Mode("1 hyp", 1, False),
    Mode("1 hyp+scores", 1, True),
    Mode("4 hyp", HYPOTHESES, False),
    Mode("4 hyp+scores", HYPOTHESES, True),
)


@dataclass(frozen=True, slots=True)
class Run:
    mode: str
    wall: float
    cpu: float
    tokens: int


def _spread(values: list[float], digits: int = 2) -> str:
    s = Spread.of(values)
    return f"{s.median:.{digits}f} ({s.low:.{digits}f}-{s.high:.{digits}f})"


def _measure(architecture: str, threads: int, rounds: int, segments: int, work: Path, out: Out) -> None:
    model = build_int8_model(architecture, work / architecture)
    engine = load_engine(model.converted, architecture, threads=threads)
    target, forced = bench_target(engine)
    sources = benchmark_sources(engine.count_tokens, segments)
    tokens = [engine.count_tokens(s) for s in sources]
    out(
        f"{architecture} (vi->{target}): random weights, int8, {threads or os.cpu_count()} threads, beam {BEAM_SIZE}, "
        f"{len(sources)} segments of {min(tokens)}-{max(tokens)} tokens in one batch, every output {OUTPUT_TOKENS} "
        f"tokens; built and converted in {model.build_seconds + model.convert_seconds:.0f} s"
    )

    def run(mode: Mode) -> Run:
        wall, cpu = time.perf_counter(), time.process_time()
        hypotheses = engine.translate_batch(sources, "vi", target, mode.options(forced))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        return Run(mode.name, wall, cpu, sum(len(h.tokens) for h in hypotheses))

    for mode in MODES:  # warm-up: first calls allocate
        engine.translate_batch(sources[:2], "vi", target, mode.options(forced))
    runs: list[Run] = []
    for index in range(rounds):
        shift = index % len(MODES)
        for mode in MODES[shift:] + MODES[:shift]:
            runs.append(run(mode))
    by_mode = {m.name: [r for r in runs if r.mode == m.name] for m in MODES}
    for name, mine in by_mode.items():
        out(
            f"  {name:13} wall {_spread([r.wall for r in mine])} s  CPU {_spread([r.cpu for r in mine])} s  "
            f"{_spread([r.tokens / r.wall for r in mine], 1)} tok/s  ({len(mine)} runs, {mine[0].tokens} tokens each)"
        )

    def ratio(a: str, b: str, clock: str) -> str:
        """b's speed relative to a's (median of seconds), and the spread of the rounds' own ratios."""
        mine = [getattr(r, clock) for r in by_mode[a]]
        theirs = [getattr(r, clock) for r in by_mode[b]]
        per_round = Spread.of([x / y for x, y in zip(mine, theirs, strict=True) if y > 0])
        return f"{statistics.median(mine) / statistics.median(theirs):.2f} ({per_round.low:.2f}-{per_round.high:.2f})"

    out(f"  4 hypotheses/1, tok/s ratio: wall {ratio('1 hyp', '4 hyp', 'wall')}, CPU {ratio('1 hyp', '4 hyp', 'cpu')}")
    out(
        f"  token scores on/off, tok/s ratio: 1 hyp: wall {ratio('1 hyp', '1 hyp+scores', 'wall')}, "
        f"CPU {ratio('1 hyp', '1 hyp+scores', 'cpu')}; 4 hyp: wall {ratio('4 hyp', '4 hyp+scores', 'wall')}, "
        f"CPU {ratio('4 hyp', '4 hyp+scores', 'cpu')}"
    )
    out(
        f"  enforcement as run (4 hyp+scores) against a plain draft (1 hyp+scores), tok/s ratio: wall "
        f"{ratio('1 hyp+scores', '4 hyp+scores', 'wall')}, CPU {ratio('1 hyp+scores', '4 hyp+scores', 'cpu')}"
    )


def run_rerank_benchmark(
    architectures: tuple[str, ...], threads: int, out: Out, rounds: int = ROUNDS, segments: int = 32
) -> None:
    """For each architecture: wall, CPU and tok/s per mode, then the ratios (speed of the second relative to the
    first; below 1 is slower) with the spread of the rounds' own ratios."""
    require_convert_extra("the rerank benchmark")
    unknown = [a for a in architectures if a not in ARCHITECTURES]
    if unknown:
        raise WorkbenchError(f"bench rerank knows no architecture {unknown[0]!r} (known: {', '.join(ARCHITECTURES)})")
    for architecture in architectures or ("opus-mt-vi-en", "nllb-200-distilled-600M"):
        work = Path(tempfile.mkdtemp(prefix="wb-rerank-"))
        try:
            _measure(architecture, threads, rounds, segments, work, out)
        finally:
            gc.collect()  # the engine goes before the next architecture is built: one model in memory at a time
            shutil.rmtree(work, ignore_errors=True)
