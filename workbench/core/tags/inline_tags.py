"""Inline formatting inside a segment as numbered tags: `<b1>…</b1>` for a pair, `<x2/>` for a standalone.

The stored form is OmegaT's: markers in the segment's text, and beside it a tag map (number -> what the
tag stands for: bold, a link and its target, a footnote reference, a line break). A marker is a tag only
when its number is in the segment's map with the same letter, so Vietnamese prose that happens to contain
"<b1>" stays text, and a translator cannot invent formatting by typing a marker the source does not have.
The map is what export rebuilds the formatting from; the markers say where it goes in each language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

#: a marker as written: `<b1>`, `</b1>`, `<x2/>`; letters say what kind, the number which tag
#: (the standard library's `re`: about twice as fast as `regex` on a pattern this simple, found everywhere)
MARKER = re.compile(r"<(/?)([a-z]{1,4})([0-9]{1,3})(/?)>")

#: a pair's letter by the first format it sets (a run both bold and italic is one pair: `b`)
PAIR_LETTERS = (
    ("bold", "b"),
    ("italic", "i"),
    ("underline", "u"),
    ("superscript", "sup"),
    ("subscript", "sub"),
    ("strike", "s"),
)
#: standalone kinds and their letters
STANDALONE_LETTERS = {"break": "br", "tab": "t", "footnote": "fn", "endnote": "en", "field": "f", "other": "x"}


#: the empty map a tag without formats or extra facts shares (read-only: it is shared)
#: the empty, read-only map a tag (or a run being read) holds when it has no formats or no extra facts
NOTHING: Mapping[str, Any] = MappingProxyType({})


class TagInfo(NamedTuple):
    """What one tag stands for, kept for export in every language. A named tuple, read-only like the map
    it sits in: a tagged document makes one per tag of every paragraph, and a tuple is made four times
    faster than a frozen dataclass."""

    number: int
    letter: str
    paired: bool
    #: for a pair: the formats it sets, e.g. {"bold": True, "italic": True}
    formats: Mapping[str, bool] = NOTHING
    #: for a link (letter `a`): where it points
    href: str = ""
    #: for a standalone: what it shows in the source (a footnote's number, a field's result); "" for a
    #: break or a tab
    text: str = ""
    #: the kind of standalone ("break", "tab", "footnote", ...), or "" for a pair
    kind: str = ""
    #: format-specific facts for export (the html element and its attributes, a footnote's text, ...)
    extra: Mapping[str, Any] = NOTHING

    def opening(self) -> str:
        return f"<{self.letter}{self.number}/>" if not self.paired else f"<{self.letter}{self.number}>"

    def closing(self) -> str:
        return f"</{self.letter}{self.number}>"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"letter": self.letter, "paired": self.paired}
        if self.formats:
            out["formats"] = dict(self.formats)
        for name in ("href", "text", "kind"):
            if value := getattr(self, name):
                out[name] = value
        if self.extra:
            out["extra"] = dict(self.extra)
        return out

    @classmethod
    def from_json(cls, number: int, item: Mapping[str, Any]) -> TagInfo:
        return cls(
            number=number,
            letter=str(item.get("letter", "x")),
            paired=bool(item.get("paired", False)),
            formats={str(k): bool(v) for k, v in dict(item.get("formats", {})).items()},
            href=str(item.get("href", "")),
            text=str(item.get("text", "")),
            kind=str(item.get("kind", "")),
            extra=dict(item.get("extra", {})),
        )


TagMap = Mapping[int, TagInfo]

_REFUSED_SCHEMES = ("javascript:", "vbscript:", "data:")


def safe_href(href: str) -> str:
    """`href`, or "" when it would run a script or carry inline data: what a document written for readers
    (a page, a Word file) may link to; the words of a refused link go out without it. Browsers ignore
    white space and control characters inside a scheme ("java\\tscript:") and its case, so the check
    does too."""
    squashed = "".join(ch for ch in href if ch > " " and ch != "\x7f").lower()
    return "" if squashed.startswith(_REFUSED_SCHEMES) else href.strip()


def pair_letter(formats: Mapping[str, bool], href: str = "") -> str:
    if href:
        return "a"
    for name, letter in PAIR_LETTERS:
        if formats.get(name):
            return letter
    return "g"


def tags_to_json(tags: TagMap) -> dict[str, Any]:
    return {str(number): info.to_json() for number, info in sorted(tags.items())}


def tags_from_json(data: Mapping[str, Any] | None) -> dict[int, TagInfo]:
    """The map stored in a segment's meta; numbers that are not small whole numbers are left out."""
    out: dict[int, TagInfo] = {}
    for key, item in dict(data or {}).items():
        if str(key).isdigit() and len(str(key)) <= 3 and isinstance(item, Mapping):
            out[int(key)] = TagInfo.from_json(int(key), item)
    return out


class Marker(NamedTuple):
    """One tag marker found in a text: where, which tag, and whether it opens, closes or stands alone.
    A named tuple: every segment's markers are found again and again (segmentation, MT, QA, export)."""

    start: int
    end: int
    number: int
    role: str  # "open", "close" or "standalone"


def markers(text: str, tags: TagMap) -> list[Marker]:
    """The markers in `text` that are tags of `tags` (right letter, right shape), in order."""
    if not tags or "<" not in text:
        return []
    found = []
    for match in MARKER.finditer(text):
        slash, letter, number_text, self_closing = match.groups()
        info = tags.get(int(number_text))
        if info is None or info.letter != letter:
            continue
        if info.paired:
            if self_closing:
                continue
            role = "close" if slash else "open"
        elif self_closing and not slash:
            role = "standalone"
        else:
            continue
        start, end = match.span()
        found.append(Marker(start, end, info.number, role))
    return found


