"""Export one target language as XLIFF 1.2: approved text only unless asked, or — for a hand-off to a
translator working elsewhere — every text with its state, read back later by `merge_back`."""

from __future__ import annotations

from pathlib import Path

from workbench.core.exporting.export_report import ExportReport, exported_text
from workbench.core.exporting.export_target import check_target
from workbench.core.exporting.xliff import XliffUnit, write_xliff
from workbench.core.records import Status
from workbench.core.store.project_store import Project
from workbench.core.timestamps import now

#: XLIFF 1.2 target states by our status
STATES = {
    Status.APPROVED: "signed-off",
    Status.TRANSLATED: "translated",
    Status.DRAFT: "needs-review-translation",
    Status.NEEDS_WORK: "needs-review-translation",
}
#: approved="yes": translate-toolkit (pocount, Pootle, Virtaal) counts every unit without it as fuzzy, so
#: confirmed text carries it too; the state (translated / signed-off) tells confirmed from approved
NOT_FUZZY = frozenset({Status.APPROVED, Status.TRANSLATED})


def xliff_date(stamp: str) -> str:
    """Our ISO time stamp as the xsd:dateTime XLIFF asks for (UTC, seconds)."""
    return stamp[:19] + "Z"


def export_xliff(
    project: Project, language: str, path: Path, document_id: int | None = None, include_unapproved: bool = False,
    handoff: bool = False,
) -> ExportReport:  # fmt: skip
    check_target(project, path, [language])
    report = ExportReport(Path(path))
    comments = dict(
        project.connection.execute("SELECT segment_id, text FROM comments WHERE language = ?", (language,)).fetchall()
    )
    files = []
    for document in project.documents():
        if document_id is not None and document.id != document_id:
            continue
        units = []
        for segment in project.segments(document.id):
            if not segment.translatable:
                continue
            text = exported_text(segment, language, include_unapproved, report, document.name, handoff)
            status = segment.translations[language].status if text is not None else Status.UNTRANSLATED
            units.append(
                XliffUnit(
                    str(segment.id), f"{document.name}:{segment.position + 1}", segment.source, text or "",
                    STATES.get(status, ""), status in NOT_FUZZY, comments.get(segment.id, ""), tags=dict(segment.tags),
                )
            )  # fmt: skip
        files.append((document.name, units))
    report.entries = write_xliff(Path(path), files, language, xliff_date(now()))
    return report
