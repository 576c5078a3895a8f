"""Runaway output: a model that repeats words or writes far more than its input says, stopped and flagged.

The failure users report most for offline MT. Three guards, each with values that leave normal sentences
alone (measured on human translations, tests/mt/test_runaway_guards.py):

- a length cap relative to the input: an output of an `n`-token source stops at `ceil(ratio * n) + extra`
  tokens (the forced language token included), never above the caller's `max_output_tokens`. Measured on
  the human translations the project has (tests/data/tiny-corpus.txt and
  resources/samples/soc-trang-sample-translations.json, 23 pairs, sources of 10-117 tokens): with
  tokenizers trained on the three languages alike a translation has at most 1.21-1.41 target tokens per
  source token into English and 1.43-1.75 into Khmer; with one trained mostly on Vietnamese (which cuts
  English and Khmer into far more pieces than a real model's does) up to 3.05 and 3.33.
  The rules below cover even that one: a too-loose cap only lets a babbling draft run on a little longer
  (it is flagged either way), a too-tight one would cut real translations. No real model's tokenizer
  could be measured offline; a real translation the cap cut would still say so in its flag.
- no repeated n-gram and a repetition penalty, per model family (`ModelFamily.no_repeat_ngram_size`,
  `repetition_penalty` in mt/families.py), passed to both backends by `decoding_guards`.
- a draft that still stops at its cap, or repeats a phrase back to back, is flagged (`runaway_flags`):
  core/ops/draft_confidence.py makes such a draft weak, so the grid marks it and says why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import regex

from workbench.core.ops.draft_confidence import REPEAT_FLAG, RUNAWAY_FLAG
from workbench.mt.families import ModelFamily


@dataclass(frozen=True, slots=True)
class LengthRule:
    """An output of an `n`-token input may have `ceil(ratio * n) + extra` tokens."""

    ratio: float
    extra: int

    def cap(self, input_tokens: int) -> int:
        return math.ceil(self.ratio * input_tokens) + self.extra


#: per target language (see the module docstring for the measurements)
LENGTH_RULES = {"en": LengthRule(3.0, 12), "km": LengthRule(3.5, 12)}
#: a target language nobody measured: the loosest rule
DEFAULT_LENGTH_RULE = LengthRule(3.5, 12)
#: named in the decoding options' cache key: change it whenever a rule or a family's guard changes, so that
#: drafts decoded under other guards are not served from the cache as if equal
GUARDS_VERSION = "g2"

#: a phrase of this many tokens at most is looked for; it must come this many times in a row
MAX_PHRASE_TOKENS = 32
MIN_REPEATS = 3
#: a run of one token must cover this many tokens ("very very" and "ha ha ha" are language)
MIN_REPEATED_TOKENS = 4
_LETTER = regex.compile(r"\p{L}")


def output_cap(input_tokens: int, target: str, max_output_tokens: int, min_output_tokens: int = 0) -> int:
    """The most tokens an output of an `input_tokens`-long input may have (a caller's minimum wins)."""
    rule = LENGTH_RULES.get(target, DEFAULT_LENGTH_RULE)
    return max(min_output_tokens, min(max_output_tokens, rule.cap(input_tokens)))


def decoding_guards(model_family: ModelFamily) -> dict[str, float]:
    """The family's repeat guards as keyword arguments of both backends (CTranslate2's translate_batch and
    transformers' generate take the same names); a guard that is off is left out."""
    guards: dict[str, float] = {}
    if model_family.no_repeat_ngram_size > 0:
        guards["no_repeat_ngram_size"] = model_family.no_repeat_ngram_size
    if model_family.repetition_penalty != 1.0:
        guards["repetition_penalty"] = model_family.repetition_penalty
    return guards


@dataclass(frozen=True, slots=True)
class Repeat:
    """A phrase written `count` times back to back."""

    tokens: tuple[str, ...]
    count: int

    @property
    def text(self) -> str:
        return "".join(self.tokens).replace("\u2581", " ").strip()


def repeated_phrase(tokens: tuple[str, ...] | list[str], source: str = "") -> Repeat | None:
    """The phrase covering most tokens by being written MIN_REPEATS or more times in a row, if any.

    A repeat the source has too is copied, not babbled (the code "STTTT" is S T T T T), and a phrase needs a
    letter (dot leaders of a form, digit runs)."""
    best: Repeat | None = None
    length = len(tokens)
    copied = _squeezed(source)
    for size in range(1, min(MAX_PHRASE_TOKENS, length // MIN_REPEATS) + 1):
        start = 0
        while start + size * MIN_REPEATS <= length:
            count = 1
            while tokens[start + count * size : start + (count + 1) * size] == tokens[start : start + size]:
                count += 1
            unit = tuple(tokens[start : start + size])
            if (
                count >= MIN_REPEATS
                and count * size >= MIN_REPEATED_TOKENS
                and (best is None or count * size > best.count * len(best.tokens))
                and _LETTER.search("".join(unit))
                and _squeezed("".join(unit) * count) not in copied
            ):
                best = Repeat(unit, count)
            start += max(1, (count - 1) * size) if count >= MIN_REPEATS else 1
    return best


def _squeezed(text: str) -> str:
    return regex.sub(r"[\s\u2581]+", "", text).casefold()


def runaway_flags(tokens: tuple[str, ...], cap: int | None, input_tokens: int, source: str) -> tuple[str, ...]:
    """Why an output looks like a runaway: it stopped at its length cap, it repeats a phrase; () if neither."""
    flags = []
    if cap is not None:
        flags.append(f"{RUNAWAY_FLAG} stopped at the length cap ({cap} tokens for a {input_tokens}-token source)")
    repeat = repeated_phrase(tokens, source)
    if repeat is not None:
        flags.append(f"{REPEAT_FLAG} «{repeat.text}» ×{repeat.count}")
    return tuple(flags)
