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
from html import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import nsmap
from docx.text.paragraph import Paragraph
from lxml import etree

from workbench.core.exporting.xml_characters import xml_text
from workbench.core.tags.inline_tags import TagInfo, as_read, markers, safe_href


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
    paragraph_href: str = "",
) -> int:
    """`text` written as runs appended to `paragraph` in order (in a link to `paragraph_href` when the
    whole paragraph is one); returns how many. The runs are written as
    WordprocessingML text and parsed once per piece: making each element from Python costs more than
    the whole parse (a tagged sentence has five runs of four elements each)."""
    parts: list[str] = []
    open_pairs: list[int] = []
    links: dict[str, str] = {}  # href -> relationship id, one per target in the paragraph
    base = {k for k, v in (formats or {}).items() if v}
    language = _language(dress)
    fonts = f'<w:rFonts w:ascii="{_attr(dress.font)}" w:hAnsi="{_attr(dress.font)}" w:cs="{_attr(dress.font)}" w:eastAsia="{_attr(dress.font)}"/>' if dress.font else ""  # fmt: skip
    at = 0

    def stretch(words: str) -> None:
        if not words:
            return
        wanted = set(base)
        href = paragraph_href
        for number in open_pairs:
            info = tags[number]
            wanted.update(k for k, v in info.formats.items() if v)
            if info.letter == "a" and info.href:
                href = safe_href(info.href)  # a script or data link: its words, not the link
        run = f'<w:r>{_properties(wanted, fonts, dress.highlight, language)}<w:t xml:space="preserve">{_text(words)}</w:t></w:r>'
        if not href:
            parts.append(run)
        elif href.startswith("#"):
            parts.append(f'<w:hyperlink w:anchor="{_attr(href[1:])}">{run}</w:hyperlink>')
        else:
            if href not in links:
                links[href] = paragraph.part.relate_to(href, RT.HYPERLINK, is_external=True)
            parts.append(f'<w:hyperlink r:id="{_attr(links[href])}">{run}</w:hyperlink>')

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
            parts.append(_standalone(info, base, fonts, dress.highlight, language))
    stretch(text[at:])
    if parts:
        fragment = etree.fromstring(
            f"<w:p {_NAMESPACES}>{''.join(parts)}</w:p>"
        )  # lxml's own thread-local parser: plain elements, moved into the document
        paragraph._p.extend(list(fragment))
    return len(parts)


_NAMESPACES = f'xmlns:w="{nsmap["w"]}" xmlns:r="{nsmap["r"]}"'
#: run properties in the order the schema wants them (CT_RPr's sequence: rFonts, b, i, strike, highlight,
#: u, vertAlign, lang)
_BEFORE_HIGHLIGHT = (("bold", "<w:b/>"), ("italic", "<w:i/>"), ("strike", "<w:strike/>"))
_AFTER_HIGHLIGHT = (
    ("underline", '<w:u w:val="single"/>'),
    ("superscript", '<w:vertAlign w:val="superscript"/>'),
    ("subscript", '<w:vertAlign w:val="subscript"/>'),
)


def _text(words: str) -> str:
    return escape(as_read(xml_text(words)), quote=False)


def _attr(value: str) -> str:
    return escape(xml_text(value), quote=True)


def _language(dress: RunDress) -> str:
    bidi = f' w:bidi="{_attr(dress.bidi)}"' if dress.bidi else ""
    return f'<w:lang w:val="{_attr(dress.lang)}"{bidi}/>'


def _properties(wanted: set[str], fonts: str, highlight: bool, language: str) -> str:
    out = [fonts]
    out.extend(xml for name, xml in _BEFORE_HIGHLIGHT if name in wanted)
    if highlight:
        out.append('<w:highlight w:val="yellow"/>')
    out.extend(xml for name, xml in _AFTER_HIGHLIGHT if name in wanted)
    return f"<w:rPr>{''.join(out)}{language}</w:rPr>"


def _standalone(info: TagInfo, wanted: set[str], fonts: str, highlight: bool, language: str) -> str:
    if info.kind in ("footnote", "endnote") and info.text:
        wanted = wanted | {"superscript"}
    if info.kind == "break":
        content = "<w:br/>"
    elif info.kind == "tab":
        content = "<w:tab/>"
    elif info.text:
        content = f'<w:t xml:space="preserve">{_text(info.text)}</w:t>'
    else:
        content = ""
    return f"<w:r>{_properties(wanted, fonts, highlight, language)}{content}</w:r>"
