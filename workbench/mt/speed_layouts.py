"""Raw CTranslate2 at its best on this machine: a short search over thread layouts, compute types and
token-budget batching, so "our pipeline vs raw CTranslate2" compares against the best raw setting found,
not against an arbitrary one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import ctranslate2

#: timed runs of each candidate (after a warm-up) on each workload; the best counts, as noise only adds time.
#: One keeps the search short: candidates it cannot tell apart are equal within noise anyway.
SEARCH_RUNS = 1


@dataclass(frozen=True, slots=True)
class Layout:
    inter_threads: int
    intra_threads: int
    compute_type: str
    #: CTranslate2's own batching: 0 decodes all inputs as one batch, else at most this many tokens per batch
    max_batch_tokens: int = 0

    def describe(self) -> str:
        batching = f"tokens<={self.max_batch_tokens}" if self.max_batch_tokens else "one batch"
        return f"{self.inter_threads}x{self.intra_threads} {self.compute_type} {batching}"

    def as_args(self) -> list[str]:
        return [str(self.inter_threads), str(self.intra_threads), self.compute_type, str(self.max_batch_tokens)]

    @classmethod
    def from_args(cls, args: list[str]) -> Layout:
        return cls(int(args[0]), int(args[1]), args[2], int(args[3]))


@dataclass(frozen=True, slots=True)
class Tried:
    workload: str
    layout: Layout
    wall: float
    cpu: float


def open_translator(folder: Path, layout: Layout) -> ctranslate2.Translator:
    return ctranslate2.Translator(
        str(folder),
        device="cpu",
        compute_type=layout.compute_type,
        inter_threads=layout.inter_threads,
        intra_threads=layout.intra_threads,
    )


def candidate_layouts(threads: int, float32: bool = True) -> list[Layout]:
    """All threads in one translator or spread over two (or one per thread); one batch or CTranslate2's
    token batches; float32 decoding of the int8 weights if asked. int8 and int8_float32 are one kind on a
    CPU (CTranslate2 reports both as int8_float32), so int8 is tried once."""
    supported = ctranslate2.get_supported_compute_types("cpu")
    compute = "int8" if "int8" in supported else "float32"
    layouts = [Layout(1, threads, compute), Layout(1, threads, compute, 1024)]
    layouts += [Layout(inter, threads // inter, compute, 1024) for inter in sorted({2, threads}) if 1 < inter <= 8]
    if float32 and "float32" in supported and compute != "float32":
        layouts.append(Layout(1, threads, "float32"))
    return layouts


def raw_decode(
    translator: ctranslate2.Translator,
    tokens: list[list[str]],
    prefix: list[str] | None,
    beam: int,
    length: int,
    layout: Layout,
    guards: Mapping[str, float] | None = None,
) -> None:
    """CTranslate2 as its documentation would have it used: pre-tokenized inputs in one call, every piece
    decoding `length` tokens (the forced language token included), with the pipeline's repeat `guards`
    (mt/runaway.py) when it is compared with the pipeline."""
    translator.translate_batch(
        tokens,
        target_prefix=[prefix] * len(tokens) if prefix else None,
        max_batch_size=layout.max_batch_tokens,
        batch_type="tokens",
        beam_size=beam,
        max_decoding_length=length,
        min_decoding_length=length,
        **(guards or {}),
    )


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall seconds and CPU seconds of this process (every thread's) for one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def search_layouts(
    folder: Path,
    candidates: list[Layout],
    inputs: dict[str, list[list[str]]],
    prefix: list[str] | None,
    length: int,
    out: Callable[[str], None] = lambda _line: None,
) -> tuple[dict[str, Layout], list[Tried]]:
    """Time each candidate greedily on each workload's `inputs` (after a warm-up) and return the fastest
    by wall time for each workload, with everything tried. Candidates that differ only in their batching
    share one translator; one translator is loaded at a time, so memory stays that of one."""
    tried: list[Tried] = []
    loaded: tuple[ctranslate2.Translator, Layout] | None = None
    for layout in candidates:
        if loaded is None or replace(loaded[1], max_batch_tokens=0) != replace(layout, max_batch_tokens=0):
            loaded = None  # let the previous translator go before the next one loads
            loaded = (open_translator(folder, layout), layout)
            raw_decode(loaded[0], next(iter(inputs.values()))[:2], prefix, 1, length, layout)  # warm-up
        for name, tokens in inputs.items():
            runs = [
                timed(partial(raw_decode, loaded[0], tokens, prefix, 1, length, layout)) for _ in range(SEARCH_RUNS)
            ]
            wall, cpu = min(runs)
            tried.append(Tried(name, layout, wall, cpu))
            out(f"{name:6} {layout.describe():32} wall {wall:6.2f} s  cpu {cpu:6.2f} s")
    best = {name: min((t for t in tried if t.workload == name), key=lambda t: t.wall).layout for name in inputs}
    return best, tried
