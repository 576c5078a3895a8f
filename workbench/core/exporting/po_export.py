"""Export one target language as a PO file (polib): only approved text unless asked otherwise.

Prose segments become entries whose msgctxt (document:position) keeps them unique; documents imported
from PO go back with their own msgctxt, references, comments, flags, plural forms and obsolete entries
(#~), and with their previous msgids (#|) while the entry is still fuzzy or untranslated. Translated but
unapproved text is included only on request, marked fuzzy; so are the drafts of a PO document (the fuzzy
msgstr it came with, a machine draft), as gettext means fuzzy. The file is written to a temporary name and
renamed, and never over the document's own source file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import polib

from workbench.core.exporting.export_report import ExportReport, exported_text
from workbench.core.exporting.export_target import atomic_write, check_target
from workbench.core.records import BlockKind, SegmentRecord, Status
from workbench.core.store.project_store import Project
from workbench.core.timestamps import now

#: the PO header of a hand-off file: when it was written, so the merge can tell text changed here since
HANDOFF_HEADER = "X-Handoff-Date"
#: the header comment of a file whose texts have inline tags: they are written as the editor shows them
TAGS_NOTE = "Inline tags are written as <b1>…</b1> and <x2/>: keep them around the same words"
PLURAL_FORMS = {"en": "nplurals=2; plural=(n != 1);", "km": "nplurals=1; plural=0;", "vi": "nplurals=1; plural=0;"}


def _text(
    segment: SegmentRecord, language: str, include_unapproved: bool, report: ExportReport, document: str,
    handoff: bool, drafts: bool = False,
) -> tuple[str, bool]:  # fmt: skip
    """(msgstr, fuzzy): unapproved text goes out fuzzy; in a hand-off only drafts and text sent back do.
    `drafts`: a PO document's drafts go out too (fuzzy) when unapproved text is asked for."""
    translation = segment.translations.get(language)
    if drafts and include_unapproved and translation is not None and translation.text and (
        translation.status in (Status.DRAFT, Status.NEEDS_WORK)
    ):  # fmt: skip
        report.by_status[str(translation.status)] = report.by_status.get(str(translation.status), 0) + 1
        report.exported.append((segment.id, language))
        return translation.text, True
    text = exported_text(segment, language, include_unapproved, report, document, handoff)
    if text is None:
        return "", False
    status = segment.translations[language].status
    return text, status in (Status.DRAFT, Status.NEEDS_WORK) if handoff else status is not Status.APPROVED


def export_po(
    project: Project, language: str, path: Path, document_id: int | None = None, include_unapproved: bool = False,
    translator: str = "", handoff: bool = False,
) -> ExportReport:  # fmt: skip
    """`handoff`: every text with its state, for a translator working elsewhere (read back by merge_back)."""
    check_target(project, path, [language])
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
    if handoff:
        po.metadata[HANDOFF_HEADER] = now()
    report = ExportReport(Path(path))
    tagged = False
    for entry, segments in po_entries(project, language, document_id, report, include_unapproved, handoff):
        po.append(entry)
        tagged = tagged or any(s.tags for s in segments)
    if tagged:
        po.header = TAGS_NOTE
    report.entries = len(po)
    po.extend(_obsolete_entries(project, document_id))
    atomic_write(Path(path), lambda temporary: po.save(str(temporary)))
    return report


