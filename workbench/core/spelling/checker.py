"""A spell checker per language: which stretches of a text are misspelled, and what to write instead.

The engine is spylls (hunspell in pure Python: a plain `pip install` has it, no system library needed).
Its look-ups take about 15 µs a word, so each word's verdict is kept: re-checking a line after a keystroke
looks up only the new word. Khmer is first cut into words over the dictionary's own word list (Khmer has no
spaces); a stretch no dictionary word covers is the misspelling. Protected spans (codes, addresses,
numbers) and anything with a digit are never checked.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex

from workbench.core.errors import ImportProblem
from workbench.core.language.khmer_words import (
    SHIPPED_WORDS,
    KhmerSegmenter,
    WordSpan,
    read_word_list,
    shipped_segmenter,
)
from workbench.core.language.protected_spans import ProtectedSpan, find_protected_spans
from workbench.core.spelling.dictionary_files import (
    FILE_LIMIT,
    LANGUAGE_NAMES,
    DictionaryFiles,
    DictionaryProblem,
    check_files,
    dictionary_candidates,
    dictionary_encoding,
)
from workbench.core.spelling.word_lists import user_words
from workbench.core.store.project_store import Project
from workbench.core.store.spelling_words import project_words
from workbench.core.user_file import read_regular_file

log = logging.getLogger(__name__)

Span = tuple[int, int]
#: a word of a spaced script: letters and marks, with inner apostrophes and hyphens (don't, e-mail)
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’\-][\p{L}\p{M}]+)*")
_DIGIT_NEAR = regex.compile(r"\d")
_KHMER = regex.compile(r"[\u1780-\u17ff]")
#: verdicts kept per checker; a long session of typing stays far below this
_CACHE_LIMIT = 200_000
_SUGGESTIONS = 8
#: the longest stretch suggestions are looked for (longer: a run of typos, or pasted text, not one word)
SUGGESTED_LONGEST = 60


@dataclass(frozen=True, slots=True)
class NoDictionary:
    """A language without spell checking, and why, in words (shown instead of underlines)."""

    language: str
    message: str


class _Engine:
    """One hunspell dictionary, loaded once per program (en_US takes about 0.9 s, km_KH 0.6 s)."""

    def __init__(self, files: DictionaryFiles, skipped: tuple[str, ...] = ()) -> None:
        """`files` and its variants already passed check_files; `skipped`: the damaged pairs passed over."""
        self.files = files
        self._dictionary: Any = None
        #: why this dictionary cannot check (found on first use: a damaged file the engine failed on)
        self.problem: DictionaryProblem | None = None
        #: also a variant the engine failed on later (left out of the look-ups)
        self.skipped = list(skipped)
        self.also: list[_Engine] = [_Engine(variant) for variant in files.also]

    @property
    def dictionary(self) -> Any:
        if self.problem is not None:
            raise self.problem
        if self._dictionary is None:
            from spylls.hunspell import Dictionary  # type: ignore[import-untyped] # imported on first use: 0.1 s the window need not pay early

            try:
                self._dictionary = Dictionary.from_files(self.files.stem)
            except Exception as exc:
                self.problem = _damaged(self.files, exc)
                raise self.problem from None
        return self._dictionary

    def load(self) -> None:
        """Read the dictionary and its variants now (raises DictionaryProblem for a damaged main one)."""
        self.dictionary  # noqa: B018 - the property reads the files
        for variant in list(self.also):
            try:
                variant.dictionary  # noqa: B018
            except DictionaryProblem as exc:
                self._leave_out(variant, exc)

    def _leave_out(self, variant: _Engine, exc: DictionaryProblem) -> None:
        """A variant the engine failed on: left out of the look-ups, and said by whoever shows the status
        (skipped_dictionaries), not in the log."""
        self.also.remove(variant)
        self.skipped.append(f"{exc.problem} (left out)")
        log.info("%s (left out)", exc)

    def lookup(self, word: str) -> bool:
        """Whether the dictionary knows `word`; DictionaryProblem naming the files when the engine fails on
        it (a damaged .aff can load and still fail on a word), kept so every later word says the same."""
        if self._known(word):
            return True
        for variant in self.also:  # honour (en_GB) is as correct as honor (en_US)
            try:
                if variant._known(word):
                    return True
            except DictionaryProblem as exc:
                self._leave_out(variant, exc)
                break
        return False

    def _known(self, word: str) -> bool:
        dictionary = self.dictionary
        try:
            return bool(dictionary.lookup(word))
        except Exception as exc:  # the engine's failure on a damaged file, whatever its type
            self.problem = _damaged(self.files, exc)
            raise self.problem from None

    def suggest(self, word: str, seconds: float | None = None) -> list[str]:
        """At most 8 suggestions; with `seconds`, what was found by then (checked between suggestions)."""
        found: list[str] = []
        deadline = None if seconds is None else time.monotonic() + seconds
        for suggestion in self.dictionary.suggest(word):
            found.append(suggestion)
            if len(found) >= _SUGGESTIONS or (deadline is not None and time.monotonic() > deadline):
                break
        return found


def _damaged(files: DictionaryFiles, exc: Exception) -> DictionaryProblem:
    detail = f"{type(exc).__name__}: {exc}"[:200]
    return DictionaryProblem(files.language, f"{files.aff} or {files.dic}: is damaged ({detail})")


def _engine(language: str) -> _Engine | NoDictionary:
    if importlib.util.find_spec("spylls") is None:
        return NoDictionary(language, "no spelling engine: install the spylls package (pip install spylls)")
    candidates = tuple(dictionary_candidates(language))
    if not candidates:
        name = LANGUAGE_NAMES.get(language, language)
        return NoDictionary(language, f"no {name} spelling dictionary is installed (hunspell-{language} on Debian)")
    return _chosen_engine(language, candidates, tuple(_stamp(files) for files in candidates))


def _stamp(files: DictionaryFiles) -> tuple[int, ...]:
    try:
        return tuple(os.stat(path).st_mtime_ns for path in (files.aff, files.dic))
    except OSError:
        return (-1,)  # check_files says why it cannot be read


@lru_cache(maxsize=8)
def _chosen_engine(
    language: str, candidates: tuple[DictionaryFiles, ...], _stamps: tuple[tuple[int, ...], ...]
) -> _Engine | NoDictionary:
    """The first pair that passes check_files, with each other name's first good pair as a variant; a damaged
    pair is passed over and named in `skipped`. Checked and loaded once (again when a file changes)."""
    good: list[DictionaryFiles] = []
    skipped: list[str] = []
    for files in candidates:
        if any(files.name == other.name for other in good):
            continue
        try:
            check_files(files)
        except DictionaryProblem as exc:
            skipped.append(exc.problem)
            continue
        good.append(files)
    if not good:
        return NoDictionary(language, str(DictionaryProblem(language, "; ".join(skipped))))
    first, *others = good
    return _Engine(DictionaryFiles(language, first.name, first.aff, first.dic, tuple(others)), tuple(skipped))


@dataclass(slots=True)
class SpellChecker:
    """The spell checker of one language, with the words a person added (project and user) and ignored."""

    language: str
    engine: _Engine
    extra: set[str] = field(default_factory=set)
    segmenter: KhmerSegmenter | None = None
    _verdicts: dict[str, bool] = field(default_factory=dict)

    def add_words(self, words: Iterable[str]) -> None:
        """Words a person added or chose to ignore: correct from now on."""
        words = set(words)
        self.extra |= words
        for word in words:
            self._verdicts[word] = True
        if self.segmenter is not None:
            self.segmenter.add(words)

    def is_correct(self, word: str) -> bool:
        verdict = self._verdicts.get(word)
        if verdict is None:
            # Khmer: the segmenter already looked the word up in the dictionary's own word list
            verdict = word in self.extra or word.lower() in self.extra
            if not verdict and self.segmenter is None:
                verdict = self.engine.lookup(word.replace("’", "'"))
            if not verdict and self.language == "vi":
                other = _other_tone_place(word)
                verdict = other != word and self.engine.lookup(other)
            if len(self._verdicts) >= _CACHE_LIMIT:
                self._verdicts.clear()
            self._verdicts[word] = verdict
        return verdict

    def misspelled(self, text: str, spans: Sequence[ProtectedSpan] | None = None, source: str = "") -> list[Span]:
        """The (start, end) of each misspelled word in `text`, in order; codes, addresses and numbers ignored
        (`spans`: the text's protected spans when the caller has them), and so is a word of the Vietnamese
        `source` written without its marks (Long Xuyen for Long Xuyên: a name, not a typo)."""
        if not text.strip() or self.engine.problem is not None:
            return []
        try:
            return self._misspelled(text, spans, source)
        except DictionaryProblem as exc:  # said once; the language goes unchecked, as without a dictionary
            log.info("%s (spell checking %s stops)", exc, self.language)
            return []

    @property
    def problem(self) -> str | None:
        """Why this checker stopped checking (its dictionary turned out damaged), or None."""
        return None if self.engine.problem is None else str(self.engine.problem)

    def _misspelled(self, text: str, spans: Sequence[ProtectedSpan] | None, source: str) -> list[Span]:
        found: list[Span] = []
        is_correct = self.is_correct
        if self.segmenter is not None:  # Khmer: Latin words in it are names and codes (latin-in-khmer's job)
            found = _whole_khmer_words(text, self.segmenter.spans(text), is_correct)
        else:
            for match in _WORD.finditer(text):
                if not is_correct(match.group()):  # a kept verdict first: most words are known
                    found.append(match.span())
            found = [(a, b) for a, b in found if not _KHMER.search(text[a:b]) and not _next_to_digit(text, a, b)]
        if not found:
            return found
        if source:
            names = _bare_words(source)
            found = [(a, b) for a, b in found if _bare(text[a:b]) not in names]
        protected = [(s.start, s.end) for s in (find_protected_spans(text) if spans is None else spans)]
        return [span for span in found if not any(a < span[1] and span[0] < b for a, b in protected)]

    def load(self) -> None:
        """Read every file the checks and suggestions need now (off the GUI thread), not at the first word."""
        self.engine.load()

    def suggest(self, word: str, seconds: float | None = None) -> list[str]:
        """What to write instead of `word`, best first (computed when asked: 0.1–0.3 s, off the GUI thread);
        with `seconds`, what was found by then. None for a stretch longer than SUGGESTED_LONGEST (the engine's
        time grows fast with length), and none (said in the log) when the engine fails on it."""
        if len(word) > SUGGESTED_LONGEST or self.engine.problem is not None:
            return []
        try:
            return self.engine.suggest(word, seconds)
        except Exception:  # the engine's own failure on one word must not cost the menu its other items
            log.exception("no suggestions for %r", word)
            return []


_TONES = "\u0300\u0301\u0303\u0309\u0323"
#: hòa/hoà, thủy/thuỷ: both placements of the tone are written; a dictionary may know one of them
_TONE_PLACES = regex.compile(rf"(?i)([ou])([{_TONES}])?([aeyi])([{_TONES}])?")


def _other_tone_place(word: str) -> str:
    """`word` with the tone of its oa/oe/uy moved to the other vowel (the old and new placements)."""
    decomposed = unicodedata.normalize("NFD", word)

    def moved(m: regex.Match[str]) -> str:
        first, tone_1, second, tone_2 = m.group(1), m.group(2) or "", m.group(3), m.group(4) or ""
        if bool(tone_1) == bool(tone_2):
            return m.group()
        return f"{first}{tone_2}{second}{tone_1}"

    return unicodedata.normalize("NFC", _TONE_PLACES.sub(moved, decomposed, count=1))


#: a consonant with its subscripts and nothing else: what is left of a word around a typo
_FRAGMENT = regex.compile(r"[\u1780-\u17b3](?:\u17d2[\u1780-\u17b3]){0,2}")
_MARKS = regex.compile(r"\p{Mn}+")


def _whole_khmer_words(text: str, spans: list[WordSpan], is_correct: Callable[[str], bool]) -> list[Span]:
    """The unknown stretches, each with the vowel-less consonant "words" right beside it: a typo leaves
    fragments of its word that happen to be words (ប្រ + ទែ + ស for ប្រទេស), and the whole is what to underline
    and what to find suggestions for; a word with a vowel (ខ្ញុំ) is a word of its own."""
    found: list[Span] = []
    for i, (a, b, known) in enumerate(spans):
        if known or is_correct(text[a:b]):
            continue
        if i > 0 and spans[i - 1][2] and spans[i - 1][1] == a and _FRAGMENT.fullmatch(text[spans[i - 1][0] : a]):
            a = spans[i - 1][0]
        if (
            i + 1 < len(spans)
            and spans[i + 1][2]
            and spans[i + 1][0] == b
            and _FRAGMENT.fullmatch(text[b : spans[i + 1][1]])
        ):
            b = spans[i + 1][1]
        if found and found[-1][1] >= a:
            a = found.pop()[0]
        found.append((a, b))
    return found


@lru_cache(maxsize=256)
def _bare_words(source: str) -> frozenset[str]:
    return frozenset(_WORD.findall(_bare(source)))


def _bare(word: str) -> str:
    """`word` without its marks, in lower case: Xuyên and xuyen are one."""
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return _MARKS.sub("", decomposed).casefold()


def _next_to_digit(text: str, start: int, end: int) -> bool:
    return bool(
        (start > 0 and _DIGIT_NEAR.match(text[start - 1])) or (end < len(text) and _DIGIT_NEAR.match(text[end]))
    )


def is_loaded(language: str) -> bool:
    """Whether checking `language` now would not first read a dictionary (about a second): the window's live
    checks wait for the editor's background load instead of freezing the screen."""
    engine = _engine(language)
    if isinstance(engine, NoDictionary):
        return True
    if language == "km":
        return _khmer_segmenter.cache_info().currsize > 0
    return engine._dictionary is not None


def dictionary_status(language: str) -> str:
    """Which dictionary `language` is checked with, or why it is not: for `spelling --check` and the editor."""
    engine = _engine(language)
    if isinstance(engine, NoDictionary):
        return engine.message
    if engine.problem:
        return str(engine.problem)
    return f"{engine.files.name}: {engine.files.dic}" + "".join(f"; skipped {note}" for note in engine.skipped)


def skipped_dictionaries(language: str) -> tuple[str, ...]:
    """The damaged dictionary files passed over for `language` (each with what is wrong), said once by whoever
    shows the language's status: `spelling`, `check`."""
    engine = _engine(language)
    return () if isinstance(engine, NoDictionary) else tuple(engine.skipped)


def dictionary_problem(language: str) -> str | None:
    """Why `language` is not (or no longer) spell checked, or None: a missing or damaged dictionary."""
    engine = _engine(language)
    if isinstance(engine, NoDictionary):
        return engine.message
    return str(engine.problem) if engine.problem else None


def checker_for(project: Project, language: str) -> SpellChecker | NoDictionary:
    """The checker of `language` in `project`: the dictionary, the project's words and the user's."""
    return spell_checker(language, project_words(project, language) | user_words(language))


def spell_checker(language: str, extra: Iterable[str] = ()) -> SpellChecker | NoDictionary:
    """A new checker for `language` with `extra` words (its dictionary is loaded once per program), or why
    there is none. Loading is what takes time; call it off the GUI thread when it matters."""
    engine = _engine(language)
    if isinstance(engine, NoDictionary):
        return engine
    try:
        segmenter = _khmer_segmenter(engine.files).copy() if language == "km" else None
    except DictionaryProblem as exc:
        log.info("%s", exc)
        return NoDictionary(language, str(exc))
    checker = SpellChecker(language, engine, segmenter=segmenter)
    checker.add_words(extra)
    return checker


@lru_cache(maxsize=2)
def _khmer_segmenter(files: DictionaryFiles) -> KhmerSegmenter:
    """The segmenter over the dictionary's words: the shipped one is shared with the word counts."""
    if files.dic == SHIPPED_WORDS:
        return shipped_segmenter()
    try:
        encoding = dictionary_encoding(read_regular_file(files.aff, FILE_LIMIT))
        words = read_word_list(read_regular_file(files.dic, FILE_LIMIT), encoding)
    except ImportProblem as exc:
        raise DictionaryProblem(files.language, str(exc)) from None
    except (UnicodeDecodeError, LookupError) as exc:
        raise DictionaryProblem(files.language, f"{files.dic}: is damaged ({exc})") from None
    return KhmerSegmenter(words)
