"""The quality checks on one segment's texts: each with an id, a severity, the languages it makes sense
for, and a message a translator understands. Pure functions of the texts: no project, no database.

Checks that make no sense for a language are off for it (no case or word-repetition rules for Khmer,
which has neither capitals nor spaces between words; Khmer ។ and ៕ count as a full stop).
live_context.py runs them on a segment of a project, project_run.py over a document or a project.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

import regex

from workbench.core.language.language_rules import ENGLISH, KHMER, TARGET_LANGUAGES, months_named, to_ascii_digits
from workbench.core.language.protected_spans import ProtectedSpan
from workbench.core.memory.glossary import TERM_NOT_USED, FoundTerm, target_key
from workbench.core.qa.tag_check import tags_check, text_for_numbers
from workbench.core.records import CONFIRMED, Origin, Status
from workbench.core.tags.inline_tags import TagMap


class Severity(StrEnum):
    """How much a finding matters; the values are what reports and `check --json` print."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO  # short names for the table below
BOTH = frozenset(TARGET_LANGUAGES)


@dataclass(slots=True)  # not frozen: made 100,000 times per bulk check, and a frozen __init__ is slower
class Subject:
    """What a check looks at: one segment's source and its translation into one language."""

    source: str
    target: str
    language: str
    status: Status
    origin: Origin
    spans: tuple[ProtectedSpan, ...] = ()
    terms: tuple[FoundTerm, ...] = ()
    #: the source's numbers outside codes, addresses and dates; and all of them (computed once per segment)
    source_numbers: tuple[str, ...] | None = None
    all_source_numbers: tuple[str, ...] | None = None
    #: the source's inline tags (number -> TagInfo); empty for plain text
    tags: TagMap | None = None

    def plain_target(self) -> str:
        """The translation without its tag markers: a number check must not see the "1" of `<b1>`."""
        return text_for_numbers(self.target, self.tags)

    def plain_source(self) -> str:
        return text_for_numbers(self.source, self.tags)

    def numbers_outside_spans(self) -> tuple[str, ...]:
        if self.source_numbers is None:
            self.source_numbers = numbers_outside(self.plain_source(), self.spans)
        return self.source_numbers

    def all_numbers(self) -> tuple[str, ...]:
        if self.all_source_numbers is None:
            self.all_source_numbers = numbers_in(self.plain_source())
        return self.all_source_numbers


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    severity: Severity
    languages: frozenset[str]
    description: str
    run: Callable[[Subject], str | None]  # the message, or None when all is well
    #: checks of the translation's text skip untranslated segments
    needs_text: bool = True


class Problem(NamedTuple):
    """A finding (a named tuple: a bulk check hands hundreds of thousands between processes)."""

    segment_id: int
    language: str
    check_id: str
    severity: Severity
    message: str


# --- the checks -------------------------------------------------------------------------------------

_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")  # on text whose Khmer digits are made ASCII
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_MARKED = r"[\p{L}\p{M}]*(?:[\u0300\u0301\u0303\u0309\u0323\u0306\u0302\u031b]|[đĐ])[\p{L}\p{M}]*"
#: two words in a row with Vietnamese letters (in NFD: tone marks, breve, circumflex, horn, or đ)
_VIETNAMESE_RUN = regex.compile(rf"{_MARKED}\s+{_MARKED}")
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_SPACES = re.compile(r"\s+")
_KHMER = re.compile(r"[\u1780-\u17ff]")
_INVISIBLE = re.compile(r"[\u200c\u200d\u2060\ufeff\u00ad]|[\x00-\x08\x0b-\x1f\x7f]")
_END = {".": ".。។៕", "!": "!", "?": "?", ":": ":៖", ";": ";"}
_BRACKETS = ("()", "[]", "{}")
_HAS_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=64)
def numbers_in(text: str) -> tuple[str, ...]:
    """Every number of `text` as a digit string (cached: a bulk check asks for a source's numbers often)."""
    if not _HAS_DIGIT.search(text):
        return ()
    return tuple(m.replace(".", "").replace(",", "").lstrip("0") or "0" for m in _NUMBER.findall(to_ascii_digits(text)))


def numbers_outside(text: str, spans: Sequence[ProtectedSpan] = ()) -> tuple[str, ...]:
    """Numbers as digit strings (separators and leading zeros dropped, Khmer digits read), outside codes/URLs."""
    for span in spans:
        if span.kind in ("code", "url", "email", "phone", "date"):  # each has its own check
            text = text.replace(span.text, " ")
    return numbers_in(text)


