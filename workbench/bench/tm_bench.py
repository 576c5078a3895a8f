"""`python main.py bench tm`: lookups in a translation memory of 200,000 units.

The units are generated: Vietnamese syllables drawn with a Zipf-like frequency (as real text has a
few very common syllables and a long tail), with phrases of a real press text spliced in (real memories
repeat titles and set phrases), and a number in most of them. Queries are units with one word changed
and a number altered: the fuzzy case a translator meets most.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from workbench.bench.project_bench import generate_vietnamese_text
from workbench.core.language.language_rules import ENGLISH
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory


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


def run_memory_benchmark(count: int, out: Callable[[str], None], queries: int = 200) -> None:
    rng = random.Random(11)
    sources = generate_units(count)
    with tempfile.TemporaryDirectory() as tmp:
        memory = SharedMemory(Path(tmp) / "tm.sqlite")
        started = time.perf_counter()
        for start in range(0, len(sources), 5000):
            memory.add((MemoryUnit(s, f"[en] {s}", ENGLISH) for s in sources[start : start + 5000]), "bench")
        built = time.perf_counter() - started
        size = (Path(tmp) / "tm.sqlite").stat().st_size / 1e6
        asked = []
        for source in rng.sample(sources, queries):
            words = source.split()
            words[rng.randrange(len(words))] = rng.choice(["tỉnh", "huyện", "mới", "năm", "các"])
            asked.append((source, " ".join(words)))
        times, found = [], 0
        for original, query in asked:
            began = time.perf_counter()
            matches = memory.lookup(query, ENGLISH)
            times.append(time.perf_counter() - began)
            found += any(m.unit.source == original for m in matches)
        exact = []
        for original, _query in asked[:50]:
            began = time.perf_counter()
            memory.lookup(original, ENGLISH)
            exact.append(time.perf_counter() - began)
        memory.close()
    out(f"translation memory of {count} units ({size:.0f} MB), built in {built:.1f} s")
    out(
        f"  fuzzy lookup (one word changed), {queries} queries: median {statistics.median(times) * 1000:.1f} ms, "
        f"95th percentile {sorted(times)[int(queries * 0.95)] * 1000:.1f} ms; the changed unit found in {found / queries:.0%}"
    )
    out(f"  exact lookup: median {statistics.median(exact) * 1000:.1f} ms")
