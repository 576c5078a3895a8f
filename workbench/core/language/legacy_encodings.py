"""The 8-bit Vietnamese encodings that government documents still circulate in.

TCVN3 (ABC, TCVN 5712:1993 "VN3") gives each lower-case Vietnamese letter one byte; its upper-case
toned letters live in separate fonts (.VnTimeH, .VnArialH) that draw the same bytes as capitals.
VNI-Windows writes a Latin base letter followed by one or two diacritic bytes ("Vieät" for "Việt").
Both were typed with 8-bit fonts, so a file or a Word run holds the bytes as if they were cp1252
characters; these decoders take those bytes (or that mis-read text) back to Unicode NFC.
"""

from __future__ import annotations

import unicodedata

import regex

# TCVN3 byte -> Unicode letter (lower case; bytes 0xA1-0xA7 are the seven upper-case base letters).
_TCVN3_PAIRS = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip


def _tcvn3_table() -> list[str]:
    table = [chr(b) for b in range(128)]
    for b in range(128, 256):
        table.append(_TCVN3_PAIRS.get(b) or bytes([b]).decode("cp1252", errors="replace"))
    return table


_TCVN3_TABLE = _tcvn3_table()


def decode_tcvn3(data: bytes, upper: bool = False) -> str:
    """Decode TCVN3 bytes. `upper` is for text typed in a .Vn*H font, which shows every letter as a capital."""
    text = "".join(_TCVN3_TABLE[b] for b in data)
    return text.upper() if upper else text


# --- VNI-Windows ----------------------------------------------------------------------------------
# Marks are cp1252 characters after the base letter. Lower- and upper-case letters use different marks.
_TONES = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # acute, grave, hook, tilde, dot below
_VNI_MARKS = {
    # key: (plain tone marks, circumflex, circumflex+tones, breve, breve+tones, horn o, horn u,
    #       i with tones, y with dot below, đ)
    "lower": ("ùøûõï", "â", "áàåãä", "ê", "éèúüë", "ô", "ö", "íìæóò", "î", "ñ"),
    "upper": ("ÙØÛÕÏ", "Â", "ÁÀÅÃÄ", "Ê", "ÉÈÚÜË", "Ô", "Ö", "ÍÌÆÓÒ", "Î", "Ñ"),
}


def _vni_sequences() -> dict[str, str]:
    seq: dict[str, str] = {}
    for case, marks in _VNI_MARKS.items():
        tones, circ, circ_tones, breve, breve_tones, horn_o, horn_u, i_tones, y_dot, d_bar = marks

        def letter(base: str, *combining: str, _case: str = case) -> str:
            ch = unicodedata.normalize("NFC", base + "".join(combining))
            return ch.upper() if _case == "upper" else ch

        a, e, o, u, y, _i = "AEOUYI" if case == "upper" else "aeouyi"
        for base in (a, e, o, u, y):
            for mark, tone in zip(tones, _TONES, strict=True):
                seq[base + mark] = letter(base.lower(), tone)
        for base in (a, e, o):
            seq[base + circ] = letter(base.lower(), "\u0302")
            for mark, tone in zip(circ_tones, _TONES, strict=True):
                seq[base + mark] = letter(base.lower(), "\u0302", tone)
        seq[a + breve] = letter("a", "\u0306")
        for mark, tone in zip(breve_tones, _TONES, strict=True):
            seq[a + mark] = letter("a", "\u0306", tone)
        seq[horn_o] = letter("o", "\u031b")
        seq[horn_u] = letter("u", "\u031b")
        for horn, base in ((horn_o, "o"), (horn_u, "u")):
            for mark, tone in zip(tones, _TONES, strict=True):
                seq[horn + mark] = letter(base, "\u031b", tone)
        for mark, tone in zip(i_tones, _TONES, strict=True):
            seq[mark] = letter("i", tone)
        seq[y_dot] = letter("y", "\u0323")
        seq[d_bar] = "Đ" if case == "upper" else "đ"
    return seq


_VNI_SEQUENCES = _vni_sequences()
_VNI_PATTERN = regex.compile("|".join(regex.escape(k) for k in sorted(_VNI_SEQUENCES, key=len, reverse=True)))


def decode_vni(data: bytes) -> str:
    """Decode VNI-Windows bytes (base letters followed by cp1252 diacritic bytes) to NFC Unicode."""
    return vni_text_to_unicode(data.decode("cp1252", errors="replace"))


def vni_text_to_unicode(text: str) -> str:
    """Convert text that shows VNI bytes as cp1252 characters ("Vieät Nam") to Unicode ("Việt Nam")."""
    return _VNI_PATTERN.sub(lambda m: _VNI_SEQUENCES[m.group(0)], text)


def _font_byte(ch: str) -> bytes | None:
    """The byte an 8-bit font's character stands for as Word stores it (cp1252 or the U+F0xx symbol range),
    or None for a character no 8-bit font could have shown (Khmer, CJK, Vietnamese outside cp1252)."""
    code = ord(ch)
    if 0xF000 <= code <= 0xF0FF:
        return bytes([code - 0xF000])
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        return ch.encode("latin-1") if code < 256 else None


def legacy_text_to_bytes(text: str) -> bytes:
    """The bytes behind text typed with an 8-bit font; a character no such font shows becomes "?"."""
    table = {ch: _font_byte(ch) or b"?" for ch in set(text)}
    return b"".join(table[ch] for ch in text)


def is_8bit_font_text(text: str) -> bool:
    """Whether every character could come from an 8-bit font shown as cp1252: if not, the text is real
    Unicode, and reading it back as TCVN3/VNI bytes would turn those letters into question marks."""
    return all(_font_byte(ch) is not None for ch in set(text))


def encode_tcvn3(text: str) -> bytes:
    """Encode Unicode Vietnamese as TCVN3 (for tests and for round-trip export to legacy users)."""
    reverse = {v: k for k, v in _TCVN3_PAIRS.items()}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in reverse:
            out.append(reverse[ch])
        elif ch.lower() in reverse and ch.lower() not in "ăâêôơưđ":
            out.append(reverse[ch.lower()])  # TCVN3 has no toned capitals outside the H fonts
        else:
            out += ch.encode("cp1252")
    return bytes(out)


def encode_vni(text: str) -> bytes:
    """Encode Unicode Vietnamese as VNI-Windows bytes."""
    reverse: dict[str, str] = {}
    for seq, ch in _VNI_SEQUENCES.items():
        if ch not in reverse or len(seq) < len(reverse[ch]):
            reverse[ch] = seq
    return "".join(reverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text)).encode("cp1252")


def encode_cp1258(text: str) -> bytes:
    """Encode as Windows-1258, which has the quality-marked letters but writes most tones as combining marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out += (base + tones).encode("cp1258")
    return bytes(out)
