"""Keeping inputs under a model's limit by cutting at clause boundaries, never by truncating.

Vietnamese official prose strings whole programmes into one sentence with semicolons (the shared
article has a 300-word one); each cut keeps its separator so the translations are joined the same way.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

# Strongest boundary first: a later level is used only for pieces still too long.
_BOUNDARIES = [r"(?<=;)\s+", r"(?<=:)\s+", r"\s+(?=[–—-]\s)", r"(?<=,)\s+", r"\s+"]


def split_for_model(text: str, count_tokens: Callable[[str], int], limit: int) -> list[tuple[str, str]]:
    """(piece, separator after it) so that "".join(piece + separator) == text and every piece fits."""
    return _split(text, "", count_tokens, limit, 0)


def _split(text: str, tail: str, count_tokens: Callable[[str], int], limit: int, level: int) -> list[tuple[str, str]]:
    if count_tokens(text) <= limit or level >= len(_BOUNDARIES):
        return [(text, tail)]
    pieces: list[tuple[str, str]] = []
    start = 0
    for match in regex.finditer(_BOUNDARIES[level], text):
        pieces.append((text[start : match.start()], match.group(0)))
        start = match.end()
    pieces.append((text[start:], tail))
    if len(pieces) == 1:
        return _split(text, tail, count_tokens, limit, level + 1)
    # Greedily re-join neighbours while they fit, so cuts are as few as possible.
    merged: list[tuple[str, str]] = []
    for piece, separator in pieces:
        if merged and count_tokens(merged[-1][0] + merged[-1][1] + piece) <= limit:
            previous, previous_sep = merged[-1]
            merged[-1] = (previous + previous_sep + piece, separator)
        else:
            merged.append((piece, separator))
    out: list[tuple[str, str]] = []
    for piece, separator in merged:
        out.extend(_split(piece, separator, count_tokens, limit, level + 1))
    return out
