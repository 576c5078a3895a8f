"""A Word paragraph's runs as a TaggedParagraph: bold, italic, underline, super/subscript and strike
runs, links, tabs, line breaks, footnote references and fields become inline tags.

Kept apart from docx_import (which finds the paragraphs and their kinds) because reading a run's
formatting is its own job; legacy Vietnamese fonts are still converted run by run before the text is added.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping

import regex
from lxml import etree

from workbench.core.tags.tagged_paragraphs import FinishedParagraph, TaggedParagraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_OFF = ("0", "false", "off", "none")
_TOGGLES = (("bold", "b"), ("italic", "i"), ("strike", "strike"))
_VAL, _U, _VERT_ALIGN = f"{W}val", f"{W}u", f"{W}vertAlign"
_FONTS, _STYLE = f"{W}rFonts", f"{W}rStyle"
_ASCII, _HANSI, _CS = f"{W}ascii", f"{W}hAnsi", f"{W}cs"


#: a w:rPr child -> the format it toggles (w:u and w:vertAlign are read by their values)
_TOGGLE_TAGS = {f"{W}{tag}": name for name, tag in _TOGGLES}


def run_properties(
    rpr: etree._Element | None, styles: Mapping[str, Mapping[str, bool]]
) -> tuple[dict[str, bool], str, str]:
    """(formats, font named on the run, character style id) from a run's w:rPr, in one pass over it: this
    runs for every run of a document. A w:b with w:val="0" (or "false") turns bold off, also when the
    run's character style (`styles`: id -> its formats) is bold; a property the run sets itself wins."""
    if rpr is None:
        return {}, "", ""
    out: dict[str, bool] = {}
    font = style = ""
    for child in rpr:
        tag = child.tag
        name = _TOGGLE_TAGS.get(tag)
        if name is not None:  # <w:b/>, with no attribute, is the commonest: values() is the cheapest look
            out[name] = not child.values() or child.get(_VAL, "1").lower() not in _OFF
        elif tag == _FONTS:
            font = child.get(_ASCII) or child.get(_HANSI) or child.get(_CS) or ""
        elif tag == _STYLE:
            style = child.get(_VAL, "")
        elif tag == _U:
            out["underline"] = child.get(_VAL, "single").lower() not in _OFF
        elif tag == _VERT_ALIGN:
            value = child.get(_VAL, "")
            out["superscript"], out["subscript"] = value == "superscript", value == "subscript"
    if style and (inherited := styles.get(style)):
        for name in inherited:
            out.setdefault(name, True)
    return {k: True for k, v in out.items() if v}, font, style


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
        #: a HYPERLINK field's target: its shown words are the paragraph's text, in a link
        self.href = ""


#: HYPERLINK "https://…" (\l "anchor" for a place in the document), as Word and LibreOffice write it
_HYPERLINK_FIELD = regex.compile(r'^\s*HYPERLINK\s+(?:"([^"]*)"|(?!\\)(\S+))?(?:.*?\\l\s+"([^"]*)")?', regex.IGNORECASE)


def hyperlink_field_target(instr: str) -> str:
    """The target of a HYPERLINK field's instruction ("" for any other field)."""
    found = _HYPERLINK_FIELD.match(instr)
    if not found:
        return ""
    target = found.group(1) or found.group(2) or ""
    anchor = found.group(3) or ""
    return target + (f"#{anchor}" if anchor else "") if target or anchor else ""


def tagged_paragraph(
    p: etree._Element,
    not_text: Collection[str],
    font_of: Callable[[str, str], str],
    convert: Callable[[str, str], str],
    links: Mapping[str, str],
    clean: Callable[[str], str],
    run_styles: Mapping[str, Mapping[str, bool]] | None = None,
    notes: dict[str, int] | None = None,
    is_clean: Callable[[str], bool] | None = None,
) -> FinishedParagraph:
    """`p`'s text with markers. Runs under an element whose tag is in `not_text` are not the paragraph's
    own text (deleted, in a text box); `font_of` gives a run's font from the font and the character style its w:rPr names; `convert` turns
    legacy-font text into Unicode; `run_styles` gives the formats of the document's character styles
    (w:rStyle); `notes` counts the notes referenced so far in the document (a reference shows its place);
    `is_clean` says of a text that `clean` would only trim it (TaggedParagraph.finish).
    One walk down the paragraph, carrying the link each run is in, rather than a look up the ancestors of
    every run: a tagged document has several runs per sentence."""
    reader = _RunReader(TaggedParagraph(), font_of, convert, clean, run_styles or {}, notes)
    # (the children still to read, the link they are in)
    stack: list[tuple[Iterator[etree._Element], str]] = [(iter(p), "")]
    while stack:
        children, href = stack[-1]
        element = next(children, None)
        if element is None:
            stack.pop()
            continue
        tag = element.tag
        if tag in not_text or not isinstance(tag, str):
            continue
        if tag == _RUN:
            nested = reader.read_run(element, href)
            if nested:  # a run inside a run (ruby text); text boxes are in `not_text`
                stack.append((iter(nested), href))
        elif tag == _FIELD_SIMPLE:
            instr = str(element.get(f"{W}instr", "")).strip()
            if target := hyperlink_field_target(instr):  # a link's words are text to translate, in the link
                stack.append((iter(element), target))
                continue
            shown = "".join(t.text or "" for t in element.iter(_TEXT))
            reader.built.add_standalone("field", clean(shown), {"instr": instr})
        elif tag == _HYPERLINK:
            target = links.get(str(element.get(f"{R}id", "")), "")
            anchor = element.get(f"{W}anchor", "")
            stack.append((iter(element), target + (f"#{anchor}" if anchor else "") if target or anchor else ""))
        elif tag != _PARAGRAPH_PROPERTIES:
            stack.append((iter(element), href))
    return reader.built.finish(clean, is_clean)


