"""Text as translation memory and glossary compare it: what should not matter is folded, what should stays.

Folded: Unicode form (NFC), letter case, runs of spaces, and where the tone mark sits in the syllables
that two spelling conventions write differently (old "hòa, thủy, khỏe" and new "hoà, thuỷ, khoẻ").
Kept: the diacritics themselves, which tell Vietnamese words apart (hòa ≠ hoa ≠ họa).
"""

from __future__ import annotations

import unicodedata

import regex

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
# In NFD: o/u + tone + a/e/y ending the syllable ("hòa" -> h o ` a): the tone moves to the second vowel,
# the "new" placement. A syllable with a final consonant (hoàn, thuyền) has one spelling and is left alone.
_OLD_PLACEMENT = regex.compile(rf"(?:([oO])([{_TONES}])([aAeE])|([uU])([{_TONES}])([yY]))(?![\p{{L}}\p{{M}}])")
_SPACES = regex.compile(r"\s+")
#: the same places in NFC text: most texts have none, and skip the decomposition
_OLD_PLACEMENT_NFC = regex.compile(r"[òóõỏọÒÓÕỎỌ][aAeE]|[ùúũủụÙÚŨỦỤ][yY]")


def unify_tone_placement(text: str) -> str:
    """`text` (NFC) with the tone of oa, oe, uy syllables on the second vowel."""
    if not _OLD_PLACEMENT_NFC.search(text):
        return text
    decomposed = unicodedata.normalize("NFD", text)
    moved = _OLD_PLACEMENT.sub(lambda m: (m[1] or m[4]) + (m[3] or m[6]) + (m[2] or m[5]), decomposed)
    return unicodedata.normalize("NFC", moved)


def normalize_for_matching(text: str) -> str:
    """The key two texts share when they are the same for a translator."""
    text = unify_tone_placement(unicodedata.normalize("NFC", text))
    return _SPACES.sub(" ", text.casefold()).strip()
