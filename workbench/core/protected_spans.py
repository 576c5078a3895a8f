"""Finding what a translation must carry over unchanged: numbers, dates, document codes, URLs, e-mails, phones.

Found once at import and stored with the segment; machine translation keeps them intact and the QA
checks compare them. Earlier kinds in `_PATTERNS` win where matches overlap (a phone number is not
also three numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from workbench.core.language_rules import to_ascii_digits

_UPPER = r"[A-ZĐ]"
_CODE_PART = r"[A-ZĐ][A-Za-zĐđ]*"

_PATTERNS: list[tuple[str, regex.Pattern[str]]] = [
    ("email", regex.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("url", regex.compile(r"\b(?:https?://|www\.)[^\s<>()\"“”]+[^\s<>()\"“”.,;:!?]")),
    (
        "url",
        regex.compile(
            r"\b(?:[a-z0-9][a-z0-9-]*\.)+(?:vn|com|org|net|gov|edu|info|int|asia|kh)\b(?:/[^\s<>()\"“”]*[^\s<>()\"“”.,;:!?])?",
            regex.IGNORECASE,
        ),
    ),
    (
        "phone",
        regex.compile(r"(?<![\w/.-])(?:\+84[ .]?|\(?0\d{2,3}\)?[ .-]?)\d{1,4}(?:[ .-]\d{2,4}){1,3}(?![\w/-])"),
    ),
    # 25/CT-TTg, 720/KH-UBND, 33-NQ/TW, 692/STTTT–TTBCXB, 15/2020/NĐ-CP, 33-Ctr/TU
    (
        "code",
        regex.compile(rf"\b\d+(?:/\d{{4}})?[/-]{_CODE_PART}(?:[-–/]{_CODE_PART})*(?![\w])"),
    ),
    (
        "date",
        regex.compile(
            r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b"
            r"|\b(?:ngày\s+)?\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?\b"
            r"|\btháng\s+\d{1,2}[/-]\d{4}\b",
            regex.IGNORECASE,
        ),
    ),
    ("number", regex.compile(r"(?<![\w])[-+]?\d+(?:[.,]\d+)*(?:%)?")),
]
# Khmer digits are numbers too.
_KHMER_NUMBER = regex.compile(r"[០-៩]+(?:[.,][០-៩]+)*")


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
    """All protected spans of `text`, in order, none overlapping."""
    taken = bytearray(len(text))
    spans: list[ProtectedSpan] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            spans.append(ProtectedSpan(kind, start, end, match.group(0)))
    for match in _KHMER_NUMBER.finditer(text):
        start, end = match.span()
        if not any(taken[start:end]):
            spans.append(ProtectedSpan("number", start, end, match.group(0)))
    spans.sort(key=lambda s: s.start)
    return spans


def number_values(text: str) -> list[str]:
    """The digit strings of `text` (Khmer digits read as ASCII), for comparing numbers across languages."""
    return regex.findall(r"\d+", to_ascii_digits(text), flags=regex.ASCII)