_RUN, _TEXT, _FIELD_SIMPLE, _HYPERLINK = f"{W}r", f"{W}t", f"{W}fldSimple", f"{W}hyperlink"
_PARAGRAPH_PROPERTIES, _RUN_PROPERTIES = f"{W}pPr", f"{W}rPr"
_FIELD_CHAR, _INSTR_TEXT, _TAB = f"{W}fldChar", f"{W}instrText", f"{W}tab"
_BREAKS = (f"{W}br", f"{W}cr")
_NO_BREAK_HYPHEN = f"{W}noBreakHyphen"
_NOTES = {f"{W}footnoteReference": "footnote", f"{W}endnoteReference": "endnote"}
#: what a run holds that is read as the run's own (everything else may hold runs of its own)
_RUN_CONTENT = {
    _RUN_PROPERTIES, _TEXT, _FIELD_CHAR, _INSTR_TEXT, _TAB, *_BREAKS, *_NOTES, f"{W}lastRenderedPageBreak",
    f"{W}softHyphen", f"{W}noBreakHyphen", f"{W}delText", f"{W}sym",
}  # fmt: skip


#: a run's formats before its w:rPr is read
_UNREAD: dict[str, bool] = {}


class _RunReader:
    """Adds runs to a paragraph, with the complex fields (w:fldChar begin … separate … end) open so far."""

    def __init__(
        self,
        built: TaggedParagraph,
        font_of: Callable[[str, str], str],
        convert: Callable[[str, str], str],
        clean: Callable[[str], str],
        run_styles: Mapping[str, Mapping[str, bool]],
        notes: dict[str, int] | None,
    ) -> None:
        self.built, self.font_of, self.convert, self.clean = built, font_of, convert, clean
        self.run_styles, self.notes = run_styles, notes
        self.fields: list[_Field] = []

    def read_run(self, run: etree._Element, href: str) -> list[etree._Element]:
        """Adds the run's own content; returns what else it holds, which may hold runs (ruby text)."""
        built, fields = self.built, self.fields
        nested: list[etree._Element] = []
        formats = _UNREAD  # read from the w:rPr, which the schema puts first, on meeting the first child
        font = ""
        convert = None
        for child in run:
            tag = child.tag
            if formats is _UNREAD:
                if tag == _RUN_PROPERTIES:
                    formats, font, style = run_properties(child, self.run_styles)
                else:  # no w:rPr first: one further on still counts
                    rpr = run.find(_RUN_PROPERTIES) if len(run) > 1 else None
                    formats, font, style = run_properties(rpr, self.run_styles)
                font = self.font_of(font, style)
                convert = self.convert if font else None  # no font: nothing to convert (most runs)
                if tag == _RUN_PROPERTIES:
                    continue
            if tag == _TEXT and not fields:  # the commonest by far: first
                text = child.text or ""
                built.add_formatted(convert(text, font) if convert else text, formats, href)
            elif tag == _RUN_PROPERTIES:
                continue
            elif tag not in _RUN_CONTENT:
                nested.append(child)
            elif tag == _FIELD_CHAR:
                kind = child.get(f"{W}fldCharType", "")
                if kind == "begin":
                    fields.append(_Field())
                elif kind == "separate" and fields:
                    fields[-1].showing = True
                    if len(fields) == 1:
                        fields[-1].href = hyperlink_field_target("".join(fields[-1].instr))
                elif kind == "end" and fields:
                    done = fields.pop()
                    shown = self.clean("".join(done.result))
                    if done.href:
                        continue  # its words went in as they came
                    if fields:  # a field inside another's result shows as that result's text
                        fields[-1].result.append(shown)
                    else:
                        built.add_standalone("field", shown, {"instr": "".join(done.instr).strip()})
            elif fields:
                if tag == _INSTR_TEXT and not fields[-1].showing:
                    fields[-1].instr.append(child.text or "")
                elif tag == _TEXT and fields[-1].showing:
                    if fields[-1].href:
                        built.add_text(self.convert(child.text or "", font), formats, fields[-1].href)
                    else:
                        fields[-1].result.append(self.convert(child.text or "", font))
            elif tag == _TAB:
                built.add_standalone("tab")
            elif tag in _BREAKS:
                built.add_standalone("break")
            elif tag == _NO_BREAK_HYPHEN:  # LibreOffice writes U+2011 so
                built.add_text("\u2011", formats, href)
            elif tag in _NOTES:
                kind, number = _NOTES[tag], str(child.get(f"{W}id", ""))
                built.add_standalone(kind, self.shown_number(kind, number), {"id": number})
        return nested

    def shown_number(self, kind: str, note_id: str) -> str:
        """The number a reader sees on a note reference: its place among the document's notes of its kind
        (LibreOffice's note ids start at 2, after the separators); without a count, the id."""
        if self.notes is None:
            return note_id
        self.notes[kind] = self.notes.get(kind, 0) + 1
        return str(self.notes[kind])
