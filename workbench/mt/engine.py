"""One small interface over the MT backends: translate a batch of texts into one language."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from workbench.core.errors import WorkbenchError
from workbench.mt.model_files import ModelRefused, inspect_model_folder
from workbench.mt.model_store import CONVERT_EXTRA_HINT, MissingExtra, missing_convert_packages
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


class NotConverted(WorkbenchError):
    """A safetensors model was asked to run where only CTranslate2 models can."""


def not_converted(model_name: str) -> str:
    """What to do with a model that is installed but not converted to CTranslate2."""
    return (
        f"{model_name} is not converted yet: it is installed as safetensors, and drafts come from its "
        f"CTranslate2 conversion. Run `python main.py models convert {model_name}` (it needs the convert extra: "
        f"{CONVERT_EXTRA_HINT}), or convert it on a machine that has the extra and carry the converted folder "
        f"(models/{model_name}-ct2-int8) here for `python main.py models install PATH`."
    )


#: what CTranslate2, sentencepiece and transformers raise for a model file they cannot use
LOAD_FAILURES = (RuntimeError, ValueError, OSError, KeyError, IndexError)


def load_engine(folder: Path, model_name: str, backend: str = "auto", threads: int = 0) -> TranslationEngine:
    """A CTranslate2 engine for a CTranslate2 folder, the transformers reference engine otherwise.

    The folder is checked by content first; whatever the libraries still refuse while loading
    becomes one message naming the model and its folder."""
    described = inspect_model_folder(folder)
    wanted = described.format if backend == "auto" else backend
    if described.format != "ct2" and (wanted == "ct2" or (backend == "auto" and missing_convert_packages())):
        raise NotConverted(not_converted(model_name))
    if wanted == "ct2":
        from workbench.mt.ct2_engine import Ct2Engine

        engine_class: Callable[[Path, str, str, int], TranslationEngine] = Ct2Engine
    else:
        try:
            from workbench.mt.transformers_engine import TransformersEngine
        except ImportError as exc:
            raise MissingExtra(f"the transformers backend needs torch and transformers; {CONVERT_EXTRA_HINT}") from exc
        engine_class = TransformersEngine
    try:
        engine = engine_class(folder, model_name, described.family, threads or default_threads())
    except LOAD_FAILURES as exc:
        raise ModelRefused(
            f"the model {model_name} in {folder} cannot be loaded ({_first_line(exc)}). Install it again from a "
            f"good copy: `python main.py models install PATH --name {model_name} --replace`"
        ) from exc
    return engine


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
