"""Finding what a translation must carry over unchanged: numbers, dates, document codes, URLs, e-mails, phones.

Found once at import and stored with the segment; machine translation keeps them intact and the QA
checks compare them. Earlier kinds in `_PATTERNS` win where matches overlap (a phone number is not
also three numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from workbench.core.language.language_rules import to_ascii_digits

_CODE_PART = r"[A-ZĐ][A-Za-zĐđ]*"
_NUMERIC_DATE_PATTERN = r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b"

# In order of precedence: a phone number is not also three numbers, an e-mail's domain is not also a URL.
# Bounded where a hostile paragraph could make a search quadratic: an e-mail's name has at most 64
# characters (RFC 5321), a domain at most ten labels of at most 63.
_KINDS = [
    ("email", r"\b[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+\b"),
    ("url", r"\b(?:https?://|www\.)[^\s<>()\"“”]+[^\s<>()\"“”.,;:!?]"),
    (
        "domain",
        r"\b(?i:[a-z0-9][a-z0-9-]{0,62}\.){1,10}(?i:vn|com|org|net|gov|edu|info|int|asia|kh)\b"
        r"(?:/[^\s<>()\"“”]*[^\s<>()\"“”.,;:!?])?",
    ),
    ("phone", r"(?<![\w/.-])(?:\+84[ .]?|\(?0\d{2,3}\)?[ .-]?)\d{1,4}(?:[ .-]\d{2,4}){1,3}(?![\w/-])"),
    # 25/CT-TTg, 720/KH-UBND, 33-NQ/TW, 692/STTTT–TTBCXB, 15/2020/NĐ-CP, 33-Ctr/TU
    ("code", rf"\b\d+(?:/\d{{4}})?[/-]{_CODE_PART}(?:[-–/]{_CODE_PART})*(?!\w)"),
    (
        "date",
        _NUMERIC_DATE_PATTERN + r"|\b(?i:ngày\s+)?\d{1,2}\s+(?i:tháng)\s+\d{1,2}(?:\s+(?i:năm)\s+\d{4})?\b"
        r"|\b(?i:tháng)\s+\d{1,2}[/-]\d{4}\b",
    ),
    # \d is any decimal digit, Khmer ០-៩ included.
    ("number", r"(?<!\w)[-+]?\d+(?:[.,]\d+)*%?"),
]
_PATTERNS = {kind: regex.compile(pattern) for kind, pattern in _KINDS}
# A date without the word "tháng" can only be the first, numeric form, which is three times cheaper to look for.
_NUMERIC_DATE = regex.compile(_NUMERIC_DATE_PATTERN)
_DIGIT = regex.compile(r"\d")
_TOP_LEVEL_DOMAIN = regex.compile(r"\.(?i:vn|com|org|net|gov|edu|info|int|asia|kh)\b")


def _searches(text: str) -> list[tuple[str, regex.Pattern[str], int]]:
    """The patterns worth running on `text`, in order of precedence, each with the kind it reports and where
    its search may start.

    Cheap tests skip a pattern that cannot match (most sentences have no e-mail or URL), and a pattern that
    starts with a digit, or one character before it, starts its search there; each test is a condition the
    pattern itself needs, so neither loses a span (a search from a later position still sees the characters
    before it for `\\b` and look-behinds). `str.lower` keeps "tháng" in every spelling `(?i:tháng)` accepts."""
    searches: list[tuple[str, regex.Pattern[str], int]] = []
    if "@" in text:
        searches.append(("email", _PATTERNS["email"], 0))
    if "://" in text or "www." in text:
        searches.append(("url", _PATTERNS["url"], 0))
    if _TOP_LEVEL_DOMAIN.search(text) is not None:
        searches.append(("url", _PATTERNS["domain"], 0))
    digit = _DIGIT.search(text)
    if digit is None:
        return searches
    first = digit.start()
    before = max(first - 1, 0)  # a sign, the "+" of +84, the "(" of (0296)
    if "0" in text or "+84" in text:
        searches.append(("phone", _PATTERNS["phone"], before))
    has_separator = "/" in text or "-" in text
    if has_separator:
        searches.append(("code", _PATTERNS["code"], first))
    if "tháng" in text.lower():  # "ngày 24 tháng 11", "tháng 6/2024" start before their first digit
        searches.append(("date", _PATTERNS["date"], 0))
    elif has_separator or "." in text:
        searches.append(("date", _NUMERIC_DATE, first))
    searches.append(("number", _PATTERNS["number"], before))
    return searches


@dataclass(frozen=True, slots=True)
class ProtectedSpan:
    kind: str  # "email", "url", "phone", "code", "date" or "number"
    start: int
    end: int
    text: str

    def to_json(self) -> list[object]:
        return [self.kind, self.start, self.end]

    @classmethod
    def from_json(cls, source: str, item: list[object]) -> ProtectedSpan:
        kind, start, end = str(item[0]), int(str(item[1])), int(str(item[2]))
        return cls(kind, start, end, source[start:end])


def find_protected_spans(text: str) -> list[ProtectedSpan]:
    """All protected spans of `text`, in order, none overlapping; where kinds overlap the earlier kind wins.

    Each kind's pattern is searched on its own (one pattern of seven alternatives is slower: the engine
    then tries every alternative at every character), and a match is kept unless it overlaps a span already
    kept for an earlier kind. The sweep in `_merged` makes the whole linear in the length of the text."""
    spans: list[ProtectedSpan] = []  # taken so far: in order, none overlapping
    for kind, pattern, start in _searches(text):
        matches = list(pattern.finditer(text, start))
        if not matches:
            continue
        if spans:
            spans = _merged(spans, matches, kind)
        else:
            spans = [ProtectedSpan(kind, *match.span(), match.group()) for match in matches]
    return spans


def _merged(taken: list[ProtectedSpan], matches: list[regex.Match[str]], kind: str) -> list[ProtectedSpan]:
    """`taken` with the matches that overlap none of it, in order: one sweep over both (both are in order and
    free of overlaps), so a paragraph of a million numbers costs a million steps, not a million squared."""
    merged: list[ProtectedSpan] = []
    i, count = 0, len(taken)
    for match in matches:
        start, end = match.span()
        while i < count and taken[i].end <= start:
            merged.append(taken[i])
            i += 1
        if i < count and taken[i].start < end:
            continue  # overlaps taken[i], which ends after `start`
        merged.append(ProtectedSpan(kind, start, end, match.group()))
    merged.extend(taken[i:])
    return merged


def number_values(text: str) -> list[str]:
    """The digit strings of `text` (Khmer digits read as ASCII), for comparing numbers across languages."""
    return regex.findall(r"\d+", to_ascii_digits(text), flags=regex.ASCII)
