"""Merge back a hand-off file (XLIFF 1.2 or PO) that a translator worked on elsewhere.

Reading makes a plan and changes nothing. Each unit is matched to its segment by its id (the XLIFF unit
id in a <file> we wrote, the PO msgctxt and msgid) when that segment has the unit's Vietnamese source;
otherwise — the file went through another tool that renumbered the ids or dropped the msgctxt
(translate-toolkit's xliff2po and po2xliff) — by its source text within the document: a source that one segment has goes to it, a repeated
source goes to the segments with that source in order. Sources are compared by the memory's matching key
(NFC, spacing, case, tone placement), so an NFD copy or a re-wrapped file is the same file. Each row says
which rule matched it. Then a unit is new text, the same text, or a conflict — the segment was approved
here, or changed here after the hand-off, and the text differs. Two units for one segment (po2xliff with a
template appends the edited copy after the original): the one with new text is planned, the later one when
both have some, the other is listed as a duplicate.

Applying the plan writes, in one transaction, what is not a conflict, plus the conflicts the editor chose
to take. Approved text is never overwritten silently. A file that is unsound as a whole (malformed, hostile,
the wrong language, duplicate ids, nothing of this project) is refused before any plan is made; units whose
source differs are listed and, unless the caller accepts leaving them out, the whole file is refused
(`MismatchedSources`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from workbench.core.changes import SegmentChanges
from workbench.core.counted import plural
from workbench.core.errors import ImportProblem, WorkbenchError
from workbench.core.exporting.export_report import ExportReport
from workbench.core.exporting.po_export import HANDOFF_HEADER, po_entries
from workbench.core.exporting.xliff import DONE_STATES, HEADER_RESTYPE, TOOL_ID, XliffUnit, read_xliff
from workbench.core.exporting.xliff_inline import strip_codes, to_markers
from workbench.core.importing.file_import import read_checked
from workbench.core.importing.po_import import parse_po, plural_texts, po_language
from workbench.core.language.language_rules import language_code
from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.memory.translation_memory import SharedMemory
from workbench.core.ops.memory_learning import learned
from workbench.core.records import Origin, SegmentRecord, Status, TranslationState
from workbench.core.store.project_store import Project
from workbench.core.store.translations import write_translation
from workbench.core.tags.inline_tags import plain_text
from workbench.core.timestamps import now
from workbench.core.user_file import check_regular_file

#: an XLIFF <file target-language="km"> or a PO header "Language: km_KH\n"
_DECLARED = re.compile(rb"""target-language\s*=\s*["']([A-Za-z_-]+)["']|"Language:\s*([A-Za-z_-]+)""")


class Outcome(StrEnum):
    UPDATE = "update"  # new text for the segment
    SAME = "same"  # the segment already has this text
    EMPTY = "empty"  # the unit has no translation
    CONFLICT = "conflict"  # approved or changed here since the hand-off, and different
    MISMATCH = "mismatch"  # the source is not the segment's source (the document changed?)
    UNKNOWN = "unknown"  # no segment of this project has this context id or source
    DUPLICATE = "duplicate"  # another unit of the file brings this segment's text


class Match(StrEnum):
    """Which rule tied a unit to its segment."""

    ID = "id"  # the unit's id (XLIFF) or msgctxt and msgid (PO) is the segment's
    SOURCE = "source"  # the one segment of the document with this source
    ORDER = "source and order"  # the n-th unit with a repeated source is the n-th segment with it
    NONE = ""


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
    matched_by: Match = Match.NONE


@dataclass(slots=True)
class MergePlan:
    path: Path
    language: str
    rows: list[MergeRow] = field(default_factory=list)
    #: what the editor should know about the file as a whole (a hand-off date not trusted)
    notes: list[str] = field(default_factory=list)

    def of(self, outcome: Outcome) -> list[MergeRow]:
        return [row for row in self.rows if row.outcome is outcome]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[str(row.outcome)] = counts.get(str(row.outcome), 0) + 1
        return counts

    def matched(self) -> dict[str, int]:
        """How many units each rule matched ("id", "source", "source and order")."""
        counts: dict[str, int] = {}
        for row in self.rows:
            if row.matched_by is not Match.NONE:
                counts[str(row.matched_by)] = counts.get(str(row.matched_by), 0) + 1
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
    #: the units matched by source together (one XLIFF <file>, the whole PO file)
    scope: str = ""
    #: the id is ours; an id another tool gave (po2xliff numbers its units) names a segment only when no
    #: segment has the unit's source, to list it as mismatched
    own_id: bool = True
    #: an XLIFF unit: its inline elements are xliff_inline codes, made the segment's markers once matched
    coded: bool = False


@dataclass(slots=True)
class _Read:
    """A returned file as units, with what the project offers to match them."""

    units: list[_Unit]
    handed_off: str
    by_context: dict[str, SegmentRecord]
    #: scope -> the segments its units may match by source, in document order (read only when needed)
    candidates: Callable[[str], list[SegmentRecord]]
    #: scope -> a declared source language that is not Vietnamese (judged by whether the sources match)
    foreign: dict[str, str] = field(default_factory=dict)
    path: str = ""
    notes: list[str] = field(default_factory=list)


def plan_merge(project: Project, path: Path, language: str) -> MergePlan:
    """Read the file and match it against the project; raises ImportProblem for an unsound file."""
    if language not in project.info.target_languages:
        raise WorkbenchError(f"{language!r} is not a target language of {project.path.name}")
    path = Path(path)
    check_regular_file(path)  # a folder or a pipe is refused as such, not as an unknown extension
    suffix = path.suffix.lower()
    if suffix in (".xlf", ".xliff"):
        read = _xliff_units(project, path, language)
    elif suffix in (".po", ".pot"):
        read = _po_units(project, path, language)
    else:
        raise ImportProblem(str(path), f"cannot be merged back: {suffix or 'no extension'} is not .xlf, .xliff or .po")
    plan = MergePlan(path, language, notes=read.notes)
    plan.rows = _match(read, language, project.info.source_language)
    _mark_duplicates(plan.rows)
    if plan.rows and not any(row.segment_id is not None for row in plan.rows):
        raise ImportProblem(str(path), f"none of its {len(plan.rows)} units belongs to {project.path.name}")
    return plan


def _match(read: _Read, language: str, source_language: str) -> list[MergeRow]:
    """One row per unit: by id where the id's segment has the unit's source, by source text otherwise."""
    rows: list[MergeRow | None] = [None] * len(read.units)
    claimed: dict[str, set[int]] = {}
    pending: dict[tuple[str, str], list[tuple[int, SegmentRecord | None]]] = {}
    for index, unit in enumerate(read.units):
        segment = read.by_context.get(unit.context) or (read.by_context.get(unit.loose) if unit.loose else None)
        if segment is not None and unit.own_id and _key(unit.source) == _segment_key(segment, unit.coded):
            rows[index] = _row(unit, segment, Match.ID, language, read.handed_off)
            claimed.setdefault(unit.scope, set()).add(segment.id)
        else:
            pending.setdefault((unit.scope, _key(unit.source)), []).append((index, segment))
    by_source: dict[str, dict[str, list[SegmentRecord]]] = {}
    for (scope, key), members in pending.items():
        if scope not in by_source:
            by_source[scope] = {}
            coded = read.units[members[0][0]].coded
            for segment in read.candidates(scope):
                by_source[scope].setdefault(_segment_key(segment, coded), []).append(segment)
        free = [s for s in by_source[scope].get(key, []) if s.id not in claimed.get(scope, set())]
        rule = Match.SOURCE if len(free) == 1 and len(members) == 1 else Match.ORDER
        for number, (index, by_id) in enumerate(members):
            unit = read.units[index]
            if number < len(free):
                rows[index] = _row(unit, free[number], rule, language, read.handed_off)
            elif by_id is not None:
                row = _row(unit, by_id, Match.ID, language, read.handed_off)
                row.outcome, row.why = Outcome.MISMATCH, f"the project's source is {by_id.source!r}"
                rows[index] = row
            else:
                rows[index] = MergeRow(
                    unit.context, strip_codes(unit.source), strip_codes(unit.text), unit.status, Outcome.UNKNOWN
                )
    done = [row for row in rows if row is not None]
    # the scopes with a unit that matched its segment, in one pass (not one pass per declared language)
    sound = {unit.scope for unit, row in zip(read.units, done, strict=True)
             if row.segment_id is not None and row.outcome is not Outcome.MISMATCH}  # fmt: skip
    for scope, declared in read.foreign.items():
        if scope not in sound:
            name = scope.split("\x00", 1)[-1]
            raise ImportProblem(
                read.path, f"<file original={name!r}> has source language {declared!r}, not {source_language!r}"
            )
    return done


def _key(source: str) -> str:
    """A unit's source for matching: the words, without inline codes (an XLIFF's <g>/<x>, a PO's markers
    stay: a PO msgid is the segment's source as written)."""
    return normalize_for_matching(strip_codes(source))


def _segment_key(segment: SegmentRecord, coded: bool) -> str:
    """A segment's source for matching an XLIFF unit's (`coded`: tags dropped, as codes are) or a PO
    entry's (markers kept, as the msgid has them)."""
    return normalize_for_matching(plain_text(segment.source, segment.tags) if coded else segment.source)


def _same_text(a: str, b: str) -> bool:
    """Two translations are the same text when only the Unicode form or the spacing differs (case and
    tone placement are the translator's choice here, unlike in matching sources)."""
    return " ".join(unicodedata.normalize("NFC", a).split()) == " ".join(unicodedata.normalize("NFC", b).split())


def _row(unit: _Unit, segment: SegmentRecord, match: Match, language: str, handed_off: str) -> MergeRow:
    """The unit against its segment: new text, the same, nothing, or a conflict. The file's text equal to
    the segment's is never a conflict: it is the same, or the confirmation of a draft (or of text sent back
    before the hand-off) when the file says a person finished it."""
    current = segment.translations.get(language)
    unit = replace(unit, source=to_markers(unit.source, segment.tags), text=to_markers(unit.text, segment.tags))
    row = MergeRow(
        unit.context, unit.source, unit.text, unit.status, Outcome.UPDATE, segment.id,
        current.text if current else "", current.status if current else Status.UNTRANSLATED, matched_by=match,
    )  # fmt: skip
    changed_since = bool(
        current is not None and current.text and handed_off and current.updated_at[:19] > handed_off[:19]
    )  # fmt: skip
    if not unit.text.strip() or unit.status is Status.UNTRANSLATED:
        row.outcome = Outcome.EMPTY
    elif current is not None and _same_text(unit.text, current.text):
        confirms = unit.status is Status.TRANSLATED and (
            current.status is Status.DRAFT or (current.status is Status.NEEDS_WORK and not changed_since)
        )  # fmt: skip
        row.outcome = Outcome.UPDATE if confirms else Outcome.SAME
    elif current is not None and current.status is Status.APPROVED:
        row.outcome, row.why = Outcome.CONFLICT, f"approved here by {current.author or 'an editor'}"
    elif current is not None and changed_since and current.status is not Status.DRAFT:
        row.outcome, row.why = Outcome.CONFLICT, f"changed here by {current.author or 'someone'} since the hand-off"
    return row


def _mark_duplicates(rows: list[MergeRow]) -> None:
    """Of several units for one segment, plan the one with new text (the later one when both have some)."""
    taking = (Outcome.UPDATE, Outcome.CONFLICT, Outcome.SAME, Outcome.EMPTY)
    by_segment: dict[int, list[int]] = {}
    for index, row in enumerate(rows):
        if row.segment_id is not None and row.outcome in taking:
            by_segment.setdefault(row.segment_id, []).append(index)
    for indexes in by_segment.values():
        if len(indexes) < 2:
            continue
        kept = max(indexes, key=lambda i: (rows[i].outcome in (Outcome.UPDATE, Outcome.CONFLICT), i))
        for index in indexes:
            if index != kept:
                rows[index].outcome = Outcome.DUPLICATE
                rows[index].why = f"unit {_unit_name(rows[kept].context)} of the file is for the same segment"


def _unit_name(context: str) -> str:
    """An XLIFF unit id as it is; a PO entry by its msgctxt (or msgid) and plural form."""
    if "\x04" not in context:
        return repr(context)
    msgctxt, rest = context.split("\x04", 1)
    msgid, _, form = rest.partition("\x00")
    name = msgctxt if msgctxt != "None" else msgid[:40]
    return repr(name) + (f" (plural form {form})" if form else "")


def apply_merge(
    project: Project, plan: MergePlan, author: str, take: Collection[int] = (), skip_mismatched: bool = False,
    memory: SharedMemory | None = None,
) -> SegmentChanges:  # fmt: skip
    """Write the plan's updates and the conflicts whose segment ids are in `take`, in one transaction;
    says which segments were written. Refuses the whole file while units are mismatched, unless
    `skip_mismatched` (the editor saw the list and leaves them out). The shared memory (`memory`, if
    given) learns the text the file says a person finished; its drafts stay out."""
    if plan.of(Outcome.MISMATCH) and not skip_mismatched:
        raise MismatchedSources(plan)
    taken = check_take(plan, take)
    stamp = now()
    written: list[int] = []
    note = f"merged from {plan.path.name}"
    with project.transaction() as db:
        for segment, row in _to_write(plan, taken):
            state = TranslationState(row.text, row.status, Origin.HUMAN, note, author)
            write_translation(db, segment, plan.language, state, stamp, note=note)
            written.append(segment)
    return learned(project, SegmentChanges.of(written, plan.language), memory)


def _to_write(plan: MergePlan, taken: set[int]) -> Iterator[tuple[int, MergeRow]]:
    """The rows a merge writes and their segments, in the file's order: the updates, and the conflicts
    taken (a set: 50,000 taken conflicts are 50,000 look-ups, not 50,000 scans of a list)."""
    for row in plan.rows:
        if row.segment_id is not None and (
            row.outcome is Outcome.UPDATE or (row.outcome is Outcome.CONFLICT and row.segment_id in taken)
        ):
            yield row.segment_id, row


def check_take(plan: MergePlan, take: Collection[int]) -> set[int]:
    """Refuses conflicts to take that are not conflicts of this plan (a mistyped id would otherwise be
    ignored silently, and the editor would believe it was taken); returns them as a set."""
    conflicts = [row.segment_id for row in plan.of(Outcome.CONFLICT)]
    conflict_ids = set(conflicts)
    taken = set(take)
    wrong = [i for i in dict.fromkeys(take) if i not in conflict_ids]
    if wrong:
        raise WorkbenchError(
            f"{plan.path.name}: {plural(len(wrong), 'segment')} {_some(wrong)} {plural(len(wrong), 'is')} "
            f"not a conflict of this merge (its conflicts: {_some(conflicts) or 'none'}); nothing was merged"
        )
    return taken


def _some(ids: Sequence[int | None], shown: int = 10) -> str:
    """The first ids and how many more: a message about 50,000 segments stays one line."""
    listed = ", ".join(str(i) for i in ids[:shown])
    return listed + (f" and {len(ids) - shown:,} more" if len(ids) > shown else "")


def would_write(plan: MergePlan, take: Collection[int] = ()) -> list[int]:
    """The segment ids `apply_merge` would write with `take`: what a dry run reports."""
    return [segment for segment, _row in _to_write(plan, check_take(plan, take))]


def _xliff_status(unit: XliffUnit) -> Status:
    """A target as the peers mean it: translate-toolkit's approved="no" is fuzzy whatever the state says;
    approved="yes", a finished state or no state at all is translated; the other states are drafts."""
    if not unit.target.strip():
        return Status.UNTRANSLATED
    if unit.approved is False:
        return Status.DRAFT
    if unit.approved or not unit.state or unit.state in DONE_STATES:
        return Status.TRANSLATED
    return Status.DRAFT


def _xliff_units(project: Project, path: Path, language: str) -> _Read:
    files = read_xliff(path, language)
    units: list[_Unit] = []
    foreign: dict[str, str] = {}
    scopes: dict[str, str] = {}
    for number, file in enumerate(files):
        scope = f"{number}\x00{file.original}"
        scopes[scope] = file.original
        if file.source_language and file.source_language != project.info.source_language:
            foreign[scope] = file.source_language
        for unit in file.units:
            if unit.restype != HEADER_RESTYPE:
                status = _xliff_status(unit)
                units.append(_Unit(unit.id, unit.source, unit.target, status, scope=scope, own_id=file.tool == TOOL_ID,
                                   coded=True))  # fmt: skip
    ids = [i for i in (segment_id(u.context) for u in units) if i is not None]
    by_context = {str(s.id): s for s in project.segments_by_ids(ids) if s.translatable} if ids else {}
    notes: list[str] = []
    dates = sorted(
        d for d in (_trusted_date(f.date, f"<file original={f.original!r}> date", notes) for f in files) if d
    )

    def candidates(scope: str) -> list[SegmentRecord]:
        """The segments of the document the <file> names, or of the project when it names none of them."""
        document = project.document(scopes[scope]) if scopes[scope] else None
        return [s for s in project.segments(document.id if document else None) if s.translatable]

    return _Read(units, dates[0] if dates else "", by_context, candidates, foreign, str(path), notes)


def _po_units(project: Project, path: Path, language: str) -> _Read:
    _format, data = read_checked(path)
    po, _encoding, warnings = parse_po(data, str(path))
    declared = po_language(po.metadata)
    if declared and declared != language:
        raise ImportProblem(str(path), f"is a translation into {declared!r}, not {language!r}")
    units: list[_Unit] = []
    for entry in po:  # duplicates were refused by the PO reader
        if entry.obsolete:
            continue
        status = Status.DRAFT if "fuzzy" in entry.flags else Status.TRANSLATED
        context = f"{entry.msgctxt}\x04{entry.msgid}"
        loose = f"\x01{entry.msgctxt}" if entry.msgctxt is not None else ""
        if entry.msgid_plural:
            sources = (entry.msgid, entry.msgid_plural)
            for number, (source, text) in enumerate(zip(sources, plural_texts(entry), strict=True)):
                status_ = status if text else Status.UNTRANSLATED
                units.append(_Unit(f"{context}\x00{number}", source, text, status_, loose and f"{loose}\x00{number}"))
        else:
            units.append(
                _Unit(context, entry.msgid, entry.msgstr, status if entry.msgstr else Status.UNTRANSLATED, loose)
            )
    by_context: dict[str, SegmentRecord] = {}
    contexts: dict[str, int] = {}
    handed: list[SegmentRecord] = []
    for entry, segments in po_entries(project, language, None, ExportReport(path), handoff=True):
        handed.extend(segments)
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
    notes = list(warnings)  # the header's charset overruled, say
    handed_off = _trusted_date(po.metadata.get(HANDOFF_HEADER, ""), f"the header's {HANDOFF_HEADER}", notes)
    return _Read(units, handed_off, by_context, lambda _scope: handed, path=str(path), notes=notes)


def segment_id(unit_id: str) -> int | None:
    """An XLIFF unit id as one of our segment ids: ASCII digits within SQLite's integers; anything else
    ("²", "٣", 99999999999999999999, "unit-4") is another tool's id, matched by source text."""
    if not (unit_id.isascii() and unit_id.isdigit()) or len(unit_id) > 18:
        return None
    return int(unit_id)


def _trusted_date(value: str, what: str, notes: list[str]) -> str:
    """The hand-off date as UTC ("2024-11-15T09:30:00+00:00", compared with the segments' change times),
    or "" with a note when it is not a date or lies in the future: a date later than now would make every
    change made here look older than the hand-off, and no conflict would be found."""
    if not value.strip():
        return ""
    unsure = "changes made here since the hand-off cannot be told apart (only approved text is kept as a conflict)"
    try:
        date = datetime.fromisoformat(value.strip().replace(" ", "T", 1))
        date = (date if date.tzinfo is not None else date.replace(tzinfo=UTC)).astimezone(UTC)
    except (ValueError, OverflowError):
        notes.append(f"{what} {value[:40]!r} is not a date: {unsure}")
        return ""
    if date > datetime.now(UTC):
        notes.append(f"{what} {value[:40]!r} is in the future, so it is not trusted: {unsure}")
        return ""
    return date.isoformat(timespec="seconds")


def declared_language(path: Path) -> str:
    """The target language a hand-off file says it holds ("" if it says none or cannot be read): the
    merge dialog starts on it. Reads only the start of the file; the plan reads it all."""
    try:
        check_regular_file(Path(path))  # a named pipe would block the dialog until someone wrote to it
        with Path(path).open("rb") as handle:
            head = handle.read(16384)
    except (OSError, ImportProblem):
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
    if counts.get(str(Outcome.DUPLICATE)):
        parts.append(f"{counts[str(Outcome.DUPLICATE)]} duplicates")
    matched = plan.matched()
    rules = [f"{matched[str(m)]} by {m}" for m in (Match.ID, Match.SOURCE, Match.ORDER) if matched.get(str(m))]
    return (
        f"{plan.path.name}: {len(plan.rows)} units: "
        + ", ".join(parts)
        + (f"; matched {', '.join(rules)}" if rules else "")
    )
