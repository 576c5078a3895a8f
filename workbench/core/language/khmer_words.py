"""Khmer text split into words, for spell checking and word counts (Khmer writes no spaces between words).

Stand-in until the dictionary-based segmenter lands: a word is a syllable (khmer_breaks' clusters).
"""

from __future__ import annotations

import regex

from workbench.core.language.khmer_breaks import ZERO_WIDTH_SPACE, for_display

_KHMER_RUN = regex.compile(r"[\u1780-\u17dd]+")


def khmer_words(text: str) -> list[str]:
    """The Khmer words of `text`, in order (anything that is not Khmer script is left out)."""
    words: list[str] = []
    for run in _KHMER_RUN.findall(text):
        words.extend(piece for piece in for_display(run).split(ZERO_WIDTH_SPACE) if piece)
    return words