@lru_cache(maxsize=64)
def _squeezed(text: str) -> str:
    """No spaces, ASCII digits, case folded: how codes, addresses and phones are compared."""
    return _SPACES.sub("", to_ascii_digits(text)).casefold()


def _untranslated(s: Subject) -> str | None:
    return "not translated yet" if not s.target.strip() and s.status is Status.UNTRANSLATED else None


def _empty(s: Subject) -> str | None:
    confirmed = s.status in CONFIRMED
    return "confirmed but empty" if confirmed and not s.target.strip() else None


def _same_as_source(s: Subject) -> str | None:
    if s.target.isascii() != s.source.isascii():
        return None
    same = unicodedata.normalize("NFC", s.target.strip()) == unicodedata.normalize("NFC", s.source.strip())
    return "the translation is the Vietnamese source unchanged" if same and _WORD.search(s.source) else None


def _numbers_missing(s: Subject) -> str | None:
    wanted = s.numbers_outside_spans()
    if not wanted:
        return None
    target = numbers_in(s.plain_target())
    missing = [n for n in wanted if n not in target]
    if missing:  # "tháng 4" translated "April": the month is there by name
        named = months_named(s.source, s.target, s.language)
        missing = [n for n in missing if n not in named]
    return f"number(s) missing or changed: {', '.join(missing)}" if missing else None


def _numbers_added(s: Subject) -> str | None:
    found = numbers_in(s.plain_target())
    if not found:
        return None
    source = s.all_numbers()
    extra = [n for n in found if n not in source]
    return f"number(s) not in the source: {', '.join(extra)}" if extra else None


def _span_check(kind: str, label: str) -> Callable[[Subject], str | None]:
    def check(s: Subject) -> str | None:
        spans = [sp for sp in s.spans if sp.kind == kind]
        if not spans:
            return None
        target = _squeezed(s.plain_target())
        missing = [sp.text for sp in spans if _squeezed(sp.text) not in target]
        return f"{label} missing or altered: {', '.join(missing)}" if missing else None

    return check


def _dates(s: Subject) -> str | None:
    target = numbers_outside(s.plain_target())
    missing = []
    for span in s.spans:
        if span.kind == "date":
            parts = numbers_outside(span.text)
            day, year = parts[0], parts[-1]
            if day not in target or (len(year) == 4 and year not in target):
                missing.append(span.text)
    return f"date missing or altered: {', '.join(missing)}" if missing else None


def _term_not_used(s: Subject) -> str | None:
    if not s.terms:
        return None
    target = target_key(s.target)
    missing = [
        f"{f.term.source} → {f.term.targets[s.language]}"
        for f in s.terms
        if f.term.targets.get(s.language) and target_key(f.term.targets[s.language]) not in target
    ]
    return f"{TERM_NOT_USED}: {'; '.join(missing)}" if missing else None


def _forbidden_used(s: Subject) -> str | None:
    if not s.terms:
        return None
    target = target_key(s.target)
    used = [
        f"{banned} (use {f.term.targets.get(s.language) or 'the glossary term'})"
        for f in s.terms
        for banned in f.term.forbidden.get(s.language, ())
        if target_key(banned) in target
    ]
    return f"forbidden term used: {'; '.join(used)}" if used else None


def _unedited_mt_approved(s: Subject) -> str | None:
    if s.status is Status.APPROVED and s.origin in (Origin.MT, Origin.TM):
        return "approved while still the unedited machine or memory draft"
    return None


def _length_ratio(s: Subject) -> str | None:
    if len(s.source) < 20:
        return None
    ratio = len(s.target) / len(s.source)
    low, high = (0.4, 2.2) if s.language == ENGLISH else (0.4, 3.0)
    if ratio < low:
        return f"much shorter than the source ({ratio:.0%} of its length)"
    if ratio > high:
        return f"much longer than the source ({ratio:.0%} of its length)"
    return None


def _edge_spaces(s: Subject) -> str | None:
    if not (s.target[:1].isspace() or s.target[-1:].isspace() or s.source[:1].isspace() or s.source[-1:].isspace()):
        return None
    lead = s.target[: len(s.target) - len(s.target.lstrip())] != s.source[: len(s.source) - len(s.source.lstrip())]
    trail = s.target[len(s.target.rstrip()) :] != s.source[len(s.source.rstrip()) :]
    return "leading or trailing spaces differ from the source" if lead or trail else None


