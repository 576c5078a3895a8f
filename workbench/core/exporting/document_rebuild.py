"""A document rebuilt in a target language, block by block, for the txt, docx and html exports.

Each block keeps what the import recorded about it (title, heading level, list item and its marker,
table/row/cell), and each piece of text knows whether it is the exported translation or a fallback
(the Vietnamese source or a visible placeholder, as the editor chose), so a format can mark fallbacks.
Not-for-translation text that is part of the document (a photo caption, the byline, a date, what the
user marked by hand) goes out as it stands in the source, marked as such, unless the user chose to
leave it out; page furniture (menus, contact lines, copyright, CSS, a repeated title) stays out. The
report lists every not-for-translation segment left out, so no text disappears unsaid.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from workbench.core.errors import WorkbenchError
from workbench.core.exporting.export_report import ExportReport, exported_text
from workbench.core.importing.boilerplate import is_page_furniture, reads_the_same_in_every_language
from workbench.core.records import BlockKind
from workbench.core.store.project_store import Project
from workbench.core.tags.inline_tags import TagInfo

PLACEHOLDER = "[untranslated]"
FALLBACKS = ("source", "placeholder")


@dataclass(slots=True)
class Piece:
    text: str
    #: "" for exported text, else "source" or "placeholder"
    fallback: str = ""
    #: not-for-translation source text, going out as written (in the source language)
    as_written: bool = False
    #: the segment's inline tags: `text` may hold their markers (<b1>…</b1>), which a format rebuilds
    #: into its own formatting (runs, inline elements)
    tags: Mapping[int, TagInfo] = field(default_factory=dict)


@dataclass(slots=True)
class RebuiltBlock:
    kind: BlockKind
    level: int
    meta: dict[str, Any]
    pieces: list[Piece] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces).strip()

    @property
    def numbered(self) -> bool:
        marker = str(self.meta.get("marker", "")).strip()
        return bool(marker) and marker[0].isdigit()


@dataclass(slots=True)
class RebuiltDocument:
    name: str
    format: str
    language: str
    title: str
    blocks: list[RebuiltBlock]


def rebuild(
    project: Project, language: str, document_id: int, report: ExportReport, include_unapproved: bool = False,
    fallback: str = "source", leave_out_not_for_translation: bool = False,
) -> RebuiltDocument:  # fmt: skip
    """The document's blocks in `language`; segments without exported text, and not-for-translation
    segments left out, are counted in `report`."""
    if fallback not in FALLBACKS:
        raise WorkbenchError(f"fallback must be one of {', '.join(FALLBACKS)}, not {fallback!r}")
    document = project.document(document_id)
    if document is None:
        raise WorkbenchError(f"no document {document_id} in {project.path.name}")
    spaces = dict(
        project.connection.execute(
            "SELECT id, space_after FROM segments WHERE document_id = ?", (document_id,)
        ).fetchall()
    )
    paragraphs = {p.index: p for p in project.paragraphs(document_id)}
    report.fallback = fallback
    blocks: dict[int, RebuiltBlock] = {}
    segments = project.segments(document_id)
    translatable = [s.position for s in segments if s.translatable]
    article = range(translatable[0], translatable[-1] + 1) if translatable else range(0)
    for segment in segments:
        if not segment.translatable:
            reason = segment.skip_reason
            if is_page_furniture(reason, segment.position in article) or (
                leave_out_not_for_translation and not reads_the_same_in_every_language(reason)
            ):
                report.add_dropped(document.name, segment.position, reason, segment.source)
                continue
            report.kept_as_written += 1
            piece = Piece(segment.source, as_written=True, tags=segment.tags)
        else:
            text = exported_text(segment, language, include_unapproved, report, document.name)
            piece = Piece(text, tags=segment.tags) if text is not None else Piece(
                segment.source if fallback == "source" else PLACEHOLDER, fallback, tags=segment.tags
            )  # fmt: skip
        piece.text += spaces.get(segment.id) or " "
        block = blocks.get(segment.paragraph)
        if block is None:
            paragraph = paragraphs.get(segment.paragraph)
            kind, level, meta = (paragraph.kind, paragraph.level, paragraph.meta) if paragraph else (
                BlockKind.PARAGRAPH, 0, {}
            )  # fmt: skip
            block = blocks[segment.paragraph] = RebuiltBlock(kind, level, dict(meta))
        block.pieces.append(piece)
    ordered = [blocks[index] for index in sorted(blocks)]
    for block in ordered:  # the last piece's separator is not part of the paragraph
        if block.pieces:
            block.pieces[-1].text = block.pieces[-1].text.rstrip()
    title = next((b.text for b in ordered if b.kind in (BlockKind.TITLE, BlockKind.HEADING)), document.name)
    report.entries = sum(report.by_status.values())
    return RebuiltDocument(document.name, document.format, language, title, ordered)


def tables(blocks: list[RebuiltBlock]) -> Iterator[tuple[str, Any]]:
    """("block", block) for ordinary blocks and ("table", {(row, cell): [blocks]}) once per table, in
    reading order: the import numbered tables and their rows and cells."""
    current: int | None = None
    cells: dict[tuple[int, int], list[RebuiltBlock]] = {}
    for block in blocks:
        table = block.meta.get("table") if block.kind is BlockKind.TABLE_CELL else None
        if table != current and cells:
            yield "table", cells
            cells = {}
        current = table if isinstance(table, int) else None
        if current is None:
            yield "block", block
        else:
            cells.setdefault((int(block.meta.get("row", 0)), int(block.meta.get("cell", 0))), []).append(block)
    if cells:
        yield "table", cells
