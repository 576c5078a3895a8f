"""A Word paragraph's runs as a TaggedParagraph: bold, italic, underline, super/subscript and strike
runs, links, tabs, line breaks, footnote references and fields become inline tags.

Kept apart from docx_import (which finds the paragraphs and their kinds) because reading a run's
formatting is its own job; legacy Vietnamese fonts are still converted run by run before the text is added.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from lxml import etree

from workbench.core.tags.tagged_paragraphs import FinishedParagraph, TaggedParagraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_OFF = ("0", "false", "off", "none")
_TOGGLES = (("bold", "b"), ("italic", "i"), ("strike", "strike"))


def run_formats(rpr: etree._Element | None) -> dict[str, bool]:
    """The formats a run's w:rPr sets; a w:b with w:val="0" (or "false") turns bold off."""
    if rpr is None:
        return {}
    out: dict[str, bool] = {}
    for name, tag in _TOGGLES:
        element = rpr.find(f"{W}{tag}")
        if element is not None and element.get(f"{W}val", "1").lower() not in _OFF:
            out[name] = True
    underline = rpr.find(f"{W}u")
    if underline is not None and underline.get(f"{W}val", "single").lower() not in _OFF:
        out["underline"] = True
    vertical = rpr.find(f"{W}vertAlign")
    if vertical is not None and vertical.get(f"{W}val", "") in ("superscript", "subscript"):
        out[str(vertical.get(f"{W}val"))] = True
    return out


def hyperlink_targets(rels: etree._Element | None) -> dict[str, str]:
    """Relationship id -> external target, from word/_rels/document.xml.rels."""
    if rels is None:
        return {}
    out = {}
    for rel in rels:
        if str(rel.get("Type", "")).endswith("/hyperlink"):
            out[str(rel.get("Id", ""))] = str(rel.get("Target", ""))
    return out


class _Field:
    """A complex field (w:fldChar begin … separate … end) being read: its instruction and shown text."""

    def __init__(self) -> None:
        self.instr: list[str] = []
        self.result: list[str] = []
        self.showing = False


def tagged_paragraph(
    p: etree._Element,
    skip: Callable[[etree._Element], bool],
    font_of: Callable[[etree._Element | None], str],
    convert: Callable[[str, str], str],
    links: Mapping[str, str],
    clean: Callable[[str], str],
) -> FinishedParagraph:
    """`p`'s text with markers. `skip` says a run is not the paragraph's own text (deleted, in a text
    box); `font_of` a run's font from its w:rPr; `convert` turns legacy-font text into Unicode."""
    built = TaggedParagraph()
    fields: list[_Field] = []
    for element in p.iter(f"{W}r", f"{W}fldSimple"):
        if skip(element) or _inside(element, p, f"{W}fldSimple"):
            continue
        if element.tag == f"{W}fldSimple":
            shown = "".join(t.text or "" for t in element.iter(f"{W}t"))
            built.add_standalone("field", clean(shown), {"instr": str(element.get(f"{W}instr", "")).strip()})
            continue
        rpr = element.find(f"{W}rPr")
        font = font_of(rpr)
        formats = run_formats(rpr)
        href = _href(element, p, links)
        for child in element:
            tag = child.tag
            if tag == f"{W}fldChar":
                kind = child.get(f"{W}fldCharType", "")
                if kind == "begin":
                    fields.append(_Field())
                elif kind == "separate" and fields:
                    fields[-1].showing = True
                elif kind == "end" and fields:
                    done = fields.pop()
                    shown = clean("".join(done.result))
                    if fields:  # a field inside another's result shows as that result's text
                        fields[-1].result.append(shown)
                    else:
                        built.add_standalone("field", shown, {"instr": "".join(done.instr).strip()})
            elif fields:
                if tag == f"{W}instrText" and not fields[-1].showing:
                    fields[-1].instr.append(child.text or "")
                elif tag == f"{W}t" and fields[-1].showing:
                    fields[-1].result.append(convert(child.text or "", font))
            elif tag == f"{W}t":
                built.add_text(convert(child.text or "", font), formats, href)
            elif tag == f"{W}tab":
                built.add_standalone("tab")
            elif tag in (f"{W}br", f"{W}cr"):
                built.add_standalone("break")
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                kind = "footnote" if tag == f"{W}footnoteReference" else "endnote"
                number = str(child.get(f"{W}id", ""))
                built.add_standalone(kind, number, {"id": number})
    return built.finish(clean)


def _inside(element: etree._Element, top: etree._Element, tag: str) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is top:
            return False
        if ancestor.tag == tag:
            return True
    return False


def _href(run: etree._Element, top: etree._Element, links: Mapping[str, str]) -> str:
    for ancestor in run.iterancestors():
        if ancestor is top:
            return ""
        if ancestor.tag == f"{W}hyperlink":
            target = links.get(str(ancestor.get(f"{R}id", "")), "")
            anchor = ancestor.get(f"{W}anchor", "")
            return target + (f"#{anchor}" if anchor else "") if target or anchor else ""
    return ""
