"""What an export wrote: counts per status, what was left out and why, and the quality-check findings
still open on the text that went out (so an editor sees them before the file is published)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.counted import counted
from workbench.core.qa.project_run import check_project
from workbench.core.records import SegmentRecord, Status
from workbench.core.store.project_store import Project
from workbench.core.store.segment_numbers import segment_label

NOT_APPROVED = "translated (not approved)"
#: how much of a left-out segment the report quotes
FIRST_WORDS = 8


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


@dataclass(slots=True)
class ExportReport:
    path: Path
    entries: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    #: segments exported without a translation: (document, position, language, why: "draft",
    #: "untranslated", "translated (not approved)")
    left_out: list[tuple[str, int, str, str]] = field(default_factory=list)
    #: what stands in for a segment without exported text in a rebuilt document: "source" (the Vietnamese
    #: text) or "placeholder"; "" where nothing does (PO, XLIFF, TMX, CSV carry no text for it)
    fallback: str = ""
    #: a hand-off: segments without text go out with an empty target, for the translator to fill
    handoff: bool = False
    #: (segment id, language) of every translation that went out
    exported: list[tuple[int, str]] = field(default_factory=list)
    #: open quality-check findings on exported text: (document, position, language, severity, check, message)
    problems: list[tuple[str, int, str, str, str, str]] = field(default_factory=list)
    #: whether the quality checks ran (a hand-off does not check)
    checked: bool = False
    #: not-for-translation segments a rebuilt document (txt, docx, html) left out: (document, position,
    #: reason, first words); page furniture always, the rest only when the user chose to leave it out
    dropped: list[tuple[str, int, str, str]] = field(default_factory=list)
    #: not-for-translation segments a rebuilt document kept as they stand in the source
    kept_as_written: int = 0

    def add_dropped(self, document: str, position: int, reason: str, source: str) -> None:
        """`position` counts from 0, as stored; the report counts from 1, as the editor shows."""
        self.dropped.append((document, position + 1, reason or "not for translation", first_words(source)))

    def summary(self) -> str:
        counts = ", ".join(f"{status} {n}" for status, n in sorted(self.by_status.items()))
        checks = f"; {counted(len(self.problems), 'open QA problem')} on exported text" if self.checked else ""
        return (
            f"{self.path}: {counted(self.entries, 'entry')} ({counts}); {len(self.left_out)} {self._without()}"
            f"{self._not_for_translation()}{checks}"
        )

    def _without(self) -> str:
        if self.handoff:
            return "with an empty target for the translator"
        if self.fallback == "source":
            return "without exported text, written in the source language instead"
        if self.fallback == "placeholder":
            return "without exported text, marked by a placeholder"
        return "without exported text, left out"

    def _not_for_translation(self) -> str:
        if not self.dropped and not self.kept_as_written:
            return ""
        reasons: dict[str, int] = {}
        for _document, _position, reason, _words in self.dropped:
            reasons[reason] = reasons.get(reason, 0) + 1
        why = ", ".join(f"{reason} {n}" for reason, n in reasons.items())
        dropped = (
            f"; {counted(len(self.dropped), 'not-for-translation segment')} left out ({why})" if self.dropped else ""
        )
        kept = (
            f"; {counted(self.kept_as_written, 'not-for-translation segment')} kept as in the source"
            if self.kept_as_written
            else ""
        )
        return kept + dropped

    def lines(self, limit: int = 20) -> list[str]:
        """The summary, then what was left out and the open problems (the first `limit` of each)."""
        out = [self.summary()]
        if self.left_out:
            out.append(f"{self._without()[0].upper()}{self._without()[1:]}:")
            out += [
                f"  {segment_label(document, position - 1)} [{language}] {why}"
                for document, position, language, why in self.left_out[:limit]
            ]
            if len(self.left_out) > limit:
                out.append(f"  … and {len(self.left_out) - limit} more")
        if self.dropped:
            out.append("Not for translation, left out:")
            out += [
                f"  {segment_label(document, position - 1)} {reason}: {words}"
                for document, position, reason, words in self.dropped[:limit]
            ]
            if len(self.dropped) > limit:
                out.append(f"  … and {len(self.dropped) - limit} more")
        if self.problems:
            out.append("Open QA problems on exported text:")
            out += [
                f"  {segment_label(document, position - 1)} [{language}] {severity} {check}: {message}"
                for document, position, language, severity, check, message in self.problems[:limit]
            ]
            if len(self.problems) > limit:
                out.append(f"  … and {len(self.problems) - limit} more")
        return out


def exported_text(
    segment: SegmentRecord, language: str, include_unapproved: bool, report: ExportReport, document: str,
    handoff: bool = False,
) -> str | None:  # fmt: skip
    """The text that goes out for this segment (approved, or translated when asked, or any text at all
    for a hand-off to a translator working elsewhere), counted in the report."""
    translation = segment.translations.get(language)
    report.handoff = report.handoff or handoff
    status = translation.status if translation is not None and translation.text else Status.UNTRANSLATED
    report.by_status[str(status)] = report.by_status.get(str(status), 0) + 1
    if translation is not None and (
        status is Status.APPROVED or (include_unapproved and status is Status.TRANSLATED)
        or (handoff and status is not Status.UNTRANSLATED)
    ):  # fmt: skip
        report.exported.append((segment.id, language))
        return translation.text
    report.left_out.append(
        (document, segment.position + 1, language, NOT_APPROVED if status is Status.TRANSLATED else str(status))
    )
    return None


def add_open_problems(
    project: Project, report: ExportReport, document_id: int | None = None, parallel: bool = True
) -> None:
    """Run the quality checks (ignored findings stay out) and keep those on exported translations;
    `parallel=False` from a process with threads of its own (see `check_project`)."""
    report.checked = True
    if not report.exported:
        return
    languages = sorted({language for _id, language in report.exported})
    wanted = set(report.exported)
    problems = [
        p for p in check_project(project, languages, document_id, parallel=parallel)
        if (p.segment_id, p.language) in wanted
    ]  # fmt: skip
    if not problems:
        return
    places = {
        row[0]: (row[1], row[2] + 1)
        for row in project.connection.execute(
            "SELECT s.id, d.name, s.position FROM segments s JOIN documents d ON d.id = s.document_id "
            "WHERE s.position IS NOT NULL"
        )
    }
    for p in problems:
        document, position = places.get(p.segment_id, ("?", 0))
        report.problems.append((document, position, p.language, p.severity, p.check_id, p.message))
    report.problems.sort(key=lambda row: (row[0], row[1], row[2]))
