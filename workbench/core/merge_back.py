"""Merge back a hand-off file (XLIFF 1.2 or PO) that a translator worked on elsewhere.

Reading makes a plan and changes nothing: each unit is matched to its segment by its context id (the
XLIFF unit id, the PO msgctxt) and must carry the same Vietnamese source; then it is new text, the same
text, or a conflict — the segment was approved here, or changed here after the hand-off, and the text
differs. Applying the plan writes, in one transaction, what is not a conflict, plus the conflicts the
editor chose to take. Approved text is never overwritten silently. A file that is unsound as a whole
(malformed, hostile, the wrong language, duplicate ids, nothing of this project) is refused before any
plan is made; units whose source differs are listed and, unless the caller accepts leaving them out,
the whole file is refused (`MismatchedSources`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from workbench.core.errors import ImportProblem, WorkbenchError
from workbench.core.export_report import ExportReport
from workbench.core.importing import read_checked
from workbench.core.language_rules import language_code
from workbench.core.po_export import HANDOFF_HEADER, po_entries
from workbench.core.po_import import parse_po, po_language
from workbench.core.project_store import Project, now, write_translation
from workbench.core.records import Origin, SegmentRecord, Status
from workbench.core.xliff import DONE_STATES, EMPTY_STATES, read_xliff

#: an XLIFF <file target-language="km"> or a PO header "Language: km_KH\n"
_DECLARED = re.compile(rb"""target-language\s*=\s*["']([A-Za-z_-]+)["']|"Language:\s*([A-Za-z_-]+)""")


class Outcome(StrEnum):
    UPDATE = "update"  # new text for the segment
    SAME = "same"  # the segment already has this text
    EMPTY = "empty"  # the unit has no translation
    CONFLICT = "conflict"  # approved or changed here since the hand-off, and different
    MISMATCH = "mismatch"  # the source is not the segment's source (the document changed?)
    UNKNOWN = "unknown"  # no segment of this project has this context id


@dataclass(slots=True)
class MergeRow:
    context: str
    source: str
    text: str
    #: what the unit's own state says: translated, or draft (fuzzy / needs review)
    status: Status
    outcome: Outcome
    segment_id: int | None = None
    current_text: str = ""
    current_status: Status = Status.UNTRANSLATED
    why: str = ""


@dataclass(slots=True)
class MergePlan:
    path: Path
    language: str
    rows: list[MergeRow] = field(default_factory=list)

    def of(self, outcome: Outcome) -> list[MergeRow]:
        return [row for row in self.rows if row.outcome is outcome]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[str(row.outcome)] = counts.get(str(row.outcome), 0) + 1
        return counts


class MismatchedSources(WorkbenchError):
    def __init__(self, plan: MergePlan) -> None:
        rows = plan.of(Outcome.MISMATCH)
        first = "; ".join(f"{r.context}: {r.source[:40]!r}" for r in rows[:3])
        super().__init__(
            f"{plan.path}: {len(rows)} of {len(plan.rows)} units have a Vietnamese source that is not the "
            f"project's ({first}{' …' if len(rows) > 3 else ''}); the document changed since the hand-off, or "
            "the file is of another project. Nothing was merged."
        )
        self.plan = plan


@dataclass(frozen=True, slots=True)
class _Unit:
    context: str
    source: str
    text: str
    status: Status
    #: a PO entry's msgctxt alone: finds a prose segment whose source changed, to list it as mismatched
    loose: str = ""


def plan_merge(project: Project, path: Path, language: str) -> MergePlan:
    """Read the file and match it against the project; raises ImportProblem for an unsound file."""
    if language not in project.info.target_languages:
        raise WorkbenchError(f"{language!r} is not a target language of {project.path.name}")
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlf", ".xliff"):
        units, handed_off, by_context = _xliff_units(project, path, language)
    elif suffix in (".po", ".pot"):
        units, handed_off, by_context = _po_units(project, path, language)
    else:
        raise ImportProblem(str(path), f"cannot be merged back: {suffix or 'no extension'} is not .xlf, .xliff or .po")
    plan = MergePlan(path, language)
    for unit in units:
        segment = by_context.get(unit.context) or (by_context.get(unit.loose) if unit.loose else None)
        if segment is None:
            plan.rows.append(MergeRow(unit.context, unit.source, unit.text, unit.status, Outcome.UNKNOWN))
            continue
        current = segment.translations.get(language)
        row = MergeRow(
            unit.context, unit.source, unit.text, unit.status, Outcome.UPDATE, segment.id,
            current.text if current else "", current.status if current else Status.UNTRANSLATED,
        )  # fmt: skip
        plan.rows.append(row)
        if unit.source.strip() != segment.source.strip():
            row.outcome, row.why = Outcome.MISMATCH, f"the project's source is {segment.source!r}"
        elif not unit.text.strip() or unit.status is Status.UNTRANSLATED:
            row.outcome = Outcome.EMPTY
        elif current is not None and unit.text == current.text and (
            unit.status is not Status.TRANSLATED or current.status in (Status.TRANSLATED, Status.APPROVED)
        ):  # fmt: skip
            row.outcome = Outcome.SAME
        elif current is not None and current.status is Status.APPROVED:
            row.outcome, row.why = Outcome.CONFLICT, f"approved here by {current.author or 'an editor'}"
        elif (
            current is not None and current.text and handed_off and current.updated_at[:19] > handed_off[:19]
            and current.status is not Status.DRAFT
        ):  # fmt: skip
            row.outcome, row.why = Outcome.CONFLICT, f"changed here by {current.author or 'someone'} since the hand-off"
    if plan.rows and not any(row.segment_id is not None for row in plan.rows):
        raise ImportProblem(str(path), f"none of its {len(plan.rows)} units belongs to {project.path.name}")
    return plan


def apply_merge(
    project: Project, plan: MergePlan, author: str, take: Collection[int] = (), skip_mismatched: bool = False
) -> list[int]:
    """Write the plan's updates and the conflicts whose segment ids are in `take`, in one transaction;
    returns the segment ids written. Refuses the whole file while units are mismatched, unless
    `skip_mismatched` (the editor saw the list and leaves them out)."""
    if plan.of(Outcome.MISMATCH) and not skip_mismatched:
        raise MismatchedSources(plan)
    stamp = now()
    written: list[int] = []
    note = f"merged from {plan.path.name}"
    with project.transaction() as db:
        for row in plan.rows:
            if row.segment_id is None:
                continue
            if row.outcome is Outcome.UPDATE or (row.outcome is Outcome.CONFLICT and row.segment_id in take):
                write_translation(
                    db, row.segment_id, plan.language, row.text, row.status, Origin.HUMAN, note, author, None,
                    stamp, note=note,
                )  # fmt: skip
                written.append(row.segment_id)
    return written


def _xliff_units(project: Project, path: Path, language: str) -> tuple[list[_Unit], str, dict[str, SegmentRecord]]:
    files = read_xliff(path, language)
    units: list[_Unit] = []
    for file in files:
        for unit in file.units:
            state = unit.state or ("translated" if unit.target.strip() else "new")
            status = (
                Status.UNTRANSLATED if state in EMPTY_STATES
                else Status.TRANSLATED if state in DONE_STATES or unit.approved
                else Status.DRAFT
            )  # fmt: skip
            units.append(_Unit(unit.id, unit.source, unit.target, status))
    ids = [int(u.context) for u in units if u.context.isdigit()]
    by_context = {str(s.id): s for s in project.segments_by_ids(ids) if s.translatable} if ids else {}
    dates = sorted(f.date for f in files if f.date)
    return units, dates[0] if dates else "", by_context


def _po_units(project: Project, path: Path, language: str) -> tuple[list[_Unit], str, dict[str, SegmentRecord]]:
    _format, data = read_checked(path)
    po, _encoding = parse_po(data, str(path))
    declared = po_language(po.metadata)
    if declared and declared != language:
        raise ImportProblem(str(path), f"is a translation into {declared!r}, not {language!r}")
    units: list[_Unit] = []
    seen: set[tuple[str | None, str]] = set()
    for entry in po:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            raise ImportProblem(str(path), f"has the entry {entry.msgctxt or entry.msgid!r} twice (line {entry.linenum}); refused")  # fmt: skip
        seen.add(key)
        status = Status.DRAFT if "fuzzy" in entry.flags else Status.TRANSLATED
        context = f"{entry.msgctxt}\x04{entry.msgid}"
        loose = f"\x01{entry.msgctxt}" if entry.msgctxt is not None else ""
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
            for number, source in enumerate((entry.msgid, entry.msgid_plural)):
                text = forms[min(number, len(forms) - 1)] if forms else ""
                status_ = status if text else Status.UNTRANSLATED
                units.append(_Unit(f"{context}\x00{number}", source, text, status_, loose and f"{loose}\x00{number}"))
        else:
            units.append(
                _Unit(context, entry.msgid, entry.msgstr, status if entry.msgstr else Status.UNTRANSLATED, loose)
            )
    by_context: dict[str, SegmentRecord] = {}
    contexts: dict[str, int] = {}
    for entry, segments in po_entries(project, language, None, ExportReport(path), handoff=True):
        context = f"{entry.msgctxt}\x04{entry.msgid}"
        keys = [f"{context}\x00{n}" for n in range(len(segments))] if entry.msgid_plural else [context]
        looses = [f"\x01{entry.msgctxt}" + (f"\x00{n}" if entry.msgid_plural else "") for n in range(len(keys))]
        for exact, loose, segment in zip(keys, looses, segments, strict=False):
            by_context[exact] = segment
            if entry.msgctxt is not None:
                contexts[loose] = contexts.get(loose, 0) + 1
                by_context.setdefault(loose, segment)
    for shared, count in contexts.items():  # a msgctxt shared by several entries identifies none of them
        if count > 1:
            del by_context[shared]
    return units, po.metadata.get(HANDOFF_HEADER, ""), by_context


def declared_language(path: Path) -> str:
    """The target language a hand-off file says it holds ("" if it says none or cannot be read): the
    merge dialog starts on it. Reads only the start of the file; the plan reads it all."""
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(16384)
    except OSError:
        return ""
    found = _DECLARED.search(head)
    if found is None:
        return ""
    return language_code((found.group(1) or found.group(2)).decode("ascii"))


def summary(plan: MergePlan) -> str:
    counts = plan.counts()
    parts = [f"{counts.get(str(o), 0)} {label}" for o, label in (
        (Outcome.UPDATE, "to update"), (Outcome.SAME, "unchanged"), (Outcome.EMPTY, "without translation"),
        (Outcome.CONFLICT, "conflicts"), (Outcome.MISMATCH, "with another source"), (Outcome.UNKNOWN, "unknown"),
    )]  # fmt: skip
    return f"{plan.path.name}: {len(plan.rows)} units: " + ", ".join(parts)
