"""Export as plain text (the document rebuilt paragraph by paragraph), CSV (for spreadsheets) and TMX
(vi with every chosen language in one file). Approved text only unless asked; atomic writes."""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path

from workbench.core.errors import WorkbenchError
from workbench.core.po_export import ExportReport
from workbench.core.project_store import Project
from workbench.core.records import SegmentRecord, Status
from workbench.core.tmx import write_tmx
from workbench.core.translation_memory import MemoryUnit

PLACEHOLDER = "[untranslated]"


def _exported(segment: SegmentRecord, language: str, include_unapproved: bool) -> str | None:
    translation = segment.translations.get(language)
    if translation is None or not translation.text:
        return None
    if translation.status is Status.APPROVED or (include_unapproved and translation.status is Status.TRANSLATED):
        return translation.text
    return None


def _atomic_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    temporary = path.with_name(path.name + ".partial")
    temporary.write_text(text, encoding=encoding, newline="")
    os.replace(temporary, path)


def _guard(project: Project, path: Path, languages: Sequence[str]) -> None:
    for language in languages:
        if language not in project.info.target_languages:
            raise WorkbenchError(f"{language!r} is not a target language of {project.path.name}")
    if any(d.source_path and Path(d.source_path).resolve() == Path(path).resolve() for d in project.documents()):
        raise WorkbenchError(f"{path} is an imported source file; choose another name")


def export_text(
    project: Project, language: str, path: Path, document_id: int, include_unapproved: bool = False,
    fallback: str = "source",
) -> ExportReport:  # fmt: skip
    """The document in `language`, one paragraph per line group; a segment without exported text falls
    back to its Vietnamese source or to a visible placeholder (`fallback` "source" or "placeholder")."""
    _guard(project, path, [language])
    report = ExportReport(Path(path))
    spaces = dict(
        project.connection.execute(
            "SELECT id, space_after FROM segments WHERE document_id = ?", (document_id,)
        ).fetchall()
    )
    document = project.document(document_id)
    name = document.name if document else str(document_id)
    paragraphs: dict[int, list[str]] = {}
    for segment in project.segments(document_id):
        if not segment.translatable:
            continue
        text = _exported(segment, language, include_unapproved)
        status = segment.translations[language].status if language in segment.translations else Status.UNTRANSLATED
        report.by_status[str(status)] = report.by_status.get(str(status), 0) + 1
        if text is None:
            report.left_out.append((name, segment.position + 1, str(status)))
            text = segment.source if fallback == "source" else PLACEHOLDER
        paragraphs.setdefault(segment.paragraph, []).append(text + (spaces.get(segment.id) or " "))
    body = "\n\n".join("".join(parts).strip() for _index, parts in sorted(paragraphs.items()))
    _atomic_text(Path(path), body + "\n")
    report.entries = sum(report.by_status.values())
    return report


def export_csv(
    project: Project, language: str, path: Path, document_id: int | None = None, include_unapproved: bool = False
) -> ExportReport:
    """document, position, source, target, status: UTF-8 with a BOM so spreadsheet programs read Vietnamese right."""
    _guard(project, path, [language])
    report = ExportReport(Path(path))
    names = {d.id: d.name for d in project.documents()}
    temporary = Path(path).with_name(Path(path).name + ".partial")
    with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["document", "position", "source", language, "status"])
        for segment in project.segments(document_id):
            if not segment.translatable:
                continue
            text = _exported(segment, language, include_unapproved)
            status = segment.translations[language].status if language in segment.translations else Status.UNTRANSLATED
            if text is None:
                report.left_out.append((names.get(segment.document_id, ""), segment.position + 1, str(status)))
            writer.writerow(
                [names.get(segment.document_id, ""), segment.position + 1, segment.source, text or "", str(status)]
            )
            report.entries += 1
            report.by_status[str(status)] = report.by_status.get(str(status), 0) + 1
    os.replace(temporary, path)
    return report


def export_project_tmx(
    project: Project, languages: Sequence[str], path: Path, document_id: int | None = None,
    include_unapproved: bool = False,
) -> ExportReport:  # fmt: skip
    """One <tu> per source with a <tuv> per language that has exported text."""
    _guard(project, path, languages)
    report = ExportReport(Path(path))
    units = []
    for segment in project.segments(document_id):
        if not segment.translatable:
            continue
        for language in languages:
            text = _exported(segment, language, include_unapproved)
            if text is not None:
                units.append(MemoryUnit(segment.source, text, language))
    report.entries = write_tmx(Path(path), units)
    return report
