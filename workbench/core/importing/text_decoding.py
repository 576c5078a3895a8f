"""Turning the bytes of a Vietnamese text file into Unicode, whatever encoding it came in.

Order of evidence: a byte-order mark; then UTF-8; then every 8-bit Vietnamese encoding we know
(Windows-1258, TCVN3, VNI-Windows), the one whose result reads as the most Vietnamese syllables.
A file that is not valid UTF-8 is weighed both ways: the share of its non-ASCII bytes that UTF-8
explains against the legacy reading's share of well-formed syllables. So one stray byte in a long
UTF-8 article keeps it UTF-8 (the byte becomes U+FFFD, with a warning saying where), while a real
legacy file, where UTF-8 explains almost nothing, goes to its legacy decoder. UTF-8 text that is
really TCVN3 or VNI shown through the wrong font ("ViÖt Nam", "Vieät Nam": common when a legacy
document was pasted into a web form) is repaired too.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import regex

from workbench.core.counted import counted, plural
from workbench.core.errors import ImportProblem
from workbench.core.language.language_rules import is_vietnamese_syllable
from workbench.core.language.legacy_encodings import decode_tcvn3, decode_vni, is_8bit_font_text, legacy_text_to_bytes

#: Names accepted by `--encoding`, besides any codec Python knows.
LEGACY_ENCODINGS: dict[str, Callable[[bytes], str]] = {
    "tcvn3": decode_tcvn3,
    "vni": decode_vni,
}
#: what detection weighs when a file is not UTF-8, in this order (a near tie goes to the first)
_LEGACY_CANDIDATES: dict[str, Callable[[bytes], str]] = {
    "cp1258": lambda b: b.decode("cp1258", errors="replace"),
    "tcvn3": decode_tcvn3,
    "vni": decode_vni,
}
_ALIASES = {"abc": "tcvn3", "tcvn": "tcvn3", "vn3": "tcvn3", "vni-windows": "vni", "windows-1258": "cp1258"}

_WORD = regex.compile(r"[\p{L}\p{M}]+")
_SAMPLE_CHARS = 64 * 1024
#: the bytes UTF-8 could not read, as `surrogateescape` shows them (one lone surrogate per byte)
_UNREADABLE = regex.compile(r"[\udc80-\udcff]+")
_ASCII_BYTES = bytes(range(128))
_PLACES_SHOWN = 5
#: a file with a UTF-8 byte-order mark is read leniently only while most of its non-ASCII bytes are UTF-8
_MOSTLY_UTF8 = 0.5


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    #: What was detected or forced, e.g. "utf-8", "utf-8-sig", "utf-16", "cp1258", "tcvn3", "vni",
    #: or "utf-8 (tcvn3 text)" for legacy text that reached us re-encoded as UTF-8.
    encoding: str
    #: what the user should check, naming the file: bytes replaced by U+FFFD, a declaration overruled
    warnings: tuple[str, ...] = ()


def is_utf8(data: bytes) -> bool:
    """Whether the bytes are valid UTF-8 (a declaration or a stored value may say otherwise)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def vietnamese_score(text: str) -> float:
    """Share of the words with non-ASCII letters that are well-formed Vietnamese syllables."""
    total = valid = 0
    for word in _WORD.findall(text[:_SAMPLE_CHARS]):
        if word.isascii():
            continue
        total += 1
        valid += is_vietnamese_syllable(word)
    return valid / total if total else 0.0


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(sample) // 200)


def _utf16_codec_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM shows as a NUL in every other byte of ASCII text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    codec = "utf-16-le" if odd_nuls > 0.3 and even_nuls < 0.05 else None
    if even_nuls > 0.3 and odd_nuls < 0.05:
        codec = "utf-16-be"
    return codec


def normalize(text: str) -> str:
    """NFC and Unix line ends: NFD input (macOS, some web pages) and cp1258's combining tones compose."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


@dataclass(frozen=True, slots=True)
class _LenientUtf8:
    """UTF-8 with each run of unreadable bytes replaced by one U+FFFD, and where those runs are."""

    text: str
    #: share of the non-ASCII bytes that are well-formed UTF-8 (1.0 for a clean file)
    fit: float
    places: int
    #: the first few places, "line 9, column 137, byte 2,710"
    shown: tuple[str, ...]


def _read_utf8_leniently(data: bytes, skipped: int = 0) -> _LenientUtf8:
    """One pass over the text whatever its size; only the first few places are located. `skipped` is
    the length of a byte-order mark already taken off, so byte offsets count from the file's start."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    shown: list[str] = []
    places = bad_bytes = 0
    line, line_start, scanned, byte_offset = 1, 0, 0, skipped
    for run in _UNREADABLE.finditer(escaped):
        places += 1
        bad_bytes += len(run.group())
        if len(shown) < _PLACES_SHOWN:
            start = run.start()
            byte_offset += len(escaped[scanned:start].encode("utf-8", errors="surrogateescape"))
            newlines = escaped.count("\n", scanned, start)
            if newlines:
                line += newlines
                line_start = escaped.rfind("\n", scanned, start) + 1
            shown.append(f"line {line:,}, column {start - line_start + 1:,}, byte {byte_offset:,}")
            scanned = start
    non_ascii = len(data.translate(None, _ASCII_BYTES))
    fit = 1.0 - bad_bytes / non_ascii if non_ascii else 1.0
    return _LenientUtf8(_UNREADABLE.sub("\ufffd", escaped), fit, places, tuple(shown))


