"""The interface every MT backend meets, and what the backends share (their model's identity and tokenizer).

The backends (ct2_engine, transformers_engine) import this module only; loader.py picks one;
nothing here imports a backend.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from workbench.core.errors import WorkbenchError
from workbench.mt.families import family as model_family
from workbench.mt.runaway import GUARDS_VERSION, decoding_guards, output_cap
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
    #: the runaway guards (mt/runaway.py): each output capped relative to its input's length, and the model
    #: family's no-repeat n-gram size and repetition penalty. False: `max_output_tokens` is the only limit.
    guards: bool = True
    #: how many hypotheses each output returns (the best first, in `Hypothesis.alternatives`): glossary terms
    #: are enforced by choosing among them (mt/term_enforcement.py)
    num_hypotheses: int = 1
    #: fill `Hypothesis.token_scores` (each chosen token's log-probability), for the quality estimate; of the best
    #: hypothesis only (its alternatives keep their mean score): CTranslate2 scores in a second pass that costs
    #: about what decoding the hypotheses did, so scoring all 4 of an n-best made it 2.5 times slower (bench rerank)
    token_scores: bool = False

    def cache_key(self) -> str:
        guards = GUARDS_VERSION if self.guards else "off"
        return f"beam={self.beam_size};max={self.max_output_tokens};guards={guards}"


@dataclass(frozen=True, slots=True)
class Hypothesis:
    text: str
    #: output tokens without the forced language token
    tokens: tuple[str, ...]
    #: mean log-probability per output token: near 0 is confident, below about -1.5 is weak
    score: float
    #: the length cap the output was stopped at (the forced language token counted), None when the model
    #: ended it by itself
    cap: int | None = None
    #: the input's length in model tokens (its framing included), which the cap was computed from
    input_tokens: int = 0
    #: each output token's log-probability (with `DecodingOptions.token_scores`, for the best hypothesis; else empty)
    token_scores: tuple[float, ...] = ()
    #: with `DecodingOptions.num_hypotheses` > 1: every hypothesis of this input, best first (this one first)
    alternatives: tuple[Hypothesis, ...] = ()


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

    def output_caps(self, input_lengths: list[int], target: str, options: DecodingOptions) -> list[int]:
        """Each input's output cap (mt/runaway.py) from its length in tokens, framing included; a cap counts the
        forced language token. The batch decodes up to the largest, each output is cut at its own (`cut_at_cap`)."""
        if not options.guards:
            return [options.max_output_tokens] * len(input_lengths)
        return [output_cap(n, target, options.max_output_tokens, options.min_output_tokens) for n in input_lengths]

    def decoding_guards(self, options: DecodingOptions) -> dict[str, float]:
        """The family's repeat guards, as keyword arguments both backends take."""
        return decoding_guards(model_family(self.family)) if options.guards else {}

    def hypothesis(
        self,
        decoded: list[str],
        forced: int,
        cap: int,
        score: float,
        input_tokens: int,
        token_scores: Sequence[float] = (),
    ) -> Hypothesis:
        """One output as both backends give it: cut at its own cap (`cut_at_cap`), detokenized, with its score
        (and its tokens' log-probabilities, cut alike)."""
        tokens, stopped = cut_at_cap(decoded, forced, cap)
        kept = tuple(float(s) for s in token_scores[: len(tokens)])
        return Hypothesis(self.codec.detokenize(tokens), tuple(tokens), score, stopped, input_tokens, kept)


def with_alternatives(ranked: Sequence[Hypothesis]) -> Hypothesis:
    """The best of one input's hypotheses (best first) carrying them all, itself first, as `alternatives`;
    a single hypothesis is returned as it is."""
    if len(ranked) < 2:
        return ranked[0]
    return replace(ranked[0], alternatives=tuple(ranked))


def cut_at_cap(tokens: list[str], forced: int, cap: int) -> tuple[list[str], int | None]:
    """The output's tokens within its own cap, and the cap if decoding reached it (None: it ended by itself).

    A batch decodes to its largest cap; under greedy decoding, an output cut at its own cap is what decoding
    it alone would have given."""
    if forced + len(tokens) < cap:
        return tokens, None
    return tokens[: max(0, cap - forced)], cap


def default_threads() -> int:
    return max(1, os.cpu_count() or 1)