def po_entries(
    project: Project, language: str, document_id: int | None, report: ExportReport,
    include_unapproved: bool = False, handoff: bool = False,
) -> Iterator[tuple[polib.POEntry, list[SegmentRecord]]]:  # fmt: skip
    """Each PO entry with the segments it holds (two for a plural entry): the export writes the entries,
    the merge back finds a returned entry's segments by (msgctxt, msgid) from the same list."""
    seen: set[tuple[str | None, str]] = set()
    for document in project.documents():
        if document_id is not None and document.id != document_id:
            continue
        paragraphs = {p.index: p for p in project.paragraphs(document.id)}
        by_paragraph: dict[int, list[SegmentRecord]] = {}
        for segment in project.segments(document.id):
            if segment.translatable:
                by_paragraph.setdefault(segment.paragraph, []).append(segment)
        for index, segments in by_paragraph.items():
            paragraph = paragraphs.get(index)
            if paragraph is not None and paragraph.kind is BlockKind.PO_ENTRY:
                entry = _po_entry(
                    paragraph.meta, segments, language, include_unapproved, report, document.name, handoff
                )
                _unique(entry, seen, document.name)
                yield entry, segments
                continue
            for segment in segments:
                text, fuzzy = _text(segment, language, include_unapproved, report, document.name, handoff)
                entry = polib.POEntry(
                    msgctxt=f"{document.name}:{segment.position + 1}", msgid=segment.source, msgstr=text,
                    occurrences=[(document.name, str(segment.position + 1))], flags=["fuzzy"] if fuzzy else [],
                )  # fmt: skip
                _unique(entry, seen, document.name)
                yield entry, [segment]


def _obsolete_entries(project: Project, document_id: int | None) -> list[polib.POEntry]:
    """The obsolete entries (#~) of the exported PO documents, as they were imported: gettext keeps them at
    the end of the file so a later msgmerge can bring a returning string's translation back."""
    entries: list[polib.POEntry] = []
    for (properties,) in project.connection.execute(
        "SELECT properties FROM documents WHERE ? IS NULL OR id = ? ORDER BY id", (document_id, document_id)
    ):
        kept = json.loads(properties or "{}").get("po_obsolete") or []
        if kept:
            entries.extend(e for e in polib.pofile("\n".join(kept), wrapwidth=0) if e.obsolete)
    return entries


def _unique(entry: polib.POEntry, seen: set[tuple[str | None, str]], document: str) -> None:
    if (entry.msgctxt, entry.msgid) in seen:  # the same entry from two PO documents: keep both, told apart
        entry.msgctxt = f"{document}:{entry.msgctxt or ''}"
    seen.add((entry.msgctxt, entry.msgid))


def _po_entry(
    meta: dict[str, object], segments: list[SegmentRecord], language: str, include_unapproved: bool,
    report: ExportReport, document: str, handoff: bool,
) -> polib.POEntry:  # fmt: skip
    texts = [_text(s, language, include_unapproved, report, document, handoff, drafts=True) for s in segments]
    flags = [f for f in meta.get("flags", []) if f != "fuzzy"]  # type: ignore[attr-defined]
    fuzzy = any(fuzzy for _text_, fuzzy in texts)
    if fuzzy:
        flags.append("fuzzy")
    entry = polib.POEntry(
        msgctxt=meta.get("msgctxt"), msgid=str(meta.get("msgid", segments[0].source)),
        occurrences=[tuple(o) for o in meta.get("occurrences", [])],  # type: ignore[attr-defined]
        comment=str(meta.get("comment", "")), tcomment=str(meta.get("tcomment", "")), flags=flags,
    )  # fmt: skip
    if meta.get("previous_msgid") and (fuzzy or not any(text for text, _fuzzy in texts)):
        entry.previous_msgid = str(meta["previous_msgid"])
        entry.previous_msgid_plural = meta.get("previous_msgid_plural")
        entry.previous_msgctxt = meta.get("previous_msgctxt")
    if meta.get("msgid_plural"):
        entry.msgid_plural = str(meta["msgid_plural"])
        singular = texts[0][0]
        plural = texts[1][0] if len(texts) > 1 else singular
        forms = int(PLURAL_FORMS.get(language, "nplurals=2").split("nplurals=")[1].split(";")[0])
        # msgstr[0] is the singular segment's, as import and merge read it (`po_import.plural_texts`)
        entry.msgstr_plural = {0: singular if forms > 1 else (singular or plural), **({1: plural} if forms > 1 else {})}
    else:
        entry.msgstr = texts[0][0]
    return entry
