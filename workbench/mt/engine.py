"""One small interface over the MT backends: translate a batch of texts into one language."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from workbench.core.errors import WorkbenchError
from workbench.mt.model_files import inspect_model_folder
from workbench.mt.model_store import CONVERT_EXTRA_HINT, MissingExtra
from workbench.mt.tokenization import SentencePieceCodec


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
    """Marian models have one direction, read from the folder name (opus-mt-vi-en) or assumed vi-en."""
    if family != "marian":
        return
    name = f"{model_name} {folder.name}"
    direction = next((d for d in ("vi-en", "vi-km", "en-km") if d in name), "vi-en")
    if f"{source}-{target}" != direction:
        raise WorkbenchError(f"{model_name} translates {direction} only, not {source}-{target}")


#: Longest input (sentencepiece pieces) sent to a model in one piece; longer ones are cut at clauses.
#: The supported families were trained on sentences well under this.
MAX_INPUT_TOKENS = 200


class EngineBase:
    """What both backends share: the model's identity and its tokenizer."""

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


def load_engine(folder: Path, model_name: str, backend: str = "auto", threads: int = 0) -> TranslationEngine:
    """A CTranslate2 engine for a CTranslate2 folder, the transformers reference engine otherwise."""
    described = inspect_model_folder(folder)
    wanted = described.format if backend == "auto" else backend
    if wanted == "ct2":
        if described.format != "ct2":
            raise WorkbenchError(f"{model_name} is not converted yet: run `python main.py models convert {model_name}`")
        from workbench.mt.ct2_engine import Ct2Engine

        return Ct2Engine(folder, model_name, described.family, threads or default_threads())
    try:
        from workbench.mt.transformers_engine import TransformersEngine
    except ImportError as exc:
        raise MissingExtra(f"the transformers backend needs torch and transformers; {CONVERT_EXTRA_HINT}") from exc
    return TransformersEngine(folder, model_name, described.family, threads or default_threads())
