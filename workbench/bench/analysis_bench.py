"""`python main.py bench analysis`: the analysis (Tools > Analysis, `analyze`) of a 50,000-segment project
against a large shared memory, into English and Khmer, and what its memory lookups cost.

The project's sentences are generated press prose, every tenth segment a repetition of an earlier one
(an office's documents repeat headings and set phrases; `bench project`'s document repeats one page of
text, which would leave the memory almost nothing to look up). The memory holds a fifth of the project's distinct sources as they are (another case: 100 % matches, into
English and Khmer), a fifth with their last two words changed (fuzzy matches, both languages) and
generated press prose for the rest (English). Printed: the whole analysis (wall and CPU time, the key
queries and fuzzy searches it made, the bands), then, on a sample of distinct sources, the analysis's
matching (one key query and one fuzzy search per source for both languages) against asking
`Memories.exact_match` then `Memories.lookup(threshold=50, limit=1)` per language, interleaved A B A B.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from workbench.bench.project_bench import build_big_project
from workbench.bench.tm_bench import generate_units
from workbench.core.importing.file_import import prepare_import
from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.memory.project_memory import Memories
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory
from workbench.core.ops.analysis import BAND_NAMES, THRESHOLD, analyze
from workbench.core.ops.analysis_matching import BestMatch
from workbench.core.store.project_store import Project

LANGUAGES = ("en", "km")
SAMPLE = 300
PAIRS = 3


def _build_project(path: Path, segments: int) -> Path:
    """A project of `segments` sentences, a tenth of them repeating an earlier one."""
    rng = random.Random(5)
    distinct = generate_units(segments - segments // 10, seed=3)
    sentences: list[str] = []
    for sentence in distinct:
        sentences.append(sentence)
        if len(sentences) % 10 == 9:
            sentences.append(rng.choice(sentences))
    text = path.with_suffix(".txt")
    text.write_text("\n\n".join(sentences[:segments]), encoding="utf-8")
    return build_big_project(path, segments, prepare_import(text))


def _memory_units(sources: list[str], units: int) -> list[MemoryUnit]:
    exact = sources[::5]
    near = [" ".join([*s.split()[:-2], "khác", "nữa."]) for s in sources[1::5]]
    added = [MemoryUnit(s.upper(), f"[{lang}] {s}", lang) for s in exact for lang in LANGUAGES]
    added += [MemoryUnit(s, f"[{lang}] {s}", lang) for s in near for lang in LANGUAGES]
    added += [MemoryUnit(s, f"[en] {s}", "en") for s in generate_units(max(0, units - len(added)))]
    return added


def _per_language(memories: Memories, sources: list[str]) -> None:
    """The plain way: a key query, then a lookup, per source and language."""
    for source in sources:
        for language in LANGUAGES:
            if memories.exact_match(source, language) is None:
                memories.lookup(source, language, threshold=THRESHOLD, limit=1)


def _shared_search(memories: Memories, sources: list[str]) -> None:
    best = BestMatch(memories, THRESHOLD)
    for source in sources:
        best.scores(normalize_for_matching(source), LANGUAGES)


def _timed(work: Callable[[], None]) -> tuple[float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - started, time.process_time() - cpu


def _spread(values: list[float]) -> str:
    return (
        f"median {statistics.median(values) * 1000:.1f} ms (min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})"
    )


def run_analysis_benchmark(segments: int, units: int, out: Callable[[str], None]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = _build_project(folder / "analysis.wbp", segments)
        with Project.open(path) as project:
            sources = sorted({s.source for s in project.segments() if s.translatable})
        memory = SharedMemory(folder / "shared.sqlite")
        added = _memory_units(sources, units)
        for start in range(0, len(added), 5000):
            memory.add(added[start : start + 5000], "bench")
        with Project.open(path) as project:
            memories = Memories(project, memory)
            started, cpu = time.perf_counter(), time.process_time()
            analysis = analyze(project, memories, languages=list(LANGUAGES))
            seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
            cost, total = analysis.cost, analysis.total
            out(f"analysis of {segments} segments into {', '.join(LANGUAGES)}, shared memory of {len(added)} units:")
            out(
                f"  {seconds:.2f} s ({cpu_seconds:.2f} s CPU); {cost.distinct_sources} distinct sources "
                f"({total.repetitions.segments} repetitions), {cost.exact_queries} key queries, "
                f"{cost.fuzzy_searches} fuzzy searches "
                f"({cpu_seconds / max(cost.fuzzy_searches, 1) * 1000:.2f} ms CPU per search, key queries included)"
            )
            for language in LANGUAGES:
                bands = total.languages[language].bands
                out(f"  {language} bands (segments): " + ", ".join(f"{b} {bands[b].segments}" for b in BAND_NAMES))
            sample = sources[2 :: max(1, len(sources) // SAMPLE)][:SAMPLE]  # exact, near and unmatched alike
            walls: dict[str, list[float]] = {"per language": [], "one search": []}
            cpus: dict[str, list[float]] = {"per language": [], "one search": []}
            for _pair in range(PAIRS):
                for name, work in (
                    ("per language", lambda: _per_language(memories, sample)),
                    ("one search", lambda: _shared_search(memories, sample)),
                ):
                    wall, cpu_time = _timed(work)
                    walls[name].append(wall)
                    cpus[name].append(cpu_time)
        memory.close()
    out(f"matching {len(sample)} distinct sources into {', '.join(LANGUAGES)}, {PAIRS} interleaved pairs:")
    for name in walls:
        out(f"  {name:12}: wall {_spread(walls[name])}; CPU {_spread(cpus[name])}")
    ratio = statistics.median(cpus["per language"]) / max(statistics.median(cpus["one search"]), 1e-9)
    out(f"  one search per source takes 1/{ratio:.2f} of the CPU time of a lookup per language")