def _double_space(s: Subject) -> str | None:
    return "double space" if "  " in s.target.strip() and "  " not in s.source.strip() else None


def _end_punctuation(s: Subject) -> str | None:
    source_end, target_end = s.source.rstrip()[-1:], s.target.rstrip()[-1:]
    if source_end in _END:
        accepted = _END[source_end] if s.language == KHMER else source_end
        if source_end == "." and s.language == ENGLISH:
            accepted = "."
        if target_end not in accepted:
            return f"the source ends with “{source_end}”, the translation with “{target_end}”"
    elif target_end in "".join(_END.values()) and source_end and source_end.isalnum():
        return f"the translation ends with “{target_end}”, the source has no end punctuation"
    return None


def _brackets(s: Subject) -> str | None:
    target = s.target
    if (
        "(" not in target
        and ")" not in target
        and "[" not in target
        and "]" not in target
        and "{" not in target
        and "}" not in target
    ):
        return None
    for pair in _BRACKETS:
        opened, closed = s.target.count(pair[0]), s.target.count(pair[1])
        if opened != closed:
            return f"unbalanced {pair[0]}{pair[1]} ({opened} opened, {closed} closed)"
    return None


def _quotes(s: Subject) -> str | None:
    if s.target.count("“") != s.target.count("”"):
        return "unbalanced “ ” quotes"
    if s.target.count('"') % 2:
        return 'an odd number of " quotes'
    return None


def _repeated_word(s: Subject) -> str | None:
    words = s.target.casefold().split()
    for first, second in pairwise(words):
        if first == second and len(first) > 1 and first.isalpha():
            return f"repeated word: “{first} {second}”" if f"{first} {first}" not in s.source.casefold() else None
    return None


def _latin_in_khmer(s: Subject) -> str | None:
    source = s.source.casefold()
    words = [w for w in _LATIN_WORD.findall(s.target) if w.casefold() not in source and not w.isupper()]
    return f"Latin words in the Khmer text: {', '.join(words[:5])}" if words else None


def _vietnamese_left(s: Subject) -> str | None:
    if s.target.isascii() or not _VIETNAMESE_RUN.search(unicodedata.normalize("NFD", s.target)):
        return None
    return "Vietnamese text left in the translation"


def _no_khmer(s: Subject) -> str | None:
    return (
        "the Khmer translation contains no Khmer letters"
        if _WORD.search(s.target) and not _KHMER.search(s.target)
        else None
    )


def _invisible(s: Subject) -> str | None:
    if s.target.isprintable():  # no control or format character at all: the usual case
        return None
    if _INVISIBLE.search(s.target):
        return "invisible or control characters in the translation"
    if "\u200b" in s.target and (
        s.language != KHMER
        or s.target.startswith("\u200b")
        or s.target.endswith("\u200b")
        or "\u200b\u200b" in s.target
    ):
        return "stray zero-width space"
    return None


def _capital_start(s: Subject) -> str | None:
    source, target = s.source.lstrip()[:1], s.target.lstrip()[:1]
    return (
        "the source starts with a capital letter, the translation does not"
        if source.isupper() and target.islower()
        else None
    )


def _inconsistent_placeholder(_s: Subject) -> str | None:
    return None  # needs the whole project: see project_run.check_project


def _spelling_placeholder(_s: Subject) -> str | None:
    return None  # needs the dictionaries: see spelling_check, run by row_checks and live_context


