"""The interface every MT backend meets, and what the backends share (their model's identity and tokenizer).

The backends (ct2_engine, transformers_engine) import this module only; loader.py picks one;
nothing here imports a backend.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from workbench.core.errors import WorkbenchError
from workbench.mt.families import family as model_family
from workbench.mt.tokenization import SentencePieceCodec

#: the beam sizes a user may choose (lowest, highest), in the CLI and the settings dialog alike: wider beams
#: only cost time on an office PC, and memory grows with them
BEAM_SIZES = (1, 16)


@dataclass(frozen=True, slots=True)
class DecodingOptions:
    beam_size: int = 4
    max_output_tokens: int = 256
    #: forces output length (benchmarks decode a fixed number of tokens)
    min_output_tokens: int = 0

    def cache_key(self) -> str:
        return f"beam={self.beam_size};max={self.max_output_tokens}"


@dataclass(frozen=True, slots=True)
class Hypothesis:
    text: str
    #: output tokens without the forced language token
    tokens: tuple[str, ...]
    #: mean log-probability per output token: near 0 is confident, below about -1.5 is weak
    score: float


class TranslationEngine(Protocol):
    model_name: str
    family: str
    #: longer inputs are split at clause boundaries before translation
    max_input_tokens: int

    def count_tokens(self, text: str) -> int: ...

    def translate_batch(
        self, texts: list[str], source: str, target: str, options: DecodingOptions
    ) -> list[Hypothesis]: ...


def check_direction(family: str, model_name: str, folder: Path, source: str, target: str) -> None:
    """A family with one direction per model (Marian) reads it from the name (opus-mt-vi-en) or assumes its
    first (vi-en); the others translate any pair of their languages."""
    direction = model_family(family).direction_of(f"{model_name} {folder.name}")
    if direction is not None and f"{source}-{target}" != direction:
        raise WorkbenchError(f"{model_name} translates {direction} only, not {source}-{target}")


#: Longest input (sentencepiece pieces) sent to a model in one piece; longer ones are cut at clauses.
#: The supported families were trained on sentences well under this.
MAX_INPUT_TOKENS = 200


class EngineBase:
    """What both backends share: the model's identity and its tokenizer."""

    #: how many `translate_batch` calls may run at once from different threads (1: hold the engine's lock)
    parallel_calls = 1

    def __init__(self, folder: Path, model_name: str, family: str) -> None:
        self.folder = folder
        self.model_name = model_name
        self.family = family
        self.max_input_tokens = MAX_INPUT_TOKENS
        self.codec = SentencePieceCodec(folder, family)

    def count_tokens(self, text: str) -> int:
        return len(self.codec.pieces(text)) + 2

    def check_direction(self, source: str, target: str) -> None:
        check_direction(self.family, self.model_name, self.folder, source, target)


def default_threads() -> int:
    return max(1, os.cpu_count() or 1)
