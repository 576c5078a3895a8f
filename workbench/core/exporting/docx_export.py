"""A document as a Word file in the target language, rebuilt in its original structure (title, headings,
bulleted and numbered lists with their depth, tables, paragraphs) with python-docx.

Khmer runs get a Khmer font in every font slot Word reads (ascii, hAnsi and the complex-script slot
that Word actually uses for Khmer) and the km-KH language, so the file shows Khmer glyphs and breaks
lines correctly on an office PC that has the font. A visible placeholder for text without a translation
is highlighted; a Vietnamese fallback, and not-for-translation text kept as written (a caption, the
byline), is tagged vi-VN so spelling checks do not flag it as English.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from workbench.core.exporting.document_rebuild import Piece, RebuiltBlock, rebuild, tables
from workbench.core.exporting.docx_tagged_runs import RunDress, tagged_runs
from workbench.core.exporting.export_report import ExportReport
from workbench.core.exporting.export_target import atomic_write, check_target
from workbench.core.exporting.xml_characters import xml_text
from workbench.core.records import BlockKind
from workbench.core.store.project_store import Project
from workbench.core.tags.inline_tags import as_read, safe_href

KHMER_FONT = "Khmer OS Siemreap"
_KHMER = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff]")
_LANGUAGE_TAGS = {"en": "en-US", "km": "km-KH", "vi": "vi-VN"}


def export_docx(
    project: Project, language: str, path: Path, document_id: int, include_unapproved: bool = False,
    fallback: str = "source", leave_out_not_for_translation: bool = False, khmer_font: str = KHMER_FONT,
) -> ExportReport:  # fmt: skip
    check_target(project, path, [language])
    report = ExportReport(Path(path))
    rebuilt = rebuild(
        project, language, document_id, report, include_unapproved, fallback, leave_out_not_for_translation
    )
    document = docx.Document()
    document.core_properties.title = rebuilt.title
    document.core_properties.language = _LANGUAGE_TAGS.get(language, language)
    section = document.element.body.sectPr  # a new document always ends with one
    assert section is not None
    for what, item in tables(rebuilt.blocks):
        if what == "block":
            _add_block(document, section, item, language, khmer_font)
            continue
        rows = 1 + max(row for row, _cell in item)
        columns = 1 + max(cell for _row, cell in item)
        table = document.add_table(rows=rows, cols=columns)
        table.style = document.styles["Table Grid"]
        for (row, cell), blocks in item.items():
            target = table.cell(row, cell)
            for number, block in enumerate(blocks):
                paragraph = target.paragraphs[0] if number == 0 else target.add_paragraph()
                _add_pieces(paragraph, block.pieces, language, khmer_font, _formats(block), _href(block))
    atomic_write(Path(path), lambda temporary: document.save(str(temporary)))
    return report


def _formats(block: RebuiltBlock) -> dict[str, bool] | None:
    """The paragraph-wide formats the import recorded (a bold heading), else None (the plain path)."""
    formats = block.meta.get("formats")
    return {str(k): bool(v) for k, v in formats.items()} if isinstance(formats, dict) and formats else None


def _add_block(
    document: docx.document.Document, section: BaseOxmlElement, block: RebuiltBlock, language: str, khmer_font: str
) -> None:
    style = None
    if block.kind is BlockKind.TITLE:
        style = "Title"
    elif block.kind is BlockKind.HEADING:
        style = f"Heading {min(max(block.level, 1), 9)}"
    elif block.kind is BlockKind.LIST_ITEM:
        depth = min(block.level, 2)
        style = ("List Number" if block.numbered else "List Bullet") + (f" {depth + 1}" if depth else "")
    # python-docx's add_paragraph finds the body's closing section properties by scanning the whole body
    # each time (quadratic: 27 s for 50,000 paragraphs); putting the paragraph before them directly is not
    element = OxmlElement("w:p")
    section.addprevious(element)
    paragraph = Paragraph(element, document._body)  # type: ignore[arg-type]
    if style is not None:
        paragraph.style = document.styles[style]
    _add_pieces(paragraph, block.pieces, language, khmer_font, _formats(block), _href(block))


def _href(block: RebuiltBlock) -> str:
    """Where the whole paragraph links to, when the import found it one link (a safe target only)."""
    href = block.meta.get("href")
    return safe_href(href) if isinstance(href, str) else ""


def _add_pieces(
    paragraph: Paragraph, pieces: list[Piece], language: str, khmer_font: str, formats: dict[str, bool] | None = None,
    href: str = "",
) -> None:  # fmt: skip
    for piece in pieces:
        if piece.tags or formats or href:  # markers, paragraph formats and links rebuilt as formatted runs
            dress = _dress_of(piece, language, khmer_font)
            tagged_runs(paragraph, piece.text, piece.tags, formats, dress, href)
            continue
        words = as_read(xml_text(piece.text))
        if "\t" in words or "\n" in words or "\r" in words:
            run = paragraph.add_run(words)  # python-docx turns these into <w:tab/> and <w:br/>
        else:  # the same <w:t> python-docx would write, without its character-by-character loop
            run = paragraph.add_run()
            text = OxmlElement("w:t")
            text.text = words
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run._element.append(text)
        _dress(run, piece, language, khmer_font)


_RPR, _LANG, _VAL = qn("w:rPr"), qn("w:lang"), qn("w:val")


def _dress_of(piece: Piece, language: str, khmer_font: str) -> RunDress:
    """What `_dress` gives a plain run, for the runs of a piece with tags."""
    tag = "vi-VN" if piece.fallback == "source" or piece.as_written else _LANGUAGE_TAGS.get(language, language)
    khmer = bool(_KHMER.search(piece.text))
    return RunDress(tag, "km-KH" if khmer else "", khmer_font if khmer else "", piece.fallback == "placeholder")


def _dress(run: Run, piece: Piece, language: str, khmer_font: str) -> None:
    """The run's language (vi-VN for a fallback), a placeholder's highlight and a Khmer font."""
    element = run._element
    properties = element.find(_RPR)  # python-docx's get_or_add walks the schema's sequence each time
    if properties is None:
        properties = element.makeelement(_RPR, {})
        element.insert(0, properties)
    tag = "vi-VN" if piece.fallback == "source" or piece.as_written else _LANGUAGE_TAGS.get(language, language)
    lang = properties.find(_LANG)
    if lang is None:
        lang = properties.makeelement(_LANG, {})
        properties.append(lang)
    lang.set(_VAL, tag)
    if piece.fallback == "placeholder":
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    if _KHMER.search(piece.text):
        fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
        for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(slot), khmer_font)
        lang.set(qn("w:bidi"), "km-KH")
