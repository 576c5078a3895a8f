"""Keeping what must not change intact through the model, and tidying the model's output.

The text goes to the model as it is (models copy codes and numbers better than placeholders they
never saw in training); afterwards every protected span is looked for in the output. A code, URL,
e-mail or phone number that came out respaced or recased ("25 / CT-TTG") is put back as written;
one that is lost, and a number whose digits changed, become flags on the draft for the translator.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from workbench.core.language.language_rules import KHMER, KHMER_FULL_STOP, to_ascii_digits, to_khmer_digits
from workbench.core.language.protected_spans import ProtectedSpan

VERBATIM_KINDS = {"code", "url", "email", "phone"}
_STRAY_INVISIBLE = regex.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_DIGIT_RUN = regex.compile(r"\d+(?:[.,  ]\d{3})*(?:[.,]\d+)?")


@dataclass(frozen=True, slots=True)
class CheckedText:
    text: str
    flags: tuple[str, ...]


def _loose_pattern(span_text: str) -> regex.Pattern[str]:
    """The span's letters and digits in order, with any spacing or punctuation between them, any case."""
    chunks = regex.findall(r"[\p{L}\p{N}]+", span_text)
    return regex.compile(r"[\s\-–/.@:]*".join(regex.escape(c) for c in chunks), regex.IGNORECASE)


def _digits(text: str) -> str:
    return regex.sub(r"\D", "", to_ascii_digits(text))


def _numbers_in(text: str) -> set[str]:
    return {_digits(m.group(0)) for m in _DIGIT_RUN.finditer(to_ascii_digits(text))}


def restore_spans(output: str, spans: tuple[ProtectedSpan, ...] | list[ProtectedSpan]) -> CheckedText:
    """Put mangled codes, URLs, e-mails and phones back as written; flag what is lost or changed."""
    flags: list[str] = []
    text = output
    for span in spans:
        if span.kind in VERBATIM_KINDS:
            if span.text in text:
                continue
            found = _loose_pattern(span.text).search(text)
            if found:
                text = text[: found.start()] + span.text + text[found.end() :]
            else:
                flags.append(f"missing {span.kind}: {span.text}")
        elif span.kind == "number":
            if _digits(span.text) and _digits(span.text) not in _numbers_in(text):
                flags.append(f"number changed or missing: {span.text}")
        elif span.kind == "date":
            # Months and days may be written out in words; the year must survive.
            for year in regex.findall(r"\d{4}", span.text):
                if year not in _numbers_in(text):
                    flags.append(f"date changed or missing: {span.text}")
                    break
    return CheckedText(text, tuple(flags))


def finish_output(text: str, source: str, target: str, khmer_digits: bool, spans: tuple[ProtectedSpan, ...]) -> str:
    """Normalise a draft: NFC, no stray zero-width characters; for Khmer the khan (។) and the chosen digits."""
    text = _STRAY_INVISIBLE.sub("", unicodedata.normalize("NFC", text)).strip()
    if target != KHMER or not text:
        return text
    keep = [s.text for s in spans if s.kind in VERBATIM_KINDS and s.text in text]
    parts = regex.split("(" + "|".join(regex.escape(k) for k in keep) + ")", text) if keep else [text]
    convert = to_khmer_digits if khmer_digits else to_ascii_digits
    text = "".join(part if part in keep else convert(part) for part in parts)
    if source.rstrip().endswith((".", "…")):
        if text.endswith("."):
            text = text[:-1].rstrip() + KHMER_FULL_STOP
        elif not text.endswith((KHMER_FULL_STOP, "៕", "!", "?")):
            text += KHMER_FULL_STOP
    return text
