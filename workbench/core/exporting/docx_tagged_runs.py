"""A segment's text with tag markers, written as Word runs with the formatting the tags stand for.

Each stretch of text between markers becomes a run with the formats of every pair open around it (and the
paragraph's own, a bold heading); text inside a link pair goes into a w:hyperlink to its target. A line
break or a tab is written as Word's own; a field as the text it showed. python-docx cannot write
footnotes or endnotes, so a reference comes out as a superscript run with its number (the note's text
is not carried over). Markers that are not tags of the segment are ordinary text.
"""

from __future__ import annotations

from collections.abc import Mapping

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from workbench.core.exporting.xml_characters import xml_text
from workbench.core.tags.inline_tags import TagInfo, markers

_FONT_FORMATS = ("bold", "italic", "underline", "superscript", "subscript", "strike")


def tagged_runs(
    paragraph: Paragraph, text: str, tags: Mapping[int, TagInfo], formats: Mapping[str, bool] | None = None
) -> list[Run]:
    """The runs `text` is written as, appended to `paragraph` in order."""
    runs: list[Run] = []
    open_pairs: list[int] = []
    links: dict[str, str] = {}  # href -> relationship id, one per target in the paragraph
    at = 0

    def stretch(words: str) -> None:
        if not words:
            return
        wanted = {k for k, v in (formats or {}).items() if v}
        href = ""
        for number in open_pairs:
            info = tags[number]
            wanted.update(k for k, v in info.formats.items() if v)
            if info.letter == "a" and info.href:
                href = info.href
        runs.append(_run(paragraph, words, wanted, href, links))

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
            runs.append(_standalone(paragraph, info, {k for k, v in (formats or {}).items() if v}))
    stretch(text[at:])
    return runs


_R, _T, _RPR, _LINK = qn("w:r"), qn("w:t"), qn("w:rPr"), qn("w:hyperlink")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_VAL = qn("w:val")
#: run properties in the order the schema wants them (CT_RPr's sequence)
_PROPERTY_ORDER = (
    ("bold", qn("w:b"), ""),
    ("italic", qn("w:i"), ""),
    ("strike", qn("w:strike"), ""),
    ("underline", qn("w:u"), "single"),
    ("superscript", qn("w:vertAlign"), "superscript"),
    ("subscript", qn("w:vertAlign"), "subscript"),
)


def _run(paragraph: Paragraph, words: str, wanted: set[str], href: str, links: dict[str, str]) -> Run:
    p = paragraph._p
    element = p.makeelement(_R, {})  # lxml's own makeelement: python-docx's element classes, no parsing
    if wanted:
        element.append(_properties(p, wanted))
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
    return Run(element, paragraph)  # type: ignore[arg-type]


def _properties(p: BaseOxmlElement, wanted: set[str]) -> etree._Element:
    properties = p.makeelement(_RPR, {})
    for name, tag, value in _PROPERTY_ORDER:
        if name in wanted:
            properties.append(p.makeelement(tag, {_VAL: value} if value else {}))
    return properties


def _format(run: Run, wanted: set[str]) -> None:
    font = run.font
    for name in _FONT_FORMATS:
        if name in wanted:
            setattr(font, name, True)


def _standalone(paragraph: Paragraph, info: TagInfo, wanted: set[str]) -> Run:
    run = paragraph.add_run()
    if info.kind == "break":
        run.add_break()
    elif info.kind == "tab":
        run._element.append(OxmlElement("w:tab"))
    elif info.text:
        text = OxmlElement("w:t")
        text.text = xml_text(info.text)
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run._element.append(text)
        if info.kind in ("footnote", "endnote"):
            wanted = wanted | {"superscript"}
    _format(run, wanted)
    return run
