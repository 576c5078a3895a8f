"""Cutting a text with markers in two and joining two into one, so split and join keep formatting whole.

A split must never leave half a marker or a pair opened in one part and closed in the other: the cut is
moved out of a marker, an opening marker at the cut goes with the part after it, a closing one or a
standalone with the part before, and a pair open at the cut is closed at the end of the first part and
opened again (the same number) at the start of the second, as sentence segmentation does
(tagged_paragraphs.split_tagged). A join renumbers the second text's tags after the first's, so the two
maps can be one. Positions are in the text as stored and shown (markers count, character by character).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from workbench.core.tags.inline_tags import Marker, TagInfo, TagMap, markers, open_at_end, plain_text

#: the largest tag number a marker can carry (three digits)
MAX_NUMBER = 999


@dataclass(frozen=True, slots=True)
class TaggedCut:
    """The two parts of a cut text: each well formed, with the map of the tags it uses; `space` is the
    white space that stood between them, `reopened` how many characters of reopening markers `right` starts
    with (what the second part's protected spans shift by)."""

    left: str
    space: str
    right: str
    reopened: int
    left_tags: dict[int, TagInfo]
    right_tags: dict[int, TagInfo]


def snap_cut(source: str, tags: TagMap, at: int, sentence_end: str) -> int:
    """Where a cut asked at `at` of `source` (with markers) falls: out of a marker to its nearer edge, out
    of a word (markers do not end a word, a standalone does) to its nearer edge, then markers at the cut
    put on their side. A cut right after a character of `sentence_end` stays (two sentences run together)."""
    found = markers(source, tags)
    for marker in found:
        if marker.start < at < marker.end:
            at = marker.start if at - marker.start <= marker.end - at else marker.end
    visible = _visible(source, found)
    index = sum(1 for pos, _ch, _end in visible if pos < at)  # visible characters before the cut
    chars = [ch for _pos, ch, _end in visible]
    inside = 0 < index < len(chars) and not chars[index - 1].isspace() and not chars[index].isspace()
    if inside and chars[index - 1] not in sentence_end:
        start, end = index, index
        while start > 0 and not chars[start - 1].isspace():
            start -= 1
        while end < len(chars) and not chars[end].isspace():
            end += 1
        if index - start <= end - index:
            at = visible[start - 1][2] if start > 0 else 0
        else:
            at = visible[end][0] if end < len(chars) else len(source)
    return _sides(source, found, at)


def _visible(source: str, found: list[Marker]) -> list[tuple[int, str, int]]:
    """(where, character, where it ends) for what a reader sees: each character outside the markers, and a
    space for each standalone (a line break or a tab keeps the words on either side apart)."""
    out: list[tuple[int, str, int]] = []
    at = 0
    for marker in found:
        out.extend((i, source[i], i + 1) for i in range(at, marker.start))
        if marker.role == "standalone":
            out.append((marker.start, " ", marker.end))
        at = marker.end
    out.extend((i, source[i], i + 1) for i in range(at, len(source)))
    return out


def _sides(source: str, found: list[Marker], cut: int) -> int:
    """The cut moved before the opening markers that end the first part (with white space after them) and
    after the closing markers and standalones that start the second: each goes with the words it marks."""
    openings = {m.end: m for m in found if m.role == "open"}
    trailing = {m.start: m for m in found if m.role != "open"}
    while True:
        back = cut
        while back > 0 and source[back - 1].isspace():
            back -= 1
        if back not in openings:
            break
        cut = openings[back].start
    while True:
        ahead = cut
        while ahead < len(source) and source[ahead].isspace():
            ahead += 1
        if ahead not in trailing:
            break
        cut = trailing[ahead].end
    return cut


def cut_tagged(source: str, tags: TagMap, cut: int) -> TaggedCut:
    """`source` cut at `cut` (already snapped): pairs open there closed in the first part, opened again in
    the second; white space at the cut goes between the parts."""
    left = source[:cut].rstrip()
    right = source[cut:].lstrip()
    space = source[len(left) : len(source) - len(right)]
    still_open = open_at_end(markers(left, tags))
    left += "".join(tags[n].closing() for n in reversed(still_open))
    prefix = "".join(tags[n].opening() for n in still_open)
    right = prefix + right
    return TaggedCut(left, space, right, len(prefix), used_tags(left, tags), used_tags(right, tags))


def used_tags(text: str, tags: TagMap) -> dict[int, TagInfo]:
    """The part of `tags` whose markers `text` holds."""
    return {m.number: tags[m.number] for m in markers(text, tags)}


def without_tags(text: str, tags: TagMap, kept: Mapping[int, TagInfo]) -> str:
    """`text` with the markers of `tags` that are not in `kept` taken out (their words stay): what a
    translation of a whole segment keeps on a part whose map no longer has those tags, so no marker is left
    as text."""
    return plain_text(text, {number: info for number, info in tags.items() if number not in kept})


def renumbering(first: TagMap, second: TagMap) -> dict[int, int]:
    """The second map's numbers, in order, after the first's highest (old number -> new number)."""
    start = max(first, default=0)
    mapping = {old: start + index for index, old in enumerate(sorted(second), 1)}
    if mapping and max(mapping.values()) > MAX_NUMBER:
        raise ValueError(f"more than {MAX_NUMBER} tags in one segment")
    return mapping


def renumbered(text: str, tags: TagMap, mapping: Mapping[int, int]) -> str:
    """`text` with the markers of `tags` carrying their new numbers (other text as it is)."""
    parts, at = [], 0
    for marker in markers(text, tags):
        new = tags[marker.number]._replace(number=mapping[marker.number])
        parts.append(text[at : marker.start])
        parts.append(new.closing() if marker.role == "close" else new.opening())
        at = marker.end
    return "".join(parts) + text[at:]


def renumbered_offsets(text: str, tags: TagMap, mapping: Mapping[int, int]) -> Callable[[int], int]:
    """Where a place in `text` is once its markers are renumbered (a new number may be longer or shorter):
    protected spans after a marker move with it."""
    shifts, total = [], 0
    for marker in markers(text, tags):
        total += len(str(mapping[marker.number])) - len(str(marker.number))
        shifts.append((marker.end, total))

    def moved(at: int) -> int:
        shift = 0
        for end, total_then in shifts:
            if end > at:
                break
            shift = total_then
        return at + shift

    return moved


def renumbered_map(tags: TagMap, mapping: Mapping[int, int]) -> dict[int, TagInfo]:
    """`tags` under their new numbers."""
    return {mapping[n]: info._replace(number=mapping[n]) for n, info in tags.items()}


def place_of(source: str, tags: TagMap, words: str) -> int:
    """Where `words` first start in `source`: as written, or else in its words with the markers left out
    (a search across a tag); -1 when they are not there."""
    found = source.find(words)
    if found >= 0 or not tags:
        return found
    marks = markers(source, tags)
    visible = [(pos, ch) for pos, ch, _end in _visible(source, marks) if not _is_standalone_space(marks, pos)]
    index = "".join(ch for _pos, ch in visible).find(words)
    return visible[index][0] if index >= 0 else -1


def _is_standalone_space(found: list[Marker], pos: int) -> bool:
    return any(m.start == pos and m.role == "standalone" for m in found)
