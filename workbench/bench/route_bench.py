"""`bench route`: a pivot route vi->en->km against direct vi->km on the same segments (random weights).

Random-weight models of the real architectures (opus-mt-vi-en for vi->en, nllb-200-distilled-600M for
en->km and for the direct vi->km; workbench.mt.random_models) are converted to int8 and loaded once in
one engine pool. The same generated press segments (mt/speed_workloads.py) are drafted three ways,
interleaved in one process (A B C, B C A, ...) so the machine's drift falls on all: through the route by
the real `RouteDrafter` (both hops through the pipeline, the second reading the first's restored
drafts), directly by an `EngineDrafter`, and as the two hops apart (two pre-translations, vi->en and
then en->km of its drafts: what the route should cost at most). Random weights never stop by
themselves, so every output of every hop is capped at the same number of tokens: the figures compare
decoding work (the route decodes twice, the second hop from the first hop's capped output), not the
lengths real models would write. Figures are printed, never asserted.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from workbench.bench.mt_bench import build_int8_model, require_convert_extra
from workbench.core.language.protected_spans import find_protected_spans
from workbench.core.ops.pretranslation import Draft, Drafter, Unit
from workbench.core.progress import NullProgress
from workbench.core.settings import Settings
from workbench.mt.engine import DecodingOptions
from workbench.mt.engine_pool import EnginePool
from workbench.mt.pipeline import TranslateOptions
from workbench.mt.route_drafter import pivot_unit
from workbench.mt.routes import drafter_for
from workbench.mt.speed_stats import seconds_spread
from workbench.mt.speed_workloads import benchmark_sources

Out = Callable[[str], None]

#: the first hop's architecture (vi->en) and the second's, which also translates directly (vi->km)
ARCHITECTURES = ("opus-mt-vi-en", "nllb-200-distilled-600M")
#: rounds of the four paths (route, direct, hops apart, hops apart with full-length pivots), interleaved
PAIRS = 3
#: every output of every hop: this many tokens (random weights write until the cap); one more cap token for
#: the forced language token where a family forces one (NLLB), which is not decoding work
OUTPUT_TOKENS = 24
BEAM_SIZE = 4


@dataclass(frozen=True, slots=True)
class Run:
    path: str  # "route" | "direct" | "apart" | "full"
    wall: float
    cpu: float
    drafts: int


def _segments(count: int, count_tokens: Callable[[str], int]) -> list[str]:
    """`count` distinct segments of generated press prose, about 30 tokens each (the first 32 are bench mt's)."""
    base = benchmark_sources(count_tokens)
    return [base[i % len(base)] + (f" ({i // len(base)})" if i >= len(base) else "") for i in range(count)]


def _drafted(drafter: Drafter, units: Sequence[Unit], language: str) -> list[Draft]:
    return [draft for batch in drafter.drafts(units, language, NullProgress()) for draft in batch]


def _hops_apart(first: Drafter, second: Drafter, units: Sequence[Unit]) -> list[Draft]:
    """The two hops as two separate pre-translations (vi->en, then en->km of its drafts, an empty one left
    out as the route leaves it out): what a route should cost at most."""
    english = _drafted(first, units, "en")
    return _drafted(second, [pivot_unit(d) for d in english if d.text.strip()], "km")


def _hops_full_length(first: Drafter, second: Drafter, units: Sequence[Unit]) -> list[Draft]:
    """The first hop, then the second on pivots as long as the sources. A random-weight vi->en model writes
    mostly filler tokens that detokenize to little or nothing, so the route's own second hop has far less
    to read than a real English translation, which is about as long in tokens as its source; decoding
    time follows the input's length, not its words."""
    _drafted(first, units, "en")
    return _drafted(second, [Unit(u.source, u.segment_ids, u.spans) for u in units], "km")


def _time(path: str, run: Callable[[], list[Draft]]) -> Run:
    wall, cpu = time.perf_counter(), time.process_time()
    drafts = len(run())
    return Run(path, time.perf_counter() - wall, time.process_time() - cpu, drafts)


def _measure(architectures: tuple[str, str], segments: int, threads: int, pairs: int, work: Path, out: Out) -> None:
    first, second = architectures
    built = {name: build_int8_model(name, work / name) for name in dict.fromkeys(architectures)}
    store = built[first].store
    if second != first:  # one store holds both, so one pool lends both engines
        store.install(built[second].converted, name=second)
    pool = EnginePool(store, Settings(), threads=threads)
    # the cap counts the forced language token: NLLB's target token, Marian's none (one more token decoded)
    options = TranslateOptions(
        decoding=DecodingOptions(
            beam_size=BEAM_SIZE, max_output_tokens=OUTPUT_TOKENS + 1, min_output_tokens=OUTPUT_TOKENS + 1
        )
    )
    route = drafter_for(f"vi-en-km:{first}+{second}", pool, "vi", "km", options)
    direct = drafter_for(second, pool, "vi", "km", options)
    first_hop = drafter_for(first, pool, "vi", "en", options)
    second_hop = drafter_for(second, pool, "en", "km", options)
    engine = pool.for_model(second).engine
    sources = _segments(segments, engine.count_tokens)
    units = [Unit(source, (i,), tuple(find_protected_spans(source))) for i, source in enumerate(sources)]
    tokens = [engine.count_tokens(s) for s in sources]
    out(
        f"route vi->en->km ({first}, then {second}) against direct vi->km ({second}): random weights, int8, "
        f"{pool.threads or os.cpu_count()} threads, beam {BEAM_SIZE}"
    )
    out(
        f"  {len(sources)} segments of {min(tokens)}-{max(tokens)} tokens; every output of every hop capped at "
        f"{OUTPUT_TOKENS} tokens (+1 for NLLB's language token) on both paths, so the comparison is of decoding "
        "work: the route decodes twice, its second hop from the first hop's capped output"
    )
    out(f"  models built and converted in {sum(m.build_seconds + m.convert_seconds for m in built.values()):.0f} s")
    paths: dict[str, Callable[[Sequence[Unit]], list[Draft]]] = {
        "route": lambda batch: _drafted(route, batch, "km"),
        "direct": lambda batch: _drafted(direct, batch, "km"),
        "apart": lambda batch: _hops_apart(first_hop, second_hop, batch),
        "full": lambda batch: _hops_full_length(first_hop, second_hop, batch),
    }
    pivots = [d.text for d in _drafted(first_hop, units, "en")]
    pivot_tokens = sorted(engine.count_tokens(t) for t in pivots if t.strip())
    out(
        f"  the random first hop's English: {sum(1 for t in pivots if not t.strip())} of {len(pivots)} pivots empty "
        f"(left out by the route), the rest {pivot_tokens[0] if pivot_tokens else 0}-"
        f"{pivot_tokens[-1] if pivot_tokens else 0} tokens (median "
        f"{statistics.median(pivot_tokens) if pivot_tokens else 0:.0f}): random weights write filler, so the route's "
        "second hop reads less than a real translation would give it; 'full length' gives it pivots as long as "
        "the sources"
    )
    for run in paths.values():  # warm-up: first calls allocate
        run(units[:2])
    runs: list[Run] = []
    names = list(paths)
    for pair in range(pairs):  # interleaved, the order rotating so no path always goes first
        for path in names[pair % len(names) :] + names[: pair % len(names)]:
            runs.append(_time(path, partial(paths[path], units)))
    for path, shown in (("route", "route"), ("direct", "direct"), ("apart", "hops apart"), ("full", "full length")):
        mine = [r for r in runs if r.path == path]
        out(
            f"  {shown:11}  wall {seconds_spread([r.wall for r in mine])}; CPU {seconds_spread([r.cpu for r in mine])}"
            f" ({len(mine)} runs, {mine[0].drafts} drafts each)"
        )
    wall = {p: statistics.median(r.wall for r in runs if r.path == p) for p in paths}
    cpu = {p: statistics.median(r.cpu for r in runs if r.path == p) for p in paths}
    out(
        f"  route/(hops apart, the same two pre-translations one after the other): wall "
        f"{wall['route'] / wall['apart']:.2f}, CPU {cpu['route'] / cpu['apart']:.2f}"
    )
    out(
        f"  route/direct as measured (its second hop on the random pivots above): wall "
        f"{wall['route'] / wall['direct']:.2f}, CPU {cpu['route'] / cpu['direct']:.2f}"
    )
    out(
        f"  route/direct with full-length pivots (what real translations give the second hop): wall "
        f"{wall['full'] / wall['direct']:.2f}, CPU {cpu['full'] / cpu['direct']:.2f}"
    )


def run_route_benchmark(
    segments: int, threads: int, out: Out, architectures: tuple[str, str] = ARCHITECTURES, pairs: int = PAIRS
) -> None:
    """Wall and CPU time of the route and the direct path, and `route/direct: wall X.XX, CPU Y.YY`."""
    require_convert_extra("the route benchmark")
    work = Path(tempfile.mkdtemp(prefix="wb-route-"))
    try:
        _measure(architectures, segments, threads, pairs, work, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
