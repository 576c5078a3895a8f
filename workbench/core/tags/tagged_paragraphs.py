"""A paragraph with inline formatting, as the docx and html readers build it, and its split into sentences.

Readers add text and formats run by run; `TaggedParagraph.finish` gives the paragraph's text with markers
and its tag map. A paragraph whose whole text has one format (a bold heading) carries that format as the
paragraph's, with no tags: there is nothing for a translator to place. Sentences are found in the text
without markers (a tag must not change where a sentence ends), then the markers go back: an opening tag
at a sentence boundary belongs to the next sentence, a closing one to the sentence before, and a pair
that spans two sentences is closed at the end of the first and opened again at the start of the next
(the same number: both halves export with the same formatting).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from workbench.core.tags.inline_tags import (
    MARKER,
    NOTHING,
    TagInfo,
    TagMap,
    escape_lookalikes,
    markers,
    open_at_end,
    pair_letter,
)

Formats = Mapping[str, bool]


class _Run:
    """Text in one set of formats (only those that are on) and one link. A plain class with slots: a
    tagged document makes one per run, and a dataclass with a default factory is made more slowly."""

    __slots__ = ("extra", "formats", "href", "text")

    def __init__(self, text: str, formats: dict[str, bool], href: str, extra: Mapping[str, Any]) -> None:
        self.text, self.formats, self.href, self.extra = text, formats, href, extra


@dataclass(slots=True)
class _Standalone:
    kind: str
    text: str
    extra: dict[str, Any]


@dataclass(frozen=True, slots=True)
class FinishedParagraph:
    text: str  #: with markers
    tags: dict[int, TagInfo]
    #: formats the whole paragraph has (e.g. {"bold": True}), carried as paragraph formatting
    paragraph_formats: dict[str, bool]
    #: the whole paragraph is one link: its target
    paragraph_href: str = ""


class TaggedParagraph:
    """Collects a paragraph's runs (text with formats, links) and standalone items (breaks, tabs,
    footnote references, fields) in reading order."""

    def __init__(self) -> None:
        self._items: list[_Run | _Standalone] = []

    def add_text(
        self, text: str, formats: Formats | None = None, href: str = "", extra: Mapping[str, Any] | None = None
    ) -> None:
        if not text:
            return
        if extra:
            last = self._items[-1] if self._items else None
            wanted = {k: True for k, v in formats.items() if v} if formats else {}
            if type(last) is _Run and last.formats == wanted and last.href == href and last.extra == extra:
                last.text += text
            else:
                self._items.append(_Run(text, wanted, href, dict(extra)))
            return
        self.add_formatted(text, {k: True for k, v in formats.items() if v} if formats else {}, href)

    def add_formatted(self, text: str, formats: dict[str, bool], href: str = "") -> None:
        """`add_text` for formats that hold only the ones that are on (as the docx reader's run properties
        do), with no extra facts: the commonest call of a Word import, once per run."""
        items = self._items
        last = items[-1] if items else None
        if type(last) is _Run and last.formats == formats and last.href == href and not last.extra:
            last.text += text
        elif text:
            items.append(_Run(text, formats, href, NOTHING))

    def add_standalone(self, kind: str, text: str = "", extra: Mapping[str, Any] | None = None) -> None:
        self._items.append(_Standalone(kind, text, dict(extra or {})))

    def finish(
        self, clean: Callable[[str], str] = lambda text: text, is_clean: Callable[[str], bool] | None = None
    ) -> FinishedParagraph:
        """The paragraph's text with markers. `clean` (the readers' white-space and character clean-up,
        which trims) is applied to each stretch of text, keeping one space at its edges, so it can never
        eat a marker or join two words across one. `is_clean` says of a text that `clean` would only trim
        it: asked once of all the runs together, it spares a clean-up per run (a piece of a clean text is
        clean). Written for speed: it runs once per paragraph of a document, over every run."""
        items = self._items
        if is_clean is not None and is_clean("".join(i.text for i in items if type(i) is _Run)):
            cleaned = [i.text.strip() if type(i) is _Run else "" for i in items]
        else:
            cleaned = [clean(i.text) if type(i) is _Run else "" for i in items]
        visible = [index for index, c in enumerate(cleaned) if c]  # runs with words (standalones have "")
        runs: list[_Run] = [items[index] for index in visible]  # type: ignore[misc]
        shared: dict[str, bool] = {}
        href = ""
        if runs:  # formats every run has are the paragraph's (a bold heading with one italic word)
            first_formats = runs[0].formats
            if first_formats:
                shared = {k: True for k in first_formats if all(r.formats.get(k) for r in runs)}
            first_href = runs[0].href
            if first_href and all(r.href == first_href for r in runs):
                standalones = any(type(i) is _Standalone and i.kind not in ("break", "tab") for i in items)
                href = "" if standalones else first_href
        first = visible[0] if visible else len(items)
        last = visible[-1] if visible else -1
        pieces: list[str] = []
        tags: dict[int, TagInfo] = {}
        number = 0
        ends_in_space = True  # nothing written yet: a leading space is dropped
        for index, item in enumerate(items):
            if isinstance(item, _Standalone):
                if item.kind in ("break", "tab") and not item.extra and not first < index < last:
                    if not ends_in_space and index > first:
                        pieces.append(" ")
                        ends_in_space = True
                    continue
                number += 1
                info = TagInfo(number, _standalone_letter(item.kind), False, text=item.text, kind=item.kind,
                               extra=item.extra)  # fmt: skip
                tags[number] = info
                pieces.append(info.opening())
                ends_in_space = False
                continue
            raw, text = item.text, cleaned[index]  # a _Run
            if text:  # the clean-up trims: one space back at each edge that had white space
                if raw[-1].isspace() and index != last:
                    text += " "
                if raw[0].isspace() and not ends_in_space:
                    text = " " + text
                if index == last:
                    text = text.rstrip()
                    if not text:
                        continue
            elif ends_in_space or index == last or not (raw[0].isspace() or raw[-1].isspace()):
                continue
            else:
                text = " "
            ends_in_space = text[-1] == " "
            if "<" in text:
                text = escape_lookalikes(text)
            formats = item.formats
            if shared and formats:
                formats = {k: v for k, v in formats.items() if not shared.get(k)}
            link = "" if href else item.href
            if not formats and not link:
                pieces.append(text)
                continue
            number += 1
            letter = pair_letter(formats, link)
            tags[number] = TagInfo(number, letter, True, formats, link, "", "", item.extra)
            pieces.append(f"<{letter}{number}>{text}</{letter}{number}>")
        return FinishedParagraph("".join(pieces).rstrip(), tags, shared, href)


def _standalone_letter(kind: str) -> str:
    return {"break": "br", "tab": "t", "footnote": "fn", "endnote": "en", "field": "f"}.get(kind, "x")


def split_tagged(
    text: str, tags: TagMap, sentences: Callable[[str], list[tuple[str, str]]]
) -> list[tuple[str, str, dict[int, TagInfo]]]:
    """(sentence with its markers, space after, the tags it uses) for a paragraph with markers;
    `sentences` is the segmenter's split of the text without markers."""
    if tags and "<" in text:
        # A paragraph as `finish` writes it has each tag's markers once and no other marker-shaped text
        # (look-alikes are escaped). When it is so (every marker of the map is there, and there are no
        # more marker-shaped pieces than the map's markers), the words are the text without every marker,
        # and a paragraph of one sentence is done without reading each marker (most are one sentence).
        plain, count = MARKER.subn("", text)
        if count == sum(2 if info.paired else 1 for info in tags.values()) and all(
            info.opening() in text and (not info.paired or info.closing() in text) for info in tags.values()
        ):
            pieces = sentences(plain) or [(plain.strip(), "")]
            if len(pieces) == 1 and pieces[0][0] == plain:
                return [(text, pieces[0][1], dict(tags))]
    found = markers(text, tags)
    if not found:
        return [(t, s, {}) for t, s in sentences(text)]
    plain_parts, at = [], 0
    for marker in found:
        plain_parts.append(text[at : marker.start])
        at = marker.end
    plain_parts.append(text[at:])
    plain = "".join(plain_parts)
    pieces = sentences(plain) or [(plain.strip(), "")]
    if len(pieces) == 1 and pieces[0][0] == plain:  # one sentence, the whole paragraph: markers as they are
        return [(text, pieces[0][1], {m.number: tags[m.number] for m in found})]
    placed, length = [], 0  # (offset in the plain text, role, number, the marker as written)
    for marker, piece in zip(found, plain_parts, strict=False):
        length += len(piece)
        placed.append((length, marker.role, marker.number, text[marker.start : marker.end]))
    bounds, at = [], 0
    for sentence, space in pieces:
        start = plain.index(sentence, at) if sentence else at
        bounds.append((start, start + len(sentence)))
        at = start + len(sentence) + len(space)
    # which sentence each marker goes to, and where in it (an offset in the sentence's plain text)
    inserts: list[list[tuple[int, str]]] = [[] for _ in pieces]
    for offset, role, _number, written in placed:
        index = _home(bounds, offset, role)
        start, end = bounds[index]
        inserts[index].append((min(max(offset, start), end) - start, written))
    out: list[tuple[str, str, dict[int, TagInfo]]] = []
    carried: list[int] = []  # pairs still open at the end of the sentence before
    for (sentence, space), marks in zip(pieces, inserts, strict=True):
        built, last = [], 0
        for offset, written in marks:
            built.append(sentence[last:offset] + written)
            last = offset
        built.append(sentence[last:])
        body = "".join(tags[n].opening() for n in carried) + "".join(built)
        found = markers(body, tags)
        still_open = open_at_end(found)
        body += "".join(tags[n].closing() for n in reversed(still_open))
        carried = still_open
        out.append((body, space, {m.number: tags[m.number] for m in found}))
    return out


def _home(bounds: list[tuple[int, int]], offset: int, role: str) -> int:
    for index, (start, end) in enumerate(bounds):
        if role == "open" and start <= offset < end:
            return index
        if role == "close" and start < offset <= end:
            return index
        if role == "standalone" and start <= offset <= end:
            return index
        next_start = bounds[index + 1][0] if index + 1 < len(bounds) else None
        if end <= offset and (next_start is None or offset < next_start or (role == "open" and offset == next_start)):
            if role == "open" and next_start is not None:
                return index + 1
            return index
    return 0
