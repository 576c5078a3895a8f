"""Every export format behind one call, so the CLI and the window's export dialog offer the same."""

from __future__ import annotations

from pathlib import Path

from workbench.core.errors import WorkbenchError
from workbench.core.exporting.docx_export import export_docx
from workbench.core.exporting.export_report import ExportReport, add_open_problems
from workbench.core.exporting.html_export import export_html
from workbench.core.exporting.po_export import export_po
from workbench.core.exporting.text_exports import export_csv, export_project_tmx, export_text
from workbench.core.exporting.xliff_export import export_xliff
from workbench.core.store.project_store import Project

#: format -> (file suffix, one document only)
FORMATS = {
    "po": (".po", False),
    "xliff": (".xlf", False),
    "tmx": (".tmx", False),
    "csv": (".csv", False),
    "txt": (".txt", True),
    "docx": (".docx", True),
    "html": (".html", True),
}
HANDOFF_FORMATS = ("xliff", "po")


def export(
    project: Project, fmt: str, languages: list[str], path: Path, document_id: int | None = None,
    include_unapproved: bool = False, fallback: str = "source", translator: str = "", check: bool = True,
    parallel_checks: bool = True, leave_out_not_for_translation: bool = False,
) -> ExportReport:  # fmt: skip
    """Write one export; with `check`, the report also lists open QA problems on the exported text.
    A document (txt, docx, html) keeps its not-for-translation text as written unless
    `leave_out_not_for_translation`; page furniture stays out either way, listed in the report."""
    if fmt not in FORMATS:
        raise WorkbenchError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    if FORMATS[fmt][1] and document_id is None:
        documents = project.documents()
        if len(documents) != 1:  # a project of one document needs no name for it
            names = ", ".join(d.name for d in documents[:5]) + (", ..." if len(documents) > 5 else "")
            raise WorkbenchError(
                f"a {fmt} export is of one document: name it (--document)"
                + (f"; this project has {names}" if documents else "; this project has none yet")
            )
        document_id = documents[0].id
    if not languages:
        raise WorkbenchError("name the target language (--to)")
    if fmt != "tmx" and len(languages) > 1:
        raise WorkbenchError(f"a {fmt} export is of one target language; only TMX takes several (--to en,km)")
    language = languages[0]
    if fmt == "po":
        report = export_po(project, language, path, document_id, include_unapproved, translator)
    elif fmt == "xliff":
        report = export_xliff(project, language, path, document_id, include_unapproved)
    elif fmt == "tmx":
        report = export_project_tmx(project, languages, path, document_id, include_unapproved)
    elif fmt == "csv":
        report = export_csv(project, language, path, document_id, include_unapproved)
    else:
        assert document_id is not None
        write = {"txt": export_text, "docx": export_docx, "html": export_html}[fmt]
        report = write(
            project, language, path, document_id, include_unapproved, fallback, leave_out_not_for_translation
        )
    if check:
        add_open_problems(project, report, document_id, parallel_checks)
    return report


def handoff(
    project: Project, fmt: str, language: str, path: Path, document_id: int | None = None, translator: str = ""
) -> ExportReport:
    """Every segment's current text with its state, for a translator working elsewhere; `merge_back`
    reads the returned file."""
    if fmt == "po":
        return export_po(project, language, path, document_id, translator=translator, handoff=True)
    if fmt == "xliff":
        return export_xliff(project, language, path, document_id, handoff=True)
    raise WorkbenchError(f"a hand-off file is {' or '.join(HANDOFF_FORMATS)}, not {fmt!r}")
