"""Export one target language as a PO file (polib): only approved text unless asked otherwise.

Prose segments become entries whose msgctxt (document:position) keeps them unique; documents imported
from PO go back with their own msgctxt, references, comments, flags and plural forms. Translated but
unapproved text is included only on request, marked fuzzy. The file is written to a temporary name and
renamed, and never over the document's own source file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import polib

from workbench.core.errors import WorkbenchError
from workbench.core.project_store import Project, now
from workbench.core.records import BlockKind, SegmentRecord, Status

PLURAL_FORMS = {"en": "nplurals=2; plural=(n != 1);", "km": "nplurals=1; plural=0;", "vi": "nplurals=1; plural=0;"}


@dataclass(slots=True)
class ExportReport:
    path: Path
    entries: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    #: segments exported without a translation, with why: "draft", "untranslated", "translated (not approved)"
    left_out: list[tuple[str, int, str]] = field(default_factory=list)

    def summary(self) -> str:
        counts = ", ".join(f"{status} {n}" for status, n in sorted(self.by_status.items()))
        return f"{self.path}: {self.entries} entries ({counts}); {len(self.left_out)} without exported text"


def _text(
    segment: SegmentRecord, language: str, include_unapproved: bool, report: ExportReport, document: str
) -> tuple[str, bool]:
    translation = segment.translations.get(language)
    status = translation.status if translation else Status.UNTRANSLATED
    report.by_status[str(status)] = report.by_status.get(str(status), 0) + 1
    if translation is not None and status is Status.APPROVED:
        return translation.text, False
    if translation is not None and status is Status.TRANSLATED and include_unapproved:
        return translation.text, True
    why = "translated (not approved)" if status is Status.TRANSLATED else str(status)
    report.left_out.append((document, segment.position + 1, why))
    return "", False


def export_po(
    project: Project, language: str, path: Path, document_id: int | None = None, include_unapproved: bool = False,
    translator: str = "",
) -> ExportReport:  # fmt: skip
    if language not in project.info.target_languages:
        raise WorkbenchError(f"{language!r} is not a target language of {project.path.name}")
    documents = [d for d in project.documents() if document_id is None or d.id == document_id]
    target = Path(path).resolve()
    if any(Path(d.source_path).resolve() == target for d in documents if d.source_path):
        raise WorkbenchError(f"{path} is the imported source file; choose another name")
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": project.info.name,
        "PO-Revision-Date": now().replace("T", " ")[:16] + "+0000",
        "Last-Translator": translator,
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS.get(language, "nplurals=2; plural=(n != 1);"),
        "X-Generator": "Translation Workbench",
    }
    report = ExportReport(Path(path))
    seen: set[tuple[str | None, str]] = set()
    for document in documents:
        paragraphs = {p.index: p for p in project.paragraphs(document.id)}
        by_paragraph: dict[int, list[SegmentRecord]] = {}
        for segment in project.segments(document.id):
            if segment.translatable:
                by_paragraph.setdefault(segment.paragraph, []).append(segment)
        for index, segments in by_paragraph.items():
            paragraph = paragraphs.get(index)
            if paragraph is not None and paragraph.kind is BlockKind.PO_ENTRY:
                entry = _po_entry(paragraph.meta, segments, language, include_unapproved, report, document.name)
            else:
                for segment in segments:
                    text, fuzzy = _text(segment, language, include_unapproved, report, document.name)
                    entry = polib.POEntry(
                        msgctxt=f"{document.name}:{segment.position + 1}", msgid=segment.source, msgstr=text,
                        occurrences=[(document.name, str(segment.position + 1))], flags=["fuzzy"] if fuzzy else [],
                    )  # fmt: skip
                    _add(po, entry, seen, document.name)
                continue
            _add(po, entry, seen, document.name)
    report.entries = len(po)
    temporary = target.with_name(target.name + ".partial")
    po.save(str(temporary))
    os.replace(temporary, target)
    return report


def _add(po: polib.POFile, entry: polib.POEntry, seen: set[tuple[str | None, str]], document: str) -> None:
    if (entry.msgctxt, entry.msgid) in seen:  # the same entry from two PO documents: keep both, told apart
        entry.msgctxt = f"{document}:{entry.msgctxt or ''}"
    seen.add((entry.msgctxt, entry.msgid))
    po.append(entry)


def _po_entry(
    meta: dict[str, object], segments: list[SegmentRecord], language: str, include_unapproved: bool,
    report: ExportReport, document: str,
) -> polib.POEntry:  # fmt: skip
    texts = [_text(s, language, include_unapproved, report, document) for s in segments]
    flags = [f for f in meta.get("flags", []) if f != "fuzzy"]  # type: ignore[attr-defined]
    if any(fuzzy for _text_, fuzzy in texts):
        flags.append("fuzzy")
    entry = polib.POEntry(
        msgctxt=meta.get("msgctxt"), msgid=str(meta.get("msgid", segments[0].source)),
        occurrences=[tuple(o) for o in meta.get("occurrences", [])],  # type: ignore[attr-defined]
        comment=str(meta.get("comment", "")), tcomment=str(meta.get("tcomment", "")), flags=flags,
    )  # fmt: skip
    if meta.get("msgid_plural"):
        entry.msgid_plural = str(meta["msgid_plural"])
        singular = texts[0][0]
        plural = texts[1][0] if len(texts) > 1 else singular
        forms = int(PLURAL_FORMS.get(language, "nplurals=2").split("nplurals=")[1].split(";")[0])
        entry.msgstr_plural = {0: singular if forms > 1 else (plural or singular), **({1: plural} if forms > 1 else {})}
    else:
        entry.msgstr = texts[0][0]
    return entry
