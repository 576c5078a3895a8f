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
        r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b"
        r"|\b(?i:ngày\s+)?\d{1,2}\s+(?i:tháng)\s+\d{1,2}(?:\s+(?i:năm)\s+\d{4})?\b"
        r"|\b(?i:tháng)\s+\d{1,2}[/-]\d{4}\b",
    ),
    # \d is any decimal digit, Khmer ០-៩ included.
    ("number", r"(?<!\w)[-+]?\d+(?:[.,]\d+)*%?"),
]
_PATTERNS = [(kind, regex.compile(pattern)) for kind, pattern in _KINDS]
_DIGIT = regex.compile(r"\d")
_TOP_LEVEL_DOMAIN = regex.compile(r"\.(?i:vn|com|org|net|gov|edu|info|int|asia|kh)\b")


def _may_contain(kind: str, text: str, has_digit: bool) -> bool:
    """Cheap tests that skip a pattern which cannot match (most sentences have no e-mail or URL)."""
    if kind == "email":
        return "@" in text
    if kind == "url":
        return "://" in text or "www." in text
    if kind == "domain":
        return _TOP_LEVEL_DOMAIN.search(text) is not None
    if kind == "date":
        return has_digit and ("/" in text or "-" in text or "." in text or "tháng" in text.lower())
    return has_digit


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
    """All protected spans of `text`, in order, none overlapping; where kinds overlap the earlier kind wins."""
    has_digit = _DIGIT.search(text) is not None
    spans: list[ProtectedSpan] = []  # taken so far: in order, none overlapping
    for kind, pattern in _PATTERNS:
        if _may_contain(kind, text, has_digit):
            spans = _merged(spans, [m for m in pattern.finditer(text)], "url" if kind == "domain" else kind)
    return spans


def _merged(taken: list[ProtectedSpan], matches: list[regex.Match[str]], kind: str) -> list[ProtectedSpan]:
    """`taken` with the matches that overlap none of it, in order: one sweep over both (both are in order and
    free of overlaps), so a paragraph of a million numbers costs a million steps, not a million squared."""
    added: list[ProtectedSpan] = []
    i = 0
    for match in matches:
        start, end = match.span()
        while i < len(taken) and taken[i].end <= start:
            i += 1
        if i < len(taken) and start < taken[i].end and taken[i].start < end:
            continue
        added.append(ProtectedSpan(kind, start, end, match.group(0)))
    return sorted(taken + added, key=lambda span: span.start) if added else taken


def number_values(text: str) -> list[str]:
    """The digit strings of `text` (Khmer digits read as ASCII), for comparing numbers across languages."""
    return regex.findall(r"\d+", to_ascii_digits(text), flags=regex.ASCII)
