"""Quality checks: each with an id, a severity, the languages it makes sense for, and a message a
translator understands. Run live on one segment or in bulk over a document or project.

Checks that make no sense for a language are off for it (no case or word-repetition rules for Khmer,
which has neither capitals nor spaces between words; Khmer ។ and ៕ count as a full stop). A finding a
person decided is fine is ignored for that segment with a reason that is kept (`qa_ignored`).
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

import regex

from workbench.core.errors import WorkbenchError
from workbench.core.language.language_rules import months_named, to_ascii_digits
from workbench.core.language.protected_spans import ProtectedSpan
from workbench.core.memory.glossary import FoundTerm, TermFinder, target_key, terms
from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.records import ORIGIN_BY_VALUE, STATUS_BY_VALUE, Origin, SegmentRecord, Status
from workbench.core.store.project_store import Project, now

ERROR, WARNING, INFO = "error", "warning", "info"
BOTH = frozenset({"en", "km"})


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

    def numbers_outside_spans(self) -> tuple[str, ...]:
        if self.source_numbers is None:
            self.source_numbers = _number_values(self.source, self.spans)
        return self.source_numbers

    def all_numbers(self) -> tuple[str, ...]:
        if self.all_source_numbers is None:
            self.all_source_numbers = _numbers(self.source)
        return self.all_source_numbers


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    severity: str
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
    severity: str
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
def _numbers(text: str) -> tuple[str, ...]:
    if not _HAS_DIGIT.search(text):
        return ()
    return tuple(m.replace(".", "").replace(",", "").lstrip("0") or "0" for m in _NUMBER.findall(to_ascii_digits(text)))


def _number_values(text: str, spans: Sequence[ProtectedSpan] = ()) -> tuple[str, ...]:
    """Numbers as digit strings (separators and leading zeros dropped, Khmer digits read), outside codes/URLs."""
    for span in spans:
        if span.kind in ("code", "url", "email", "phone", "date"):  # each has its own check
            text = text.replace(span.text, " ")
    return _numbers(text)


@lru_cache(maxsize=64)
def _squeezed(text: str) -> str:
    """No spaces, ASCII digits, case folded: how codes, addresses and phones are compared."""
    return _SPACES.sub("", to_ascii_digits(text)).casefold()


def _untranslated(s: Subject) -> str | None:
    return "not translated yet" if not s.target.strip() and s.status is Status.UNTRANSLATED else None


def _empty(s: Subject) -> str | None:
    confirmed = s.status in (Status.TRANSLATED, Status.APPROVED)
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
    target = _numbers(s.target)
    missing = [n for n in wanted if n not in target]
    if missing:  # "tháng 4" translated "April": the month is there by name
        named = months_named(s.source, s.target, s.language)
        missing = [n for n in missing if n not in named]
    return f"number(s) missing or changed: {', '.join(missing)}" if missing else None


def _numbers_added(s: Subject) -> str | None:
    found = _numbers(s.target)
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
        target = _squeezed(s.target)
        missing = [sp.text for sp in spans if _squeezed(sp.text) not in target]
        return f"{label} missing or altered: {', '.join(missing)}" if missing else None

    return check


def _dates(s: Subject) -> str | None:
    target = _number_values(s.target)
    missing = []
    for span in s.spans:
        if span.kind == "date":
            parts = _number_values(span.text)
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
    return f"glossary term not used: {'; '.join(missing)}" if missing else None


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
    low, high = (0.4, 2.2) if s.language == "en" else (0.4, 3.0)
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
        accepted = _END[source_end] if s.language == "km" else source_end
        if source_end == "." and s.language == "en":
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
        s.language != "km" or s.target.startswith("\u200b") or s.target.endswith("\u200b") or "\u200b\u200b" in s.target
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
    return None  # needs the whole project: see `inconsistent_translations`


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
    Check("repeated-word", WARNING, frozenset({"en"}), "The same word twice in a row.", _repeated_word),
    Check(
        "latin-in-khmer",
        WARNING,
        frozenset({"km"}),
        "Latin words in a Khmer translation that are not names or codes of the source.",
        _latin_in_khmer,
    ),
    Check("no-khmer", ERROR, frozenset({"km"}), "A Khmer translation without Khmer letters.", _no_khmer),
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
        frozenset({"en"}),
        "The source starts with a capital letter and the translation does not.",
        _capital_start,
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
_FOR_LANGUAGE = {language: tuple(c for c in CHECKS if language in c.languages) for language in ("en", "km")}


def check_subject(subject: Subject, segment_id: int = 0, ignored: frozenset[str] = frozenset()) -> list[Problem]:
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


# --- over a project -----------------------------------------------------------------------------------


@dataclass(slots=True)
class QaContext:
    """What bulk and live checks share: the glossary finder and the ignored findings."""

    finder: TermFinder
    ignored: dict[tuple[int, str], set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, project: Project) -> QaContext:
        ignored: dict[tuple[int, str], set[str]] = {}
        for row in project.connection.execute("SELECT segment_id, language, check_id FROM qa_ignored"):
            ignored.setdefault((row[0], row[1]), set()).add(row[2])
        return cls(TermFinder(terms(project)), ignored)


def check_segment(
    segment: SegmentRecord, language: str, context: QaContext, found: tuple[FoundTerm, ...] | None = None
) -> list[Problem]:
    """One segment in one language (`found`: its glossary terms, when the caller has them already)."""
    if not segment.translatable:
        return []
    translation = segment.translations.get(language)
    subject = Subject(
        segment.source,
        translation.text if translation else "",
        language,
        translation.status if translation else Status.UNTRANSLATED,
        translation.origin if translation else Origin.NONE,
        segment.spans,
        tuple(context.finder.find(segment.source)) if found is None else found,
    )
    return check_subject(subject, segment.id, frozenset(context.ignored.get((segment.id, language), ())))


_NOTHING = ("", Status.UNTRANSLATED, Origin.NONE)


def _rows(
    db: sqlite3.Connection, document_id: int | None, languages: Sequence[str], ids: tuple[int, int] | None = None
) -> list[tuple[int, str, str, bool, dict[str, tuple[str, Status, Origin]]]]:
    """(id, source, spans json, translatable, {language: (text, status, origin)}), read in one query (of the
    segments with ids in `ids`, inclusive): building full SegmentRecords would take longer than checking them."""
    where = "s.position IS NOT NULL" + (" AND s.document_id = ?" if document_id is not None else "")
    params: list[object] = [*languages, *([document_id] if document_id is not None else [])]
    if ids is not None:
        where += " AND s.id BETWEEN ? AND ?"
        params += list(ids)
    marks = ",".join("?" * len(languages))
    order = "s.id" if ids is not None else "s.document_id, s.position"  # a worker's range needs no sort
    rows: dict[int, tuple[int, str, str, bool, dict[str, tuple[str, Status, Origin]]]] = {}
    for sid, source, spans, translatable, language, text, status, origin in db.execute(
        f"""SELECT s.id, s.source, s.spans, s.translatable, t.language, t.text, t.status, t.origin FROM segments s
            LEFT JOIN translations t ON t.segment_id = s.id AND t.language IN ({marks})
            WHERE {where} ORDER BY {order}""",
        params,
    ):
        row = rows.get(sid)
        if row is None:
            row = rows[sid] = (sid, source, spans, bool(translatable), {})
        if language is not None:
            row[4][language] = (text, STATUS_BY_VALUE[status], ORIGIN_BY_VALUE[origin])
    return list(rows.values())


Row = tuple[int, str, str, bool, dict[str, tuple[str, Status, Origin]]]
#: (language, hash of the normalised source, hash of the confirmed text, segment id): only numbers travel
#: back from the workers (forked workers share the parent's hash seed); the texts are looked up at the end
Variants = list[tuple[str, int, int, int]]
#: below this many segments one process is quicker than starting others
PARALLEL_FROM = 20000
#: what forked workers read: the project file, the languages, the context, the document
_WORK: tuple[Path, list[str], QaContext, int | None] | None = None


def _check_rows(rows: Sequence[Row], languages: Sequence[str], context: QaContext) -> tuple[list[Problem], Variants]:
    collecting = gc.isenabled()
    gc.disable()  # the loop makes many small objects and no cycles: the cycle collector would only slow it
    try:
        return _check_rows_now(rows, languages, context)
    finally:
        if collecting:
            gc.enable()


def _check_rows_now(
    rows: Sequence[Row], languages: Sequence[str], context: QaContext
) -> tuple[list[Problem], Variants]:
    finder = context.finder if context.finder.pattern is not None else None
    found: list[Problem] = []
    variants: Variants = []
    for sid, source, spans_json, translatable, targets in rows:
        if not translatable:
            continue
        key = normalize_for_matching(source)
        terms_found = tuple(finder.find_in_key(key)) if finder is not None else ()
        spans = () if spans_json == "[]" else tuple(ProtectedSpan.from_json(source, i) for i in json.loads(spans_json))
        numbers = _number_values(source, spans)
        all_numbers = _numbers(source)
        for language in languages:
            text, status, origin = targets.get(language, _NOTHING)
            ignored = context.ignored.get((sid, language))
            subject = Subject(source, text, language, status, origin, spans, terms_found, numbers, all_numbers)
            found += check_subject(subject, sid, frozenset(ignored) if ignored else frozenset())
            if status in (Status.TRANSLATED, Status.APPROVED):
                variants.append((language, hash(key), hash(text.strip()), sid))
    return found, variants


def _check_slice(ids: tuple[int, int]) -> tuple[list[Problem], Variants]:
    """Run in a forked worker: reads its own range of segments (a new read-only connection; SQLite
    connections do not survive a fork) and sends back only the findings."""
    assert _WORK is not None
    path, languages, context, document_id = _WORK
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        gc.disable()
        rows = _rows(db, document_id, languages, ids)
    finally:
        db.close()
    return _check_rows(rows, languages, context)


def check_project(
    project: Project, languages: Sequence[str] | None = None, document_id: int | None = None,
    context: QaContext | None = None, parallel: bool = True,
) -> list[Problem]:  # fmt: skip
    """Every check over a document (or the project), plus translations that differ for the same source.
    A large project is checked by one forked worker per core (the checks are pure Python); a process with
    threads of its own (the Qt window) passes `parallel=False`, since forking it is not safe."""
    global _WORK
    context = context or QaContext.load(project)
    languages = list(languages or project.info.target_languages)
    where = "position IS NOT NULL" + (" AND document_id = ?" if document_id is not None else "")
    ids = [
        r[0]
        for r in project.connection.execute(
            f"SELECT id FROM segments WHERE {where} ORDER BY id", [document_id] if document_id is not None else []
        )
    ]
    workers = min(4, os.cpu_count() or 1)
    if not parallel or len(ids) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        collecting = gc.isenabled()
        gc.disable()  # reading 100,000 rows makes many small objects and no cycles
        try:
            rows = _rows(project.connection, document_id, languages)
        finally:
            if collecting:
                gc.enable()
        parts = [_check_rows(rows, languages, context)]
    else:
        _WORK = (project.path, languages, context, document_id)
        step = -(-len(ids) // workers)
        ranges = [(ids[i], ids[min(i + step, len(ids)) - 1]) for i in range(0, len(ids), step)]
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                parts = pool.map(_check_slice, ranges)
        finally:
            _WORK = None
    found: list[Problem] = []
    groups: dict[tuple[str, int], dict[int, list[int]]] = {}
    for problems, part in parts:
        found += problems
        for language, key_hash, text_hash, sid in part:
            groups.setdefault((language, key_hash), {}).setdefault(text_hash, []).append(sid)
    for (language, _key), by_text in groups.items():
        if len(by_text) < 2:
            continue
        for text_hash, same in by_text.items():
            other_id = next(other[0] for h, other in by_text.items() if h != text_hash)
            row = project.connection.execute(
                "SELECT text FROM translations WHERE segment_id = ? AND language = ?", (other_id, language)
            ).fetchone()
            other = (row[0] if row else "").strip()[:80]
            for sid in same:
                if "inconsistent-translation" not in context.ignored.get((sid, language), set()):
                    found.append(
                        Problem(sid, language, "inconsistent-translation", WARNING,
                                f"translated differently elsewhere: “{other}”")
                    )  # fmt: skip
    return found


def ignore_problem(project: Project, segment_id: int, language: str, check_id: str, reason: str, author: str) -> None:
    if check_id not in BY_ID:
        raise WorkbenchError(f"no check is called {check_id!r} (`check --list` lists them)")
    if not reason.strip():
        raise WorkbenchError("say why the finding is fine: the reason is kept for the editor")
    project.segment(segment_id)  # there is no segment 0: said, not a foreign-key error
    with project.transaction() as db:
        db.execute(
            """INSERT OR REPLACE INTO qa_ignored(segment_id, language, check_id, reason, author, created_at)
               VALUES (?, ?, ?, ?, ?, ?)""",
            (segment_id, language, check_id, reason.strip(), author, now()),
        )
