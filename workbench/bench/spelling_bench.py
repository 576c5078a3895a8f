"""`python main.py bench spelling`: spell checking one line as it is typed.

The Khmer line is 1,000 characters of the human Khmer translations in resources/samples (Khmer writes
phrases with spaces between them and no spaces inside), each copy with one letter changed so no phrase
repeats; the English line is 1,000 characters of the English ones. Measured, each in rounds (median,
min-max wall time, median CPU time):
- loading: the km_KH word list into the segmenter, and each hunspell dictionary (spylls), once a program;
- cold: the first check of the line by a new checker (no verdicts or cut phrases kept);
- keystroke: one character typed in the middle of the line, then the line checked again, as the editor's
  highlighter does (the phrases the keystroke did not touch are cut already; their words' verdicts kept);
- a suggestion for one misspelled word (computed when the context menu opens);
- the `spelling` QA check per translation, over the sample's segments.
The budget for a keystroke is 10 ms (typing must not lag); the figures say how far below it the line is.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from functools import partial

from workbench.core.language.khmer_words import SHIPPED_WORDS, KhmerSegmenter, read_word_list
from workbench.core.resources import resource_path
from workbench.core.spelling.checker import SpellChecker, dictionary_status, spell_checker
from workbench.core.spelling.dictionary_files import find_dictionary

ROUNDS = 9
#: loading a dictionary and suggesting take a second or less each: fewer rounds
LOAD_ROUNDS = 3
LINE = 1000
#: the middle of a 1,000-character line, where a keystroke lands
_AT = LINE // 2


def _samples(language: str) -> list[str]:
    data = json.loads(resource_path("samples", "soc-trang-sample-translations.json").read_text(encoding="utf-8"))
    return [s[language] for s in data["segments"] if s.get(language)]


def _line(language: str, length: int = LINE) -> str:
    """`length` characters of the sample translations, each repeat with one letter changed."""
    texts, line, round_ = _samples(language), "", 0
    while len(line) < length:
        for text in texts:
            if round_:  # a copy differs from the first in one letter, as a new phrase would
                at = (round_ * 7) % max(1, len(text) - 1)
                text = text[:at] + ("ក" if language == "km" else "x") + text[at + 1 :]
            line += text + " "
        round_ += 1
    return line[:length]


def _timed(work: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def _line_of(label: str, walls: list[float], cpus: list[float], unit: str = "ms") -> str:
    scale = 1000.0 if unit == "ms" else 1.0
    median = statistics.median(walls) * scale
    return (
        f"  {label:<52} {median:9.2f} {unit} (min {min(walls) * scale:.2f}, max {max(walls) * scale:.2f}; "
        f"CPU {statistics.median(cpus) * scale:.2f} {unit}; {len(walls)} rounds)"
    )


def _rounds(
    work: Callable[[], object], before: Callable[[], object] = lambda: None, rounds: int | None = None
) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(ROUNDS if rounds is None else rounds):
        before()
        wall, cpu = _timed(work)
        walls.append(wall)
        cpus.append(cpu)
    return walls, cpus


def run_spelling_benchmark(out: Callable[[str], None]) -> None:
    out(f"spell checking (spylls, pure-Python hunspell); {ROUNDS} rounds each; budget per keystroke 10 ms")
    out("loading, once per program:")
    words = read_word_list(SHIPPED_WORDS.read_bytes())
    segmenting = _rounds(lambda: KhmerSegmenter(words), rounds=LOAD_ROUNDS)
    out(_line_of(f"km_KH word list into the segmenter ({len(words):,} words)", *segmenting, "s"))
    for language in ("km", "en"):
        files = find_dictionary(language)
        if files is None:
            out(f"  {language}: {dictionary_status(language)}")
            continue
        from spylls.hunspell import Dictionary  # type: ignore[import-untyped]

        for variant in (files, *files.also):
            walls, cpus = _rounds(partial(Dictionary.from_files, variant.stem), rounds=LOAD_ROUNDS)
            use = "suggestions only" if language == "km" else "look-ups and suggestions"
            if variant is not files:
                use = f"looked up when {files.name} says no"
            out(_line_of(f"{variant.name} hunspell dictionary ({use})", walls, cpus, "s"))
    for language in ("km", "en"):
        checker = spell_checker(language)
        if not isinstance(checker, SpellChecker):
            out(f"{language}: {checker.message}")
            continue
        _one_line(language, checker, out)
        if language == "km":
            _one_line(language, checker, out, spaced=False)
    _qa_per_translation(out)


def _fresh(language: str) -> SpellChecker:
    """A new checker (no verdicts kept) on the loaded dictionary."""
    checker = spell_checker(language)
    assert isinstance(checker, SpellChecker)
    if checker.segmenter is not None:
        checker.segmenter.add(())  # forgets the phrases it has cut
    return checker


def _one_line(language: str, loaded: SpellChecker, out: Callable[[str], None], spaced: bool = True) -> None:
    """`spaced=False`: the Khmer line with its spaces taken out (its ។, commas and digits still end a run of
    Khmer letters; a run longer than 400 characters is cut in pieces of 400)."""
    line = _line(language, LINE * 2).replace(" ", "")[:LINE] if not spaced else _line(language)
    loaded.load()  # as the window does off the GUI thread: what follows is checking only
    found = loaded.misspelled(line)
    name = "English" if language == "en" else "Khmer" if spaced else "Khmer (no spaces at all)"
    out(f"{name} line of {len(line):,} characters ({len(found)} word(s) flagged):")
    holder: dict[str, SpellChecker] = {}

    def new_checker() -> None:
        holder["c"] = _fresh(language)

    out(_line_of("cold: first check by a new checker", *_rounds(lambda: holder["c"].misspelled(line), new_checker)))
    typed = {"n": 0}
    warm = _fresh(language)
    warm.misspelled(line)

    def keystroke() -> None:
        typed["n"] += 1
        letter = "ា" if language == "km" else "e"
        text = line[:_AT] + letter * typed["n"] + line[_AT:]  # the translator keeps typing at one place
        warm.misspelled(text)

    out(_line_of("keystroke: one character typed, the line re-checked", *_rounds(keystroke)))
    if not spaced:
        return
    word = _misspelled_word(language)
    walls, cpus = _rounds(lambda: loaded.suggest(word), rounds=LOAD_ROUNDS)  # the engine is loaded: warm
    out(_line_of(f"suggestions for {word!r} ({len(loaded.suggest(word))} found)", walls, cpus))


def _misspelled_word(language: str) -> str:
    return "ប្រទែស" if language == "km" else "goverment"


def _check_all(checker: SpellChecker, texts: list[str]) -> None:
    for text in texts:
        checker.misspelled(text)


def _qa_per_translation(out: Callable[[str], None]) -> None:
    """What the `spelling` QA check adds per translation (its checker kept from row to row, as a bulk run)."""
    for language in ("km", "en"):
        checker = spell_checker(language)
        if not isinstance(checker, SpellChecker):
            continue
        texts = _samples(language)
        copies = [t[:i] + t[i + 1 :] for t in texts for i in range(0, len(t), max(1, len(t) // 40))]
        walls, cpus = _rounds(partial(_check_all, checker, copies))
        per = [w / len(copies) for w in walls]
        per_cpu = [c / len(copies) for c in cpus]
        out(_line_of(f"QA 'spelling', {language}: per translation ({len(copies)} translations)", per, per_cpu))