_PAIR_MARKER = re.compile(r"</?[a-z]{1,4}[0-9]{1,3}>")
_STANDALONE_MARKER = re.compile(r"<[a-z]{1,4}[0-9]{1,3}/>")


def words_only(text: str) -> str:
    """`text` with everything shaped like a marker left out (a pair's markers vanish, a standalone keeps
    the words apart), whatever the tag map: for what only weighs the words (memory keys, page-furniture
    detection) and must not cost a look at the map. Tags themselves are `plain_text`'s."""
    if "<" not in text:
        return text
    return _PAIR_MARKER.sub("", _STANDALONE_MARKER.sub(" ", text))


#: what import puts after the "<" of source text that looks like a marker (a word joiner), so it is never
#: taken for a tag
LOOKALIKE_ESCAPE = "<\u2060"


def escape_lookalikes(text: str) -> str:
    """Text that looks like a marker ("<b1>" typed in the Vietnamese, a peer's literal text) gets a word
    joiner after its `<`: it shows the same and can never be taken for a tag."""
    if "<" not in text or not MARKER.search(text):
        return text
    return MARKER.sub(lambda m: LOOKALIKE_ESCAPE + m.group(0)[1:], text)


def as_read(text: str) -> str:
    """`text` as a reader sees it: marker-like source text without the word joiner import put in it
    ("<\u2060b1>" is "<b1>" again). For the words of documents written for readers (Word, a page, plain
    text), once their tags are rebuilt; exchange formats keep the joiner, so a tool reading them back
    cannot take the text for a tag."""
    return text.replace(LOOKALIKE_ESCAPE, "<") if LOOKALIKE_ESCAPE in text else text


def open_at_end(found: list[Marker]) -> list[int]:
    """The pairs still open after `found` (a text's markers, in order), outermost first: what a piece of a
    cut text (a sentence, a split's first part) must close, and the next piece open again."""
    stack: list[int] = []
    for marker in found:
        if marker.role == "open":
            stack.append(marker.number)
        elif marker.role == "close" and marker.number in stack:
            stack.remove(marker.number)
    return stack


def plain_text(text: str, tags: TagMap, standalone: str | Callable[[TagInfo], str] = "") -> str:
    """`text` without its tags (what MT, the memory's score, the glossary and find & replace see).

    `standalone` replaces each standalone tag: a string (a space keeps words apart across a line break),
    or what to write for each tag (a plain-text export writes a break as a new line)."""
    found = markers(text, tags)
    if not found:
        return text
    parts, at = [], 0
    for marker in found:
        parts.append(text[at : marker.start])
        if marker.role == "standalone":
            parts.append(standalone if isinstance(standalone, str) else standalone(tags[marker.number]))
        at = marker.end
    parts.append(text[at:])
    return "".join(parts)


def tag_sequence(text: str, tags: TagMap) -> list[str]:
    """The markers of `text` as written, in order: what the `tags` check compares."""
    return [text[m.start : m.end] for m in markers(text, tags)]


def nesting_problems(text: str, tags: TagMap) -> list[str]:
    """Pairs closed before they open, closed across another pair, or never closed."""
    problems: list[str] = []
    open_stack: list[Marker] = []
    for marker in markers(text, tags):
        written = text[marker.start : marker.end]
        if marker.role == "open":
            open_stack.append(marker)
        elif marker.role == "close":
            if not open_stack or open_stack[-1].number != marker.number:
                opened = any(m.number == marker.number for m in open_stack)
                problems.append(f"{written} closes {'across another tag' if opened else 'before it opens'}")
                open_stack = [m for m in open_stack if m.number != marker.number]
            else:
                open_stack.pop()
    for marker in open_stack:
        problems.append(f"{text[marker.start : marker.end]} is never closed")
    return problems


def tag_problems(source: str, target: str, tags: TagMap) -> list[str]:
    """What is wrong with the target's tags against the source's: missing, added, out of order, badly
    nested. Empty when the target carries exactly the source's tags in a well-formed order."""
    if not tags:
        return []
    wanted = tag_sequence(source, tags)
    have = tag_sequence(target, tags)
    problems: list[str] = []
    missing = multiset_minus(wanted, have)
    added = multiset_minus(have, wanted)
    if missing:
        problems.append("missing tag" + ("s" if len(missing) > 1 else "") + ": " + " ".join(missing))
    if added:
        problems.append("tag" + ("s" if len(added) > 1 else "") + " not in the source: " + " ".join(added))
    problems.extend(nesting_problems(target, tags))
    if not missing and not added and not problems and have != wanted:
        problems.append("tags in a different order: " + " ".join(have))
    return problems


def multiset_minus(items: Iterable[str], other: Iterable[str]) -> list[str]:
    """`items` without as many of each as `other` has, in order: the markers one text has beyond another."""
    left = Counter(other)
    out = []
    for item in items:
        if left[item]:
            left[item] -= 1
        else:
            out.append(item)
    return out


def missing_tags(source: str, target: str, tags: TagMap) -> list[str]:
    """The source's markers the target does not have yet, in source order (the "next missing tag")."""
    return multiset_minus(tag_sequence(source, tags), tag_sequence(target, tags))
