"""TMX inline codes read as our tag markers, and markers that come without a map given one, so a memory's
formatting survives a trip through TMX.

A <seg> carries formatting as codes whose content is the original file's markup: <bpt>/<ept> around words
(paired by `i`), <ph> and <ut> for something standing alone, <it> for half a pair whose other half is in
another segment, <hi> for highlighted words. A matched <bpt>/<ept> and a <hi> become a pair `<b1>…</b1>`,
a <ph>/<ut> a standalone `<br2/>`; the letter comes from the native markup (HTML, Word XML, RTF, OmegaT's
own markers) or the code's TMX `type`, else `g` for a pair and `x` for a standalone. The same code in the source
and a translation gets the same number: by its `x`, else its `i`, else its kind and order. What cannot be
a balanced marker (an <it>, a <bpt> without its <ept>, pairs that cross) is left out, its words kept. Text
that looks like a marker gets a word joiner after its `<`, as the document readers do: it never becomes a tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from lxml import etree

from workbench.core.importing.html_inline import ELEMENT_FORMATS
from workbench.core.tags.inline_tags import MARKER, PAIR_LETTERS, STANDALONE_LETTERS, TagInfo, escape_lookalikes

#: inline codes: their content is the original's markup ("&lt;B>"), only a <sub> inside them is text
CODES = frozenset({"bpt", "ept", "it", "ph", "ut"})
#: inline elements whose content is text (highlighting, a sub-flow such as an image's alt text)
TEXT_ELEMENTS = frozenset({"hi", "sub"})
_PAIRS = frozenset(letter for _, letter in PAIR_LETTERS) | {"a", "g"}
_STANDALONES = frozenset(STANDALONE_LETTERS.values())
_FORMAT_OF = {letter: name for name, letter in PAIR_LETTERS}
_LETTER_OF = dict(PAIR_LETTERS)
_KIND_OF = {letter: kind for kind, letter in STANDALONE_LETTERS.items()}

_HTML_NAME = re.compile(r"<\s*([a-z][a-z0-9]*)(?![a-z0-9:])")
#: an HTML element's pair letter: the page reader's elements, and <ins> (underlined) and <a>
_HTML_PAIRS = {name: _LETTER_OF[format_] for name, format_ in ELEMENT_FORMATS.items()} | {"ins": "u", "a": "a"}
_OFF = r'(?![^>]*w:val="(?:0|false|off|none)")'
#: formats found anywhere in a pair's markup (CSS, Word XML, RTF), by the priority of `pair_letter`
_PAIR_PATTERNS = [
    (re.compile(pattern), letter)
    for pattern, letter in (
        (r"font-weight\s*:\s*(?:bold|[6-9]00)|<w:b(?=[\s/>])" + _OFF + r"|\\b(?![a-z0-9])", "b"),
        (r"font-style\s*:\s*italic|<w:i(?=[\s/>])" + _OFF + r"|\\i(?![a-z0-9])", "i"),
        (r"text-decoration[^;\"']*underline|<w:u(?=[\s/>])" + _OFF + r"|\\ul(?![a-z0-9])", "u"),
        (r"vertical-align\s*:\s*super|<w:vertalign[^>]*superscript|\\super(?![a-z])", "sup"),
        (r"vertical-align\s*:\s*sub|<w:vertalign[^>]*subscript|\\sub(?![a-z])", "sub"),
        (r"line-through|<w:strike(?=[\s/>])" + _OFF + r"|\\strike(?![a-z0-9])", "s"),
        (r"<w:hyperlink|\\fldinst[^}]*hyperlink", "a"),
    )
]
_BREAK = re.compile(r"<\s*br(?![a-z])|<w:(?:br|cr)(?=[\s/>])|\\line(?![a-z])|\\par(?![a-z])")
_TAB = re.compile(r"<w:tab(?=[\s/>])|\\tab(?![a-z])")
#: TMX's `type` of a <hi> or a <bpt> (said when the markup is not recognised), and of a <ph>
_HI_TYPES = {"bold": "b", "italic": "i", "ulined": "u", "underline": "u", "underlined": "u", "superscript": "sup",
             "subscript": "sub", "strike": "s", "strikeout": "s", "strikethrough": "s", "link": "a"}  # fmt: skip
_PH_TYPES = {"lb": "br", "fnote": "fn", "enote": "en"}


class UndefinedMarkup(Exception):
    """A <seg> holds an element TMX does not define ("<g>") or an entity of an unloaded DTD ("&nbsp;")."""


def pair_letter_of(native: str) -> str:
    """The letter of a pair whose opening code holds `native` ("<b>", "{\\b ", "<w:b/>", OmegaT's "<b0>")."""
    lowered = native.strip().lower()
    if (omegat := MARKER.fullmatch(lowered)) and not omegat.group(4):
        return omegat.group(2) if omegat.group(2) in _PAIRS else "g"
    if (name := _HTML_NAME.match(lowered)) and name.group(1) in _HTML_PAIRS:
        return _HTML_PAIRS[name.group(1)]
    return next((letter for pattern, letter in _PAIR_PATTERNS if pattern.search(lowered)), "g")


def standalone_letter_of(native: str) -> str:
    """The letter of a standalone code holding `native`: `br` for a line break, `t` for a tab, else `x`."""
    if native.strip(" ") in ("\n", "\r\n", "\r", "\\n", "\u2028"):
        return "br"
    if native.strip(" ") in ("\t", "\\t"):
        return "t"
    lowered = native.strip().lower()
    if (omegat := MARKER.fullmatch(lowered)) and omegat.group(4) and not omegat.group(1):
        return omegat.group(2) if omegat.group(2) in _STANDALONES else "x"
    return "br" if _BREAK.search(lowered) else "t" if _TAB.search(lowered) else "x"


@dataclass(eq=False, slots=True)
class _Code:
    """One tag a <seg> holds (a pair once, both its ends pointing here), and the number it is given."""

    letter: str
    paired: bool
    x: str = ""
    i: str = ""
    kept: bool = True
    number: int = 0


@dataclass(eq=False, slots=True)
class _Mark:
    role: str  # "open", "close" or "standalone"
    code: _Code | None
    #: what pairs an opening and a closing mark: ("i", value) for <bpt>/<ept>, the <hi>'s own code
    key: object = None


@dataclass(slots=True)
class ParsedSeg:
    """A <seg> as text and marks, before its tags are numbered against the unit's other texts."""

    pieces: list[str | _Mark] = field(default_factory=list)
    codes: list[_Code] = field(default_factory=list)


def _local_name(element: etree._Element) -> str:
    return etree.QName(element).localname


def _children(element: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """(name, child) for the elements inside, "" for a comment or processing instruction; an entity raises."""
    for child in element:
        if isinstance(child, etree._Entity):  # declared in a DTD that is never loaded: its text is unknown
            raise UndefinedMarkup(str(child.text))
        yield (_local_name(child) if isinstance(child.tag, str) else ""), child


def _words(element: etree._Element) -> str:
    """The words of a <sub> (or a <hi> inside a code): its text and its own <sub>s', never a code's markup."""
    parts = [element.text or ""]
    for name, child in _children(element):
        if name in TEXT_ELEMENTS:
            parts.append(_words(child))
        elif name in CODES:
            parts.append(_code_content(child)[1])
        elif name:
            raise UndefinedMarkup(f"<{name}>")
        parts.append(child.tail or "")
    return "".join(parts)


def _code_content(code: etree._Element) -> tuple[str, str]:
    """(native markup, words of its <sub>s) of an inline code."""
    native, words = [code.text or ""], []
    for name, child in _children(code):
        if name in TEXT_ELEMENTS:
            words.append(_words(child))
        elif name in CODES:  # not TMX's shape, but its markup and words are the outer code's
            inner_native, inner_words = _code_content(child)
            native.append(inner_native)
            words.append(inner_words)
        elif name:
            raise UndefinedMarkup(f"<{name}>")
        native.append(child.tail or "")
    return "".join(native), "".join(words)


def parse_seg(seg: etree._Element) -> ParsedSeg:
    """The <seg>'s text and tags; raises UndefinedMarkup when it holds markup TMX does not define."""
    parsed = ParsedSeg()
    _walk(seg, parsed.pieces)
    stack: list[_Mark] = []
    for mark in parsed.pieces:
        if not isinstance(mark, _Mark) or mark.role == "standalone":
            continue
        if mark.role == "open":
            stack.append(mark)
            continue
        at = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].key == mark.key), None)
        if at is None:  # an <ept> whose <bpt> is not in this <seg>
            continue
        opener = stack.pop(at)
        if at == len(stack):
            mark.code = opener.code
        elif opener.code is not None:  # crosses another pair: no marker can say that
            opener.code.kept = False
    for opener in stack:  # never closed here
        if opener.code is not None:
            opener.code.kept = False
    parsed.codes = [
        m.code for m in parsed.pieces if isinstance(m, _Mark) and m.role != "close" and m.code and m.code.kept
    ]
    return parsed


