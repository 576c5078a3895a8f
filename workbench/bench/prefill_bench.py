"""`python main.py bench prefill`: planning a pre-translation whose 100 % memory matches are drafted first.

The plan asks each memory by the matching key (one indexed query per segment), not by a fuzzy lookup:
this benchmark keeps that true on a large project against a large shared memory. A fifth of the
project's distinct sources are in the memory (with different spacing and case, as a memory written by
another tool has them), the rest of the memory is generated press prose.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from workbench.bench.project_bench import build_big_project
from workbench.bench.tm_bench import generate_units
from workbench.core.language.language_rules import ENGLISH
from workbench.core.memory.project_memory import Memories
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory
from workbench.core.ops.pretranslation import plan_pretranslation
from workbench.core.store.project_store import Project


def run_prefill_benchmark(segments: int, units: int, out: Callable[[str], None]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = build_big_project(folder / "prefill.wbp", segments)
        with Project.open(path) as project:
            sources = sorted({s.source for s in project.segments() if s.translatable})
        known = sources[::5]
        memory = SharedMemory(folder / "shared.sqlite")
        added = [MemoryUnit("  " + s.upper(), f"[en] {s}", ENGLISH) for s in known]
        added += [MemoryUnit(s, f"[en] {s}", ENGLISH) for s in generate_units(max(0, units - len(known)))]
        for start in range(0, len(added), 5000):
            memory.add(added[start : start + 5000], "bench")
        with Project.open(path) as project:
            memories = Memories(project, memory)
            started = time.perf_counter()
            cpu = time.process_time()
            plan = plan_pretranslation(project, ENGLISH, "bench-model", "bench-options", memories=memories)
            seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
        memory.close()
    out(f"pre-translation plan of {segments} segments against a shared memory of {len(added)} units:")
    out(
        f"  {seconds:.2f} s ({cpu_seconds:.2f} s CPU): {len(plan.from_memory)} segments drafted from 100 % matches, "
        f"{plan.to_translate} left for the model"
    )
