"""Export as plain text (the document rebuilt paragraph by paragraph), CSV (for spreadsheets) and TMX
(vi with every chosen language in one file). Approved text only unless asked; atomic writes."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from workbench.core.document_rebuild import PLACEHOLDER, rebuild
from workbench.core.export_report import ExportReport, exported_text
from workbench.core.export_target import atomic_write, check_target
from workbench.core.project_store import Project
from workbench.core.records import BlockKind, Status
from workbench.core.tmx import write_tmx
from workbench.core.translation_memory import MemoryUnit

__all__ = ["PLACEHOLDER", "export_csv", "export_project_tmx", "export_text"]


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
        paragraphs.append(marker + block.text)
    body = "\n\n".join(paragraphs) + "\n"
    atomic_write(Path(path), lambda temporary: temporary.write_text(body, encoding="utf-8", newline=""))
    return report


def export_csv(
    project: Project, language: str, path: Path, document_id: int | None = None, include_unapproved: bool = False
) -> ExportReport:
    """document, position, source, target, status: UTF-8 with a BOM so spreadsheet programs read Vietnamese right."""
    check_target(project, path, [language])
    report = ExportReport(Path(path))
    names = {d.id: d.name for d in project.documents()}

    def write(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["document", "position", "source", language, "status"])
            for segment in project.segments(document_id):
                if not segment.translatable:
                    continue
                name = names.get(segment.document_id, "")
                text = exported_text(segment, language, include_unapproved, report, name)
                translation = segment.translations.get(language)
                status = translation.status if translation is not None else Status.UNTRANSLATED
                writer.writerow([name, segment.position + 1, segment.source, text or "", str(status)])
                report.entries += 1

    atomic_write(Path(path), write)
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
    for segment in project.segments(document_id):
        if not segment.translatable:
            continue
        for language in languages:
            text = exported_text(segment, language, include_unapproved, report, names.get(segment.document_id, ""))
            if text is not None:
                units.append(MemoryUnit(segment.source, text, language))
    report.entries = write_tmx(Path(path), units)
    return report
