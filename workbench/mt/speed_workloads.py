"""What `bench mt` and the model manager's Measure button translate: two workloads of Vietnamese text.

"equal" is 32 segments of about 30 tokens, one batch. "mixed" is a few segments over the model's input
limit (the pipeline cuts them at clauses) among many of mixed length, so the pipeline's splitting, length
sorting and token-budget batching are exercised too. Random weights never stop by themselves, so every
piece decodes exactly `OUTPUT_TOKENS`; raw CTranslate2 and the pipeline thus decode the same tokens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workbench.core.language.language_rules import KHMER
from workbench.mt.engine import TranslationEngine
from workbench.mt.families import family as model_family
from workbench.mt.long_inputs import split_for_model
from workbench.mt.random_models import SAMPLE

SEGMENTS = 32
SOURCE_TOKENS = 30
OUTPUT_TOKENS = 30
#: the mixed workload: this many segments over the input limit, and this many of 5..60 tokens
LONG_SEGMENTS = 2
MIXED_SEGMENTS = 24
#: an int8 model.bin over this size (MADLAD-400 3B: 2.9 GB) is measured on the smaller workloads of LARGE
LARGE_MODEL_MB = 2000


@dataclass(frozen=True, slots=True)
class Scale:
    """How much `bench mt` translates. A 3B model decodes about ten times slower than NLLB-600M on 2 cores:
    on the full workloads its run would take over an hour, so it gets fewer segments and urgent requests."""

    segments: int = SEGMENTS
    long_segments: int = LONG_SEGMENTS
    mixed_segments: int = MIXED_SEGMENTS
    #: urgent requests timed during a pre-translation, after this many of its batches
    urgent_requests: int = 5
    settle_batches: int = 3

    def describe(self) -> str:
        return (
            f"equal {self.segments} segments (not {SEGMENTS}), mixed {self.long_segments}+{self.mixed_segments} "
            f"(not {LONG_SEGMENTS}+{MIXED_SEGMENTS}), {self.urgent_requests} urgent requests (not {FULL.urgent_requests})"
        )


FULL = Scale()
LARGE = Scale(segments=8, long_segments=1, mixed_segments=6, urgent_requests=3, settle_batches=1)


def scale_for(folder: Path) -> Scale:
    """The workloads' size for the CTranslate2 model in `folder`, by the size of its weights."""
    weights = folder / "model.bin"
    size_mb = weights.stat().st_size / 1e6 if weights.is_file() else 0.0
    return LARGE if size_mb > LARGE_MODEL_MB else FULL


@dataclass(frozen=True, slots=True)
class Workload:
    name: str
    #: the segments, as a translator's document holds them
    sources: tuple[str, ...]
    #: what the model is given: long sources cut at clauses exactly as the pipeline cuts them
    pieces: tuple[str, ...]
    #: source tokens of each piece, as the model counts them
    piece_tokens: tuple[int, ...]

    @property
    def output_tokens(self) -> int:
        return len(self.pieces) * OUTPUT_TOKENS

    def describe(self) -> str:
        longest = max(self.piece_tokens)
        return (
            f"{self.name}: {len(self.sources)} segments -> {len(self.pieces)} pieces of "
            f"{min(self.piece_tokens)}-{longest} tokens ({sum(self.piece_tokens)} in all), "
            f"{OUTPUT_TOKENS} output tokens each"
        )


def bench_target(engine: TranslationEngine) -> tuple[str, int]:
    """The language the benchmark translates Vietnamese into, and how many forced tokens start the output:
    the model's own direction for a one-direction family, else Khmer behind its language token."""
    direction = model_family(engine.family).fixed_directions
    target = direction[0].split("-")[1] if direction else KHMER
    return target, 1 if model_family(engine.family).forced_target_token(target) else 0


def _span(start: int, tokens: int, count_tokens: Callable[[str], int]) -> str:
    """Words of SAMPLE from `start` (cyclically) until the text counts `tokens` tokens."""
    words = SAMPLE.split()
    taken = [words[start % len(words)]]
    while count_tokens(" ".join(taken)) < tokens and len(taken) < 4 * len(words):
        taken.append(words[(start + len(taken)) % len(words)])
    return " ".join(taken)


def benchmark_sources(count_tokens: Callable[[str], int], segments: int = SEGMENTS) -> list[str]:
    """32 (or `segments`) distinct Vietnamese segments of about 30 tokens each."""
    return [_span(i * 7, SOURCE_TOKENS, count_tokens) for i in range(segments)]


def mixed_sources(count_tokens: Callable[[str], int], limit: int, scale: Scale = FULL) -> list[str]:
    """A few segments of about 1.5x the input limit, made of clauses joined by semicolons (where the pipeline
    cuts), then segments of 5 to 60 tokens in no particular order."""
    sources = []
    for i in range(scale.long_segments):
        clauses: list[str] = []
        while count_tokens("; ".join(clauses)) < limit * 3 // 2:
            clauses.append(_span(i * 11 + len(clauses) * 17, max(5, limit // 4), count_tokens))
        sources.append("; ".join(clauses) + ".")
    sources.extend(_span(i * 13, 5 + (i * 37) % 56, count_tokens) for i in range(scale.mixed_segments))
    return sources


def build_workload(name: str, sources: list[str], engine: TranslationEngine) -> Workload:
    pieces = [
        piece
        for source in sources
        for piece, _sep in split_for_model(source, engine.count_tokens, engine.max_input_tokens)
    ]
    return Workload(name, tuple(sources), tuple(pieces), tuple(engine.count_tokens(p) for p in pieces))


def workloads(engine: TranslationEngine, scale: Scale = FULL) -> list[Workload]:
    """The equal and the mixed workload, sized by the engine's own tokenizer and input limit."""
    return [
        build_workload("equal", benchmark_sources(engine.count_tokens, scale.segments), engine),
        build_workload("mixed", mixed_sources(engine.count_tokens, engine.max_input_tokens, scale), engine),
    ]