CHECKS: tuple[Check, ...] = (
    Check("untranslated", WARNING, BOTH, "The segment has no translation yet.", _untranslated, needs_text=False),
    Check(
        "empty-translation",
        ERROR,
        BOTH,
        "Confirmed or approved, but the translation is empty.",
        _empty,
        needs_text=False,
    ),
    Check("same-as-source", WARNING, BOTH, "The translation is identical to the Vietnamese source.", _same_as_source),
    Check(
        "number-missing",
        ERROR,
        BOTH,
        "A number of the source is missing or changed (Khmer digits count as the same).",
        _numbers_missing,
    ),
    Check("number-added", WARNING, BOTH, "The translation has a number the source does not.", _numbers_added),
    Check(
        "date-missing", ERROR, BOTH, "A date of the source is missing or altered (day and year must be there).", _dates
    ),
    Check(
        "code-missing",
        ERROR,
        BOTH,
        "A document code (25/CT-TTg, 33-NQ/TW) is missing or altered.",
        _span_check("code", "document code"),
    ),
    Check(
        "url-missing",
        ERROR,
        BOTH,
        "A web address of the source is missing or altered.",
        _span_check("url", "web address"),
    ),
    Check(
        "email-missing",
        ERROR,
        BOTH,
        "An e-mail address of the source is missing or altered.",
        _span_check("email", "e-mail address"),
    ),
    Check(
        "phone-missing",
        WARNING,
        BOTH,
        "A phone number of the source is missing or altered.",
        _span_check("phone", "phone number"),
    ),
    Check(
        "tags",
        ERROR,
        BOTH,
        "The source's formatting tags (<b1>…</b1>, <br2/>) are missing, added, reordered or badly nested.",
        tags_check,
    ),
    Check(
        "term-not-used",
        WARNING,
        BOTH,
        "A glossary term of the source is not translated as the glossary says.",
        _term_not_used,
    ),
    Check("forbidden-term", ERROR, BOTH, "The translation uses a term the glossary forbids.", _forbidden_used),
    Check(
        "unedited-mt-approved",
        WARNING,
        BOTH,
        "Approved while still the unedited machine or memory draft.",
        _unedited_mt_approved,
    ),
    Check("length-ratio", WARNING, BOTH, "The translation is much shorter or longer than the source.", _length_ratio),
    Check("edge-spaces", WARNING, BOTH, "Leading or trailing spaces differ from the source.", _edge_spaces),
    Check("double-space", WARNING, BOTH, "Two spaces in a row.", _double_space),
    Check(
        "end-punctuation",
        WARNING,
        BOTH,
        "End punctuation differs from the source (Khmer ។ or ៕ for a full stop).",
        _end_punctuation,
    ),
    Check("brackets", WARNING, BOTH, "Brackets are not balanced.", _brackets),
    Check("quotes", WARNING, BOTH, "Quotation marks are not balanced.", _quotes),
    Check("repeated-word", WARNING, frozenset({ENGLISH}), "The same word twice in a row.", _repeated_word),
    Check(
        "latin-in-khmer",
        WARNING,
        frozenset({KHMER}),
        "Latin words in a Khmer translation that are not names or codes of the source.",
        _latin_in_khmer,
    ),
    Check("no-khmer", ERROR, frozenset({KHMER}), "A Khmer translation without Khmer letters.", _no_khmer),
    Check("vietnamese-left", WARNING, BOTH, "Vietnamese words left in the translation.", _vietnamese_left),
    Check(
        "invisible-characters",
        WARNING,
        BOTH,
        "Zero-width, soft-hyphen or control characters where they do not belong.",
        _invisible,
    ),
    Check(
        "capital-start",
        INFO,
        frozenset({ENGLISH}),
        "The source starts with a capital letter and the translation does not.",
        _capital_start,
    ),
    Check(
        "spelling",
        WARNING,
        BOTH,
        "A word of the translation is in neither the language's dictionary, the project's nor yours.",
        _spelling_placeholder,
    ),
    Check(
        "source-spelling",
        WARNING,
        BOTH,
        "A word of the Vietnamese source is not in the Vietnamese dictionary (when Settings ask for it).",
        _spelling_placeholder,
        needs_text=False,
    ),
    Check(
        "inconsistent-translation",
        WARNING,
        BOTH,
        "The same source is translated differently elsewhere in the project.",
        _inconsistent_placeholder,
    ),
)
BY_ID = {check.id: check for check in CHECKS}
_FOR_LANGUAGE = {language: tuple(c for c in CHECKS if language in c.languages) for language in TARGET_LANGUAGES}


def check_subject(subject: Subject, segment_id: int = 0, ignored: frozenset[str] = frozenset()) -> list[Problem]:
    """The findings of every check that makes sense for the subject's language, except the `ignored` ones."""
    found = []
    has_text = bool(subject.target.strip())
    checks = _FOR_LANGUAGE.get(subject.language) or tuple(c for c in CHECKS if subject.language in c.languages)
    for check in checks:
        if (check.needs_text and not has_text) or (ignored and check.id in ignored):
            continue
        message = check.run(subject)
        if message:
            found.append(Problem(segment_id, subject.language, check.id, check.severity, message))
    return found
