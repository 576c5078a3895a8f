"""Export as plain text (the document rebuilt paragraph by paragraph), CSV (for spreadsheets, no cell a
formula), TMX (vi with every chosen language in one file) and the memory as TMX. Approved text only unless
asked; every target checked and written atomically by export_target."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from workbench.core.exporting.document_rebuild import PLACEHOLDER, RebuiltBlock, rebuild
from workbench.core.exporting.export_report import ExportReport, exported_text
from workbench.core.exporting.export_target import atomic_write_bytes, check_target, refuse_protected
from workbench.core.exporting.spreadsheet_cells import safe_cell
from workbench.core.memory.tmx import workbench_targets, write_tmx
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory, units
from workbench.core.records import BlockKind, Status
from workbench.core.store.project_store import Project
from workbench.core.tags.inline_tags import TagInfo, TagMap, as_read, plain_text

__all__ = ["PLACEHOLDER", "export_csv", "export_memory", "export_project_tmx", "export_text"]


def export_text(
    project: Project, language: str, path: Path, document_id: int, include_unapproved: bool = False,
    fallback: str = "source", leave_out_not_for_translation: bool = False,
) -> ExportReport:  # fmt: skip
    """The document in `language`, paragraphs separated by a blank line (list items keep their marker);
    a segment without exported text falls back to its Vietnamese source or to a visible placeholder,
    not-for-translation text goes out as written unless left out (page furniture always is)."""
    check_target(project, path, [language])
    report = ExportReport(Path(path))
    document = rebuild(
        project, language, document_id, report, include_unapproved, fallback, leave_out_not_for_translation
    )
    paragraphs = []
    for block in document.blocks:
        marker = str(block.meta.get("marker", "")) if block.kind is BlockKind.LIST_ITEM else ""
        paragraphs.append(marker + _plain_block(block))
    body = "\n\n".join(paragraphs) + "\n"
    atomic_write_bytes(Path(path), body.encode("utf-8"))
    return report


def _plain_block(block: RebuiltBlock) -> str:
    """A paragraph's text without tag markers: a line break is a new line, a tab a tab, another
    standalone (a footnote reference) its source's mark, as the document shows it."""
    return as_read("".join(plain_text(piece.text, piece.tags, _as_shown) for piece in block.pieces).strip())


def _as_shown(info: TagInfo) -> str:
    return "\n" if info.kind == "break" else "\t" if info.kind == "tab" else info.text


def export_csv(
    project: Project, language: str, path: Path, document_id: int | None = None, include_unapproved: bool = False
) -> ExportReport:
    """document, position, source, target, status: UTF-8 with a BOM so spreadsheet programs read Vietnamese
    right; a cell starting like a formula (= + - @) gets a leading quote, so opening the file runs nothing."""
    check_target(project, path, [language])
    report = ExportReport(Path(path))
    names = {d.id: d.name for d in project.documents()}
    handle = io.StringIO(newline="")
    writer = csv.writer(handle)
    writer.writerow(["document", "position", "source", language, "status"])
    for segment in project.segments(document_id):
        if not segment.translatable:
            continue
        name = names.get(segment.document_id, "")
        text = exported_text(segment, language, include_unapproved, report, name)
        translation = segment.translations.get(language)
        status = translation.status if translation is not None else Status.UNTRANSLATED
        source, target = plain_text(segment.source, segment.tags, " "), plain_text(text or "", segment.tags, " ")
        writer.writerow([safe_cell(name), segment.position + 1, safe_cell(source), safe_cell(target), str(status)])
        report.entries += 1
    atomic_write_bytes(Path(path), handle.getvalue().encode("utf-8-sig"))
    return report


def export_project_tmx(
    project: Project, languages: Sequence[str], path: Path, document_id: int | None = None,
    include_unapproved: bool = False,
) -> ExportReport:  # fmt: skip
    """One <tu> per source with a <tuv> per language that has exported text."""
    check_target(project, path, languages)
    report = ExportReport(Path(path))
    names = {d.id: d.name for d in project.documents()}
    units = []
    tags: dict[str, TagMap] = {}
    for segment in project.segments(document_id):
        if not segment.translatable:
            continue
        if segment.tags:
            tags[segment.source] = segment.tags
        for language in languages:
            text = exported_text(segment, language, include_unapproved, report, names.get(segment.document_id, ""))
            if text is not None:
                units.append(MemoryUnit(segment.source, text, language))
    report.entries = write_tmx(Path(path), units, tags=tags)
    return report


def export_memory(
    path: Path, project: Project | None = None, shared: SharedMemory | None = None
) -> tuple[int, list[str]]:
    """A project's memory (else the shared memory the caller opened) as TMX, in the languages translated here
    only (a French unit an earlier import stored stays out). Returns the units written and those languages."""
    if project is not None:
        check_target(project, path, [])
        languages = list(project.info.target_languages)
        chosen = (u for u in units(project.connection) if u.target_language in languages)
        tags = {s.source: s.tags for s in project.segments()}  # a stored unit may hold markers
        return write_tmx(Path(path), chosen, tags=tags, read_markers=True), languages
    if shared is None:
        raise ValueError("export_memory needs a project or the shared memory")
    refuse_protected(path)
    languages = list(workbench_targets())
    chosen = (u for u in units(shared.db) if u.target_language in languages)
    return write_tmx(Path(path), chosen, read_markers=True), languages  # its units' markers have no map
