"""`python main.py bench tm`: lookups in a translation memory of 200,000 units.

The units are generated: Vietnamese syllables drawn with a Zipf-like frequency (as real text has a
few very common syllables and a long tail), with phrases of a real press text spliced in (real memories
repeat titles and set phrases), and a number in most of them. Queries are units with one word changed:
the fuzzy case a translator meets most. The build is timed at an eighth, a quarter, a half and all of
the units (a linear build keeps the time per unit flat); the recall counts the changed unit found among
the matches a lookup returns above the threshold, against a brute-force ranking of every unit.
"""

from __future__ import annotations

import bisect
import math
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from rapidfuzz import fuzz, process

from workbench.bench.project_bench import generate_vietnamese_text
from workbench.core.language.language_rules import ENGLISH
from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.memory.translation_memory import DEFAULT_THRESHOLD, MemoryUnit, SharedMemory


def generate_units(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    text = generate_vietnamese_text(0.3)
    phrases = [line.split() for line in text.splitlines() if len(line.split()) > 8]
    syllables = sorted({w.strip(".,;:()“”") for p in phrases for w in p if w.strip(".,;:()“”").isalpha()})
    rng.shuffle(syllables)
    weights = [1.0 / (rank + 1) ** 0.7 for rank in range(len(syllables))]
    units: dict[str, None] = {}
    while len(units) < count:
        words: list[str] = []
        while len(words) < rng.randint(10, 30):
            if rng.random() < 0.3:
                phrase = rng.choice(phrases)
                start = rng.randrange(0, max(1, len(phrase) - 6))
                words += phrase[start : start + rng.randint(3, 8)]
            else:
                words += rng.choices(syllables, weights, k=rng.randint(2, 5))
            if rng.random() < 0.2:
                words.append(str(rng.randint(1, 2030)))
        sentence = " ".join(words)
        units[sentence[0].upper() + sentence[1:] + "."] = None
    return list(units)


def run_memory_benchmark(count: int, out: Callable[[str], None], queries: int = 400) -> None:
    rng = random.Random(11)
    sources = generate_units(count)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tm.sqlite"
        memory = SharedMemory(path)
        marks = sorted({max(1, count // 8), max(1, count // 4), max(1, count // 2), count})
        built: list[tuple[int, float, float, float]] = []  # units, wall s, CPU s, MB
        wall, cpu = time.perf_counter(), time.process_time()
        # batches of 5,000 (as a TMX import adds them), cut at each mark
        cuts = sorted({*range(0, count, 5000), *marks})
        for low, high in pairwise(cuts):
            memory.add((MemoryUnit(s, f"[en] {s}", ENGLISH) for s in sources[low:high]), "bench")
            if high in marks:
                built.append((high, time.perf_counter() - wall, time.process_time() - cpu, _megabytes(memory)))
        asked = []
        for source in rng.sample(sources, min(queries, len(sources))):
            words = source.split()
            words[rng.randrange(len(words))] = rng.choice(["tỉnh", "huyện", "mới", "năm", "các"])
            asked.append((source, " ".join(words)))
        times, cpu_times, found = [], [], 0
        for original, query in asked:
            began, began_cpu = time.perf_counter(), time.process_time()
            matches = memory.lookup(query, ENGLISH)
            times.append(time.perf_counter() - began)
            cpu_times.append(time.process_time() - began_cpu)
            found += any(m.unit.source == original for m in matches)
        exact = []
        for original, _query in asked[:50]:
            began = time.perf_counter()
            memory.lookup(original, ENGLISH)
            exact.append(time.perf_counter() - began)
        memory.close()
        size = path.stat().st_size / 1e6  # the file once closed, its write-ahead log folded in
    reachable = _brute_force_found(sources, asked)
    out(
        f"translation memory of {count} units ({size:.0f} MB), built in {built[-1][1]:.1f} s ({built[-1][2]:.1f} s CPU)"
    )
    rates = []  # (middle of the stretch, us per unit added, us CPU per unit added)
    previous = (0, 0.0, 0.0, 0.0)
    for mark in built:
        added = mark[0] - previous[0]
        rates.append(
            ((mark[0] + previous[0]) / 2, (mark[1] - previous[1]) / added * 1e6, (mark[2] - previous[2]) / added * 1e6)
        )
        out(
            f"  build to {mark[0]:>7} units: {rates[-1][1]:5.0f} us per unit added ({rates[-1][2]:4.0f} us CPU), "
            f"file {mark[3]:.0f} MB"
        )
        previous = mark
    if len(rates) > 2 and min(r[1] for r in rates[-2:]) > 0 and min(r[2] for r in rates[-2:]) > 0:
        # time ~ units^k makes the time per unit added ~ units^(k-1): k from the last two stretches
        (n1, wall1, cpu1), (n2, wall2, cpu2) = rates[-2:]
        wall_k, cpu_k = (1 + math.log(b / a) / math.log(n2 / n1) for a, b in ((wall1, wall2), (cpu1, cpu2)))
        whole = math.log(built[-1][1] / built[0][1]) / math.log(built[-1][0] / built[0][0])
        out(
            f"  build time grows as units^{wall_k:.2f} (CPU units^{cpu_k:.2f}) over the last two stretches, "
            f"units^{whole:.2f} from {built[0][0]} to {built[-1][0]} units; 1.00 is linear"
        )
    out(
        f"  fuzzy lookup (one word changed), {len(asked)} queries: median {statistics.median(times) * 1000:.1f} ms "
        f"({statistics.median(cpu_times) * 1000:.1f} ms CPU), 95th percentile {sorted(times)[int(len(times) * 0.95)] * 1000:.1f} ms"
    )
    out(
        f"  the changed unit found in {found / len(asked):.1%} of lookups; brute force over every unit finds it in "
        f"{reachable / len(asked):.1%}: recall {found / max(1, reachable):.1%}"
    )
    out(f"  exact lookup: median {statistics.median(exact) * 1000:.1f} ms")


def _megabytes(memory: SharedMemory) -> float:
    """The memory's size as a file, its pages still in the write-ahead log included."""
    pages = memory.db.execute("PRAGMA page_count").fetchone()[0]
    return float(pages * memory.db.execute("PRAGMA page_size").fetchone()[0] / 1e6)


def _brute_force_found(sources: list[str], asked: list[tuple[str, str]], limit: int = 5) -> int:
    """How many queries a lookup scoring every unit would answer with the changed unit among its `limit`
    matches above the threshold: fewer than `limit` other units score higher (scores as lookup rounds them).
    Only units of a length that can score as high are compared (the ratio is at most 1 - |a - b| / (a + b))."""
    keys = sorted({normalize_for_matching(s) for s in sources}, key=len)
    lengths = [len(k) for k in keys]
    reachable = 0
    for original, query in asked:
        key, own = normalize_for_matching(query), normalize_for_matching(original)
        score = 100 if own == key else min(99, int(fuzz.ratio(key, own)))
        if score < DEFAULT_THRESHOLD:
            continue
        low = bisect.bisect_left(lengths, len(key) * score / (200 - score) - 1)
        high = bisect.bisect_right(lengths, len(key) * (200 - score) / score + 1)
        better = process.extract(key, keys[low:high], scorer=fuzz.ratio, limit=limit, score_cutoff=score)
        ahead = sum(
            1 for choice, s, _i in better if choice != own and (100 if choice == key else min(99, int(s))) > score
        )
        reachable += ahead < limit
    return reachable
