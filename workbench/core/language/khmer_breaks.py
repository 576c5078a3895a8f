"""Line-break opportunities in Khmer text, for display only.

Khmer writes words without spaces and Qt offers no break inside a run of Khmer, so a long Khmer
line would never wrap. Showing the text with a zero-width space between syllables (a consonant or
independent vowel with its subscripts, vowels and signs, plus a final consonant) lets it wrap without
splitting a cluster. The stored text keeps none of them: `from_display` takes them out again, as
the Khmer normalisation of drafts does with any stray zero-width space. A dictionary-based word
segmenter would break only between words; syllables are the light fallback that needs no model.
"""

from __future__ import annotations

from itertools import pairwise

import regex

ZERO_WIDTH_SPACE = "\u200b"
#: base (consonant or independent vowel), then coeng+consonant pairs, dependent vowels and signs
_SYLLABLE = regex.compile(r"[\u1780-\u17b3](?:\u17d2[\u1780-\u17b3]|[\u17b4-\u17d1\u17d3\u17dd])*")
_KHMER = regex.compile(r"[\u1780-\u17ff]")
_VOWEL = regex.compile(r"[\u17b6-\u17c5]")
_BANTOC = "\u17cb"  # marks a final consonant
_BARE = regex.compile(r"[\u1780-\u17a2](?:\u17d2[\u1780-\u17a2])*")


def _is_coda(cluster: str, previous: str) -> bool:
    """A final consonant belongs to the syllable before it: one with a bantoc, or a bare consonant (with
    its subscripts) after a cluster that has a vowel (អា+ន, ខេ+ត្ត). Errs towards fewer breaks."""
    return _BANTOC in cluster or (_BARE.fullmatch(cluster) is not None and _VOWEL.search(previous) is not None)


def for_display(text: str) -> str:
    """`text` with a zero-width space wherever one Khmer syllable directly follows another."""
    if not _KHMER.search(text):
        return text
    spans = [m.span() for m in _SYLLABLE.finditer(text)]
    cuts = [
        start
        for (p_start, p_end), (start, end) in pairwise(spans)
        if start == p_end and not _is_coda(text[start:end], text[p_start:p_end])
    ]
    if not cuts:
        return text
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    return ZERO_WIDTH_SPACE.join(pieces)


def from_display(text: str) -> str:
    """The text as stored: without the break opportunities."""
    return text.replace(ZERO_WIDTH_SPACE, "")