def _walk(element: etree._Element, pieces: list[str | _Mark]) -> None:
    pieces.append(element.text or "")
    for name, child in _children(element):
        if name == "hi":
            code = _Code(_HI_TYPES.get(child.get("type", "").lower(), "g"), True, child.get("x", ""))
            pieces.append(_Mark("open", code, code))
            _walk(child, pieces)
            pieces.append(_Mark("close", None, code))
        elif name == "sub":
            _walk(child, pieces)
        elif name in CODES:
            native, words = _code_content(child)
            x, i, kind = child.get("x", ""), child.get("i", ""), child.get("type", "").lower()
            if name == "bpt":
                letter = pair_letter_of(native)
                letter = _HI_TYPES.get(kind, "g") if letter == "g" else letter
                pieces += [_Mark("open", _Code(letter, True, x, i), ("i", i)), words]
            elif name == "ept":
                pieces += [words, _Mark("close", None, ("i", i))]
            elif name == "it":  # half a pair whose other half is in another segment: its words only
                pieces.append(words)
            else:
                letter = standalone_letter_of(native)
                letter = _PH_TYPES.get(kind, "x") if letter == "x" else letter
                pieces += [_Mark("standalone", _Code(letter, False, x)), words]
        elif name:
            raise UndefinedMarkup(f"<{name}>")
        pieces.append(child.tail or "")


