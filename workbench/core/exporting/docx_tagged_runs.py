"""A segment's text with tag markers, written as Word runs with the formatting the tags stand for.

Each stretch of text between markers becomes a run with the formats of every pair open around it (and the
paragraph's own, a bold heading); text inside a link pair goes into a w:hyperlink to its target. A line
break or a tab is written as Word's own; a field as the text it showed. python-docx cannot write
footnotes or endnotes, so a reference comes out as a superscript run with its number (the note's text
is not carried over). Markers that are not tags of the segment are ordinary text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph
from lxml import etree

from workbench.core.exporting.xml_characters import xml_text
from workbench.core.tags.inline_tags import TagInfo, markers


@dataclass(frozen=True, slots=True)
class RunDress:
    """What every run of a piece carries besides its formats: its language (and the complex-script
    language for Khmer), a font for every slot (Khmer), a placeholder's highlight. Written into each
    run's properties as the run is made, not looked up and added afterwards."""

    lang: str
    bidi: str = ""
    font: str = ""
    highlight: bool = False


def tagged_runs(
    paragraph: Paragraph,
    text: str,
    tags: Mapping[int, TagInfo],
    formats: Mapping[str, bool] | None,
    dress: RunDress,
) -> int:
    """`text` written as runs appended to `paragraph` in order; returns how many."""
    runs = 0
    open_pairs: list[int] = []
    links: dict[str, str] = {}  # href -> relationship id, one per target in the paragraph
    base = {k for k, v in (formats or {}).items() if v}
    at = 0

    def stretch(words: str) -> None:
        nonlocal runs
        if not words:
            return
        wanted = set(base)
        href = ""
        for number in open_pairs:
            info = tags[number]
            wanted.update(k for k, v in info.formats.items() if v)
            if info.letter == "a" and info.href:
                href = info.href
        _run(paragraph, words, wanted, href, links, dress)
        runs += 1

    for marker in markers(text, tags):
        stretch(text[at : marker.start])
        at = marker.end
        info = tags[marker.number]
        if marker.role == "open":
            open_pairs.append(marker.number)
        elif marker.role == "close":
            if marker.number in open_pairs:
                open_pairs.remove(marker.number)
        else:
            _standalone(paragraph, info, base, dress)
            runs += 1
    stretch(text[at:])
    return runs


_R, _T, _RPR, _LINK = qn("w:r"), qn("w:t"), qn("w:rPr"), qn("w:hyperlink")
_BR, _TAB, _FONTS, _HIGHLIGHT, _LANG = qn("w:br"), qn("w:tab"), qn("w:rFonts"), qn("w:highlight"), qn("w:lang")
_FONT_SLOTS = tuple(qn(slot) for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"))
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_VAL, _BIDI = qn("w:val"), qn("w:bidi")
#: run properties in the order the schema wants them (CT_RPr's sequence: rFonts, b, i, strike, highlight,
#: u, vertAlign, lang)
_BEFORE_HIGHLIGHT = (("bold", qn("w:b"), ""), ("italic", qn("w:i"), ""), ("strike", qn("w:strike"), ""))
_AFTER_HIGHLIGHT = (
    ("underline", qn("w:u"), "single"),
    ("superscript", qn("w:vertAlign"), "superscript"),
    ("subscript", qn("w:vertAlign"), "subscript"),
)


def _run(paragraph: Paragraph, words: str, wanted: set[str], href: str, links: dict[str, str], dress: RunDress) -> None:
    p = paragraph._p
    element = p.makeelement(_R, {})  # lxml's own makeelement: python-docx's element classes, no parsing
    element.append(_properties(p, wanted, dress))
    text = p.makeelement(_T, {_SPACE: "preserve"})
    text.text = xml_text(words)
    element.append(text)
    if href:
        link = p.makeelement(_LINK, {})
        if href.startswith("#"):
            link.set(qn("w:anchor"), href[1:])
        else:
            if href not in links:
                links[href] = paragraph.part.relate_to(href, RT.HYPERLINK, is_external=True)
            link.set(qn("r:id"), links[href])
        link.append(element)
        p.append(link)
    else:
        p.append(element)


def _properties(p: BaseOxmlElement, wanted: set[str], dress: RunDress) -> etree._Element:
    properties = p.makeelement(_RPR, {})
    if dress.font:
        properties.append(p.makeelement(_FONTS, dict.fromkeys(_FONT_SLOTS, dress.font)))
    for name, tag, value in _BEFORE_HIGHLIGHT:
        if name in wanted:
            properties.append(p.makeelement(tag, {_VAL: value} if value else {}))
    if dress.highlight:
        properties.append(p.makeelement(_HIGHLIGHT, {_VAL: "yellow"}))
    for name, tag, value in _AFTER_HIGHLIGHT:
        if name in wanted:
            properties.append(p.makeelement(tag, {_VAL: value}))
    properties.append(p.makeelement(_LANG, {_VAL: dress.lang, _BIDI: dress.bidi} if dress.bidi else {_VAL: dress.lang}))
    return properties


def _standalone(paragraph: Paragraph, info: TagInfo, wanted: set[str], dress: RunDress) -> None:
    p = paragraph._p
    element = p.makeelement(_R, {})
    if info.kind in ("footnote", "endnote") and info.text:
        wanted = wanted | {"superscript"}
    element.append(_properties(p, wanted, dress))
    if info.kind == "break":
        element.append(p.makeelement(_BR, {}))
    elif info.kind == "tab":
        element.append(p.makeelement(_TAB, {}))
    elif info.text:
        text = p.makeelement(_T, {_SPACE: "preserve"})
        text.text = xml_text(info.text)
        element.append(text)
    p.append(element)