def _replacement_warning(source: str, reading: _LenientUtf8) -> str:
    where = "; ".join(reading.shown)
    if reading.places > len(reading.shown):
        where += f"; and {reading.places - len(reading.shown):,} more"
    count = reading.places
    return (
        f"{source}: {counted(count, 'place')} {plural(count, 'is')} not valid UTF-8 and {plural(count, 'shows', 'show')} "
        f"as \ufffd ({where}): check the text there; the rest was read as UTF-8"
    )


def _utf8_or_legacy(data: bytes, source: str) -> DecodedText:
    """UTF-8 with its bad bytes replaced, unless a legacy encoding explains the file better."""
    reading = _read_utf8_leniently(data)
    legacy, legacy_score = _best_legacy_encoding(data)
    if legacy_score >= reading.fit:
        return DecodedText(normalize(_LEGACY_CANDIDATES[legacy](data)), legacy)
    text = normalize(reading.text)
    warning = _replacement_warning(source, reading)
    repaired = _repair_legacy_in_unicode(text)
    if repaired is not None:
        return DecodedText(repaired.text, repaired.encoding, (warning,))
    return DecodedText(text, "utf-8", (warning,))


def _best_legacy_encoding(data: bytes) -> tuple[str, float]:
    """The 8-bit encoding that reads the most Vietnamese, and its score. Scored on a prefix long enough
    for the score's sample (a letter takes at most three bytes): the whole file is decoded once, later,
    and only if that reading wins."""
    best_name, best_score = "", -1.0
    prefix = data[: 3 * _SAMPLE_CHARS + 16]
    for name, decode in _LEGACY_CANDIDATES.items():
        score = vietnamese_score(normalize(decode(prefix)))
        if score > best_score + 0.02:
            best_name, best_score = name, score
    return best_name, best_score


def _repair_legacy_in_unicode(text: str) -> DecodedText | None:
    """Text that is TCVN3 or VNI bytes shown as cp1252 characters, then saved as UTF-8."""
    if not any(0x80 <= ord(ch) <= 0xFF or 0x152 <= ord(ch) <= 0x2122 for ch in text[:_SAMPLE_CHARS]):
        return None
    current = vietnamese_score(text)
    if current > 0.9 or not is_8bit_font_text(text):
        return None
    raw = legacy_text_to_bytes(text)
    best: DecodedText | None = None
    for name, decode in LEGACY_ENCODINGS.items():
        fixed = normalize(decode(raw))
        score = vietnamese_score(fixed)
        if score > current + 0.3:
            best, current = DecodedText(fixed, f"utf-8 ({name} text)"), score
    return best


def decode_text(data: bytes, source: str, encoding: str | None = None) -> DecodedText:
    """Decode a text file's bytes; `source` names the file in error messages.

    Raises ImportProblem for data that is not text at all.
    """
    if encoding:
        return _decode_forced(data, source, encoding)
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return DecodedText(normalize(data.decode(codec)), codec)
            except UnicodeDecodeError as exc:
                damaged = ImportProblem(source, f"starts as {codec} but is damaged at byte {exc.start}")
                if codec != "utf-8-sig" or _looks_binary(data):
                    raise damaged from exc
                # the mark says UTF-8: a few bad bytes are replaced, not guessed at; mostly bad is not text
                reading = _read_utf8_leniently(data[len(bom) :], len(bom))
                if reading.fit < _MOSTLY_UTF8:
                    raise damaged from exc
                return DecodedText(normalize(reading.text), codec, (_replacement_warning(source, reading),))
    utf16 = _utf16_codec_without_bom(data)
    if utf16:
        try:
            return DecodedText(normalize(data.decode(utf16)), utf16)
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise ImportProblem(source, "is not a text file: it contains binary data (is it renamed from another format?)")
    try:
        text = normalize(data.decode("utf-8"))
    except UnicodeDecodeError:
        return _utf8_or_legacy(data, source)
    return _repair_legacy_in_unicode(text) or DecodedText(text, "utf-8")


def _decode_forced(data: bytes, source: str, encoding: str) -> DecodedText:
    name = _ALIASES.get(encoding.lower(), encoding.lower())
    if name in LEGACY_ENCODINGS:
        return DecodedText(normalize(LEGACY_ENCODINGS[name](data)), name)
    known = ", ".join(["utf-8", "utf-16", "cp1258", *LEGACY_ENCODINGS])
    try:
        codecs.lookup(name)
    except LookupError:
        raise ImportProblem(source, f"names an unknown encoding {encoding!r} (try one of {known})") from None
    try:
        return DecodedText(normalize(data.decode(name)), name)
    except UnicodeDecodeError as exc:
        raise ImportProblem(source, f"is not valid {encoding} (bad byte at offset {exc.start})") from exc
    except LookupError:  # rot13, base64, zlib, hex, uu: codecs Python has, but not from bytes to text
        raise ImportProblem(
            source, f"cannot be read as {encoding!r}: it is not a text encoding (try one of {known})"
        ) from None
    except UnicodeError as exc:  # idna, punycode and "undefined" refuse in their own words
        raise ImportProblem(source, f"cannot be read as {encoding!r} ({exc})") from exc
