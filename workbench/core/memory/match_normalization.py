"""Text as translation memory and glossary compare it: what should not matter is folded, what should stays.

Folded: Unicode form (NFC), letter case, runs of spaces, and where the tone mark sits in the syllables
that two spelling conventions write differently (old "hòa, thủy, khỏe" and new "hoà, thuỷ, khoẻ").
Kept: the diacritics themselves, which tell Vietnamese words apart (hòa ≠ hoa ≠ họa).
"""

from __future__ import annotations

import re
import unicodedata

from workbench.core.tags.inline_tags import MARKER, words_only

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
# In NFD: o/u + tone + a/e/y ending the syllable ("hòa" -> h o ` a): the tone moves to the second vowel,
# the "new" placement. A syllable with a final consonant (hoàn, thuyền) has one spelling and is left alone.


def _moved_pairs() -> dict[str, str]:
    """'òa' -> 'oà' and the like, in NFC: every old-style pair and its new spelling."""
    table = {}
    for first, second in [(o, v) for o in "oO" for v in "aAeE"] + [(u, y) for u in "uU" for y in "yY"]:
        for tone in _TONES:
            old = unicodedata.normalize("NFC", first + tone + second)
            table[old] = unicodedata.normalize("NFC", first + second + tone)
    return table


_MOVED = _moved_pairs()
_FIRST_LETTERS = frozenset(pair[0] for pair in _MOVED)
#: an old-style pair ending its syllable, found in NFC text directly (the stdlib engine is 3x faster here)
_OLD_PLACEMENT_NFC = re.compile("(?:" + "|".join(_MOVED) + r")(?!\w)")


def unify_tone_placement(text: str) -> str:
    """`text` (NFC) with the tone of oa, oe, uy syllables on the second vowel."""
    if _FIRST_LETTERS.isdisjoint(text):
        return text
    return _OLD_PLACEMENT_NFC.sub(lambda m: _MOVED[m.group()], text)


def normalize_for_matching(text: str) -> str:
    """The key two texts share when they are the same for a translator: inline tag markers left out (a
    pair's markers vanish, a standalone keeps the words apart), so formatting never lowers a score."""
    text = words_only(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(unify_tone_placement(text).casefold().split())


_RESTORED = {new: old for old, new in _MOVED.items()}


def old_tone_placement(word: str) -> str:
    """One word (NFC) with the tone of a final oa, oe, uy back on the first vowel ("hoà" -> "hòa"): the other
    spelling, for a search that compares words as written (the concordance's exact index)."""
    pair = word[-2:]
    return word[:-2] + _RESTORED[pair] if pair in _RESTORED else word


def score_with_tags(score: float, unit_source: str, source: str) -> float:
    """A 100 % match whose tags differ from the segment's (other formatting, or none) is 99 %: the words
    are the same, the translator still has to place the tags."""
    if score >= 100 and MARKER.findall(unit_source) != MARKER.findall(source):
        return 99.0
    return score