def _x_numbers(codes: Sequence[_Code]) -> list[int] | None:
    """The codes' `x` as tag numbers, when every code has a distinct one we can use (our own TMX's)."""
    numbers = [int(c.x) if c.x.isascii() and c.x.isdigit() and 0 < int(c.x) < 1000 else 0 for c in codes]
    return numbers if all(numbers) and len(set(numbers)) == len(numbers) else None


def number_tags(parsed: Sequence[ParsedSeg], reference: int) -> None:
    """Numbers for the tags of one unit's texts: the reference (the source) by its codes' `x` when they all
    have one, else in order; each other text's code takes the number of the source's same code (same `x`,
    else same `i`, else the next of the same kind), or a free number."""
    taken: set[int] = set()

    def free(codes: Iterable[_Code]) -> None:
        numbers = (n for n in range(1, 1000) if n not in taken)
        for code in codes:
            code.number = next(numbers, 0)
            taken.add(code.number)

    if not parsed:
        return
    source = parsed[reference].codes
    if (numbers := _x_numbers(source)) is not None:
        for code, number in zip(source, numbers, strict=True):
            code.number = number
        taken.update(numbers)
    else:
        free(source)
    rules = (lambda a, b: bool(a.x) and a.x == b.x, lambda a, b: bool(a.i) and a.i == b.i, lambda a, b: True)
    for index, seg in enumerate(parsed):
        if index == reference:
            continue
        pool, left = list(source), list(seg.codes)
        for rule in rules:
            for code in list(left):
                same = next(
                    (s for s in pool if s.letter == code.letter and s.paired == code.paired and rule(code, s)), None
                )
                if same is not None:
                    code.number = same.number
                    pool.remove(same)
                    left.remove(code)
        free(left)


def render(parsed: ParsedSeg, tags: bool = True) -> str:
    """The text with its numbered markers (`tags`), else as plain words, a line break read as a space."""
    out: list[str] = []
    text: list[str] = []
    for piece in parsed.pieces:
        if isinstance(piece, str):
            text.append(piece)
            continue
        code = piece.code
        if tags and code is not None and code.kept and code.number:
            out.append(escape_lookalikes("".join(text)) + (
                f"<{code.letter}{code.number}/>" if piece.role == "standalone"
                else f"</{code.letter}{code.number}>" if piece.role == "close"
                else f"<{code.letter}{code.number}>"
            ))  # fmt: skip
            text = []
        elif piece.role == "standalone" and code is not None and code.letter == "br":
            text.append(" ")  # a line break keeps the words on either side apart
    out.append(escape_lookalikes("".join(text)) if tags else "".join(text))
    return "".join(out)


def has_words(text: str) -> bool:
    """Whether a read text holds more than markers and spaces."""
    return bool(MARKER.sub("", text).strip())


def tags_from_markers(texts: Iterable[str]) -> dict[int, TagInfo] | None:
    """A tag map for markers stored without one (the shared memory's units), from their letters and shapes
    (`b` bold, `a` a link without its target, `br` a break, ...); None when a number is used two ways."""
    found: dict[int, TagInfo] = {}
    for text in texts:
        for match in MARKER.finditer(text) if "<" in text else ():
            slash, letter, number_text, self_closing = match.groups()
            if slash and self_closing:
                return None
            number, paired = int(number_text), not self_closing
            known = found.get(number)
            if known is None:
                formats = {_FORMAT_OF[letter]: True} if paired and letter in _FORMAT_OF else {}
                kind = "" if paired else _KIND_OF.get(letter, "other")
                found[number] = TagInfo(number, letter, paired, formats=formats, kind=kind)
            elif known.letter != letter or known.paired != paired:
                return None
    return found
