"""Split and join segments within a paragraph: where a segment ends, changed by a person (memoQ, Trados).

Split: the segment keeps its id for the first part; its translations stay there as drafts to review (they
were of the whole text) and the second part is a new, untranslated segment. Join: a segment with the next
live one of the same paragraph; sources are joined with the first's space, translations with a space
(Khmer too: Khmer writes a space between sentences), and the joined status is the lower of the two. Each is
one transaction, leaves positions dense (a segment's number is its position + 1), is written in the
revisions, and returns what its undo needs; the undo puts the rows back exactly (the second segment of a
join gets its id and history back), and is refused, changing nothing, once anything was written on the
segments since (a translation, a comment: putting the old rows back would lose it). PO entries (segments with a context key) are not split or joined: the
entry is the unit a PO file round-trips. Tags (core/tags/tag_cuts): a split keeps markers whole and
gives each part the map of the tags it uses, a pair cut in two closed and reopened; a join renumbers the
second segment's tags after the first's, in its source and its translations, and merges the two maps.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from typing import Any

from workbench.core.changes import SegmentChanges
from workbench.core.errors import ProjectError
from workbench.core.ops.segment_rows import (
    StoredSegment,
    Trace,
    changed_since,
    note_revision,
    restore_comments,
    restore_segment,
    stored_comments,
    stored_segment,
    stored_translations,
    trace,
)
from workbench.core.records import CONFIRMED, Origin, Status, TranslationState
from workbench.core.store.project_store import Project
from workbench.core.store.segment_numbers import JOINED_INTO, how_removed, label_of
from workbench.core.store.translations import write_translation
from workbench.core.tags.inline_tags import TagMap, markers, plain_text, tags_from_json, tags_to_json
from workbench.core.tags.tag_cuts import (
    cut_tagged,
    renumbered,
    renumbered_map,
    renumbered_offsets,
    renumbering,
    snap_cut,
    without_tags,
)
from workbench.core.timestamps import now

#: the flag a split leaves on the first part's translations
SPLIT_FLAG = "segment split: this translation was of the whole text; review it"
#: the flag a join leaves where two translations became one
JOIN_FLAG = "segments joined: check the two translations read as one"
#: a cut may fall right after these even without a space (two sentences run together)
_SENTENCE_END = ".!?…;:"


@dataclass(frozen=True, slots=True)
class SplitResult:
    """What a split did: `segment_id` holds the first part, `new_segment_id` the second; `at` is the cut
    made in the old source (after snapping); `before` and `translations` are the rows undo puts back, `left`
    what the split left on the two parts (undo refuses once they changed)."""

    segment_id: int
    new_segment_id: int
    at: int
    before: StoredSegment
    translations: dict[str, TranslationState]
    changes: SegmentChanges
    left: Trace | None = None


@dataclass(frozen=True, slots=True)
class JoinResult:
    """What a join did: `segment_id` holds both texts now, `removed_id` was taken out (position NULL); the
    first's rows from before (its comments too: the second's were added to them) are what undo puts back."""

    segment_id: int
    removed_id: int
    before: StoredSegment
    removed_before: StoredSegment
    translations: dict[str, TranslationState]
    changes: SegmentChanges
    comments: dict[str, tuple[str, str, str]]
    left: Trace | None = None


def split_point(source: str, spans: list[tuple[str, int, int]], at: int, name: str, tags: TagMap | None = None) -> int:
    """Where a cut asked at `at` falls: moved out of a word to its nearer edge, refused at the start or the
    end, or inside a protected span (a number, a date, a code must stay whole). `spans` are (kind, start,
    end); `name` names the segment in the messages. With `tags` (the segment's map) `at` counts in the
    source as stored and shown, markers included: a cut is moved out of a marker, a tag does not end a word,
    and markers at the cut go with the words they mark (tag_cuts.snap_cut)."""
    if at <= 0 or at >= len(source):
        raise ProjectError(f"cannot split {name} at its start or its end: put the cursor inside the text")
    _outside_spans(source, spans, at, name)
    cut = at
    if tags and markers(source, tags):
        cut = snap_cut(source, tags, at, _SENTENCE_END)
    elif not source[cut - 1].isspace() and not source[cut].isspace() and source[cut - 1] not in _SENTENCE_END:
        start, end = cut, cut
        while start > 0 and not source[start - 1].isspace():
            start -= 1
        while end < len(source) and not source[end].isspace():
            end += 1
        cut = start if cut - start <= end - cut else end
    _outside_spans(source, spans, cut, name)
    words = (lambda text: plain_text(text, tags)) if tags else (lambda text: text)
    if not words(source[:cut]).strip() or not words(source[cut:]).strip():
        raise ProjectError(f"cannot split {name} there: one part would have no words; move the cursor")
    return cut


def _outside_spans(source: str, spans: list[tuple[str, int, int]], cut: int, name: str) -> None:
    for kind, start, end in spans:
        if start < cut < end:
            raise ProjectError(f"cannot split {name} inside {source[start:end]!r} (a {kind}): it must stay whole")


def _spans(stored: StoredSegment) -> list[tuple[str, int, int]]:
    try:
        return [(str(kind), int(start), int(end)) for kind, start, end in json.loads(stored.spans)]
    except (ValueError, TypeError) as exc:
        raise ProjectError(f"segment {stored.id} has protected spans the workbench cannot read") from exc


def _meta(stored: StoredSegment) -> dict[str, Any]:
    try:
        meta = json.loads(stored.meta or "{}")
    except ValueError as exc:
        raise ProjectError(f"segment {stored.id} has details the workbench cannot read") from exc
    return meta if isinstance(meta, dict) else {}


def _meta_json(meta: dict[str, Any], tags: TagMap) -> str:
    """The meta with `tags` as its tag map (none: no "tags" key)."""
    out = {k: v for k, v in meta.items() if k != "tags"}
    if tags:
        out["tags"] = tags_to_json(tags)
    return json.dumps(out, ensure_ascii=False) if out else "{}"


def _spans_json(spans: list[tuple[str, int, int]]) -> str:
    return json.dumps([list(span) for span in spans]) if spans else "[]"


def _live(db: sqlite3.Connection, project: Project, segment_id: int) -> StoredSegment:
    stored = stored_segment(db, segment_id)
    if stored is None:
        raise ProjectError(f"there is no segment {segment_id} in {project.path.name}")
    if stored.position is None:
        raise ProjectError(f"segment {segment_id} of {project.path.name} was {how_removed(project, segment_id)}")
    if stored.context_key:
        raise ProjectError(f"{label_of(project, segment_id)} is a PO entry: its text is split or joined in the PO file")
    return stored


def next_segment(project: Project, segment_id: int) -> int | None:
    """The live segment after `segment_id` in its document (None: it is the last, or not live)."""
    row = project.connection.execute(
        """SELECT n.id FROM segments s JOIN segments n ON n.document_id = s.document_id AND n.position = s.position + 1
           WHERE s.id = ? AND s.position IS NOT NULL""",
        (segment_id,),
    ).fetchone()
    return None if row is None else int(row[0])


def split_segment(project: Project, segment_id: int, at: int, author: str, new_id: int | None = None) -> SplitResult:
    """Split the segment at character `at` of its source (snapped out of a word); `new_id` is for redo, which
    gives the second part the id it had. A bad place is refused with a message naming the segment."""
    name = label_of(project, segment_id)
    stamp = now()
    with project.transaction() as db:
        before = _live(db, project, segment_id)
        assert before.position is not None
        spans = _spans(before)
        meta = _meta(before)
        tags = tags_from_json(meta.get("tags"))
        cut = split_point(before.source, spans, at, name, tags)
        if tags:
            parts = cut_tagged(before.source, tags, cut)
            left, space, right, shift = parts.left, parts.space, parts.right, parts.reopened
            metas = (_meta_json(meta, parts.left_tags), _meta_json(meta, parts.right_tags))
            first_tags = parts.left_tags
        else:
            left, right, shift = before.source[:cut].rstrip(), before.source[cut:].lstrip(), 0
            space = before.source[len(left) : len(before.source) - len(right)]
            metas, first_tags = (before.meta, before.meta), {}
        right_start = len(before.source) - len(right) + shift
        translations = stored_translations(db, segment_id)
        if new_id is None:
            new_id = int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM segments").fetchone()[0])
        elif stored_segment(db, new_id) is not None:
            raise ProjectError(f"cannot split {name} again: the id its second part had is taken by another segment")
        first = replace(
            before,
            source=left,
            words=len(left.split()),
            space_after=space,
            spans=_spans_json([s for s in spans if s[2] <= cut]),
            meta=metas[0],
        )
        second = replace(
            before,
            id=new_id,
            position=before.position + 1,
            source=right,
            words=len(right.split()),
            spans=_spans_json([(k, s - right_start + shift, e - right_start + shift) for k, s, e in spans if s >= cut]),
            meta=metas[1],
            created_at=stamp,
        )
        db.execute(
            "UPDATE segments SET position = position + 1 WHERE document_id = ? AND position > ?",
            (before.document_id, before.position),
        )
        restore_segment(db, first)
        restore_segment(db, second)
        note = f"split at character {cut}: the second part is segment {new_id}"
        for language in project.info.target_languages:
            state = translations.get(language)
            if state is not None and state.text:
                flags = state.flags if SPLIT_FLAG in state.flags else (*state.flags, SPLIT_FLAG)
                text = without_tags(state.text, tags, first_tags) if tags else state.text
                kept = replace(state, text=text, status=Status.DRAFT, flags=flags)
                write_translation(db, segment_id, language, kept, stamp, note)
            else:
                note_revision(db, segment_id, language, state, note, stamp)
            note_revision(db, new_id, language, None, f"split from segment {segment_id}", stamp)
        made = trace(db, (segment_id, new_id))
    changes = SegmentChanges((segment_id, new_id), project.info.target_languages, documents=True)
    return SplitResult(segment_id, new_id, cut, before, translations, changes, made)


def undo_split(project: Project, result: SplitResult, author: str) -> SegmentChanges:
    """Join the two parts back: the first segment's row and translations exactly as before the split, the
    second part (made by the split) gone. Refused, changing nothing, when either part was written on since
    the split (its translation, comment or revisions would be lost): a join keeps that work."""
    with project.transaction() as db:
        first = stored_segment(db, result.segment_id)
        second = stored_segment(db, result.new_segment_id)
        old = result.before
        if (
            first is None or second is None or old.position is None
            or first.position != old.position or second.position != old.position + 1
        ):  # fmt: skip
            raise ProjectError(
                f"cannot undo the split of {label_of(project, result.segment_id)}: its document changed since"
            )
        if result.left is not None and changed_since(db, (result.segment_id, result.new_segment_id), result.left):
            raise ProjectError(
                f"cannot undo the split of {label_of(project, result.segment_id)}: its parts were edited since"
                " (a translation or a comment); undoing would lose that work. Join the two parts instead."
            )
        db.execute("DELETE FROM segments WHERE id = ?", (result.new_segment_id,))
        db.execute(
            "UPDATE segments SET position = position - 1 WHERE document_id = ? AND position > ?",
            (old.document_id, old.position + 1),
        )
        restore_segment(db, old)
        _restore_translations(db, project, result.segment_id, result.translations, "undo split", now())
    return SegmentChanges((result.segment_id,), project.info.target_languages, documents=True)


def _restore_translations(
    db: sqlite3.Connection, project: Project, segment_id: int, before: dict[str, TranslationState], note: str,
    stamp: str,
) -> None:  # fmt: skip
    now_there = stored_translations(db, segment_id)
    for language in project.info.target_languages:
        state = before.get(language)
        if state is not None:
            if now_there.get(language) != state:
                write_translation(db, segment_id, language, state, stamp, note)
        elif language in now_there:
            db.execute("DELETE FROM translations WHERE segment_id = ? AND language = ?", (segment_id, language))
            note_revision(db, segment_id, language, None, note, stamp)


def join_segments(project: Project, first_id: int, author: str) -> JoinResult:
    """Join the segment with the next one of its paragraph; refused, naming the segment, when there is none
    (the last of its document, or the next one starts another paragraph)."""
    name = label_of(project, first_id)
    stamp = now()
    with project.transaction() as db:
        first = _live(db, project, first_id)
        assert first.position is not None
        row = db.execute(
            "SELECT id FROM segments WHERE document_id = ? AND position = ?", (first.document_id, first.position + 1)
        ).fetchone()
        if row is None:
            raise ProjectError(f"cannot join {name}: it is the last segment of its document")
        second = _live(db, project, row[0])
        if second.paragraph != first.paragraph:
            raise ProjectError(
                f"cannot join {name} with {label_of(project, second.id)}: the next segment starts another paragraph"
            )
        first_meta, second_meta = _meta(first), _meta(second)
        first_tags, second_tags = tags_from_json(first_meta.get("tags")), tags_from_json(second_meta.get("tags"))
        try:
            numbers = renumbering(first_tags, second_tags)
        except ValueError as exc:
            raise ProjectError(f"cannot join {name} with {label_of(project, second.id)}: {exc}") from exc
        second_source, moved = second.source, (lambda at: at)
        if second_tags:
            second_source = renumbered(second.source, second_tags, numbers)
            moved = renumbered_offsets(second.source, second_tags, numbers)
        offset = len(first.source) + len(first.space_after)
        spans = _spans(first) + [(k, moved(s) + offset, moved(e) + offset) for k, s, e in _spans(second)]
        source = first.source + first.space_after + second_source
        joined = replace(
            first,
            source=source,
            meta=_meta_json(first_meta, {**first_tags, **renumbered_map(second_tags, numbers)})
            if second_tags
            else first.meta,
            words=len(source.split()),
            space_after=second.space_after,
            spans=_spans_json(spans),
            translatable=max(first.translatable, second.translatable),
            translatable_by_user=max(first.translatable_by_user, second.translatable_by_user),
            skip_reason=first.skip_reason if first.translatable or not second.translatable else second.skip_reason,
        )
        before = stored_translations(db, first.id)
        seconds = stored_translations(db, second.id)
        db.execute("UPDATE segments SET position = NULL, removed_at = ? WHERE id = ?", (stamp, second.id))
        db.execute(
            "UPDATE segments SET position = position - 1 WHERE document_id = ? AND position > ?",
            (first.document_id, second.position),
        )
        restore_segment(db, joined)
        note = f"joined with segment {second.id}"
        for language in project.info.target_languages:
            then = seconds.get(language)
            if then is not None and second_tags:
                then = replace(then, text=renumbered(then.text, second_tags, numbers))
            state = joined_translation(before.get(language), then, author)
            if state is None:
                note_revision(db, first.id, language, before.get(language), note, stamp)
            else:
                write_translation(db, first.id, language, state, stamp, note)
            note_revision(db, second.id, language, seconds.get(language), f"{JOINED_INTO}{first.id}", stamp)
        comments = stored_comments(db, first.id)
        restore_comments(db, first.id, joined_comments(comments, stored_comments(db, second.id), author, stamp))
        left = trace(db, (first.id, second.id))
    changes = SegmentChanges((first.id,), project.info.target_languages, documents=True)
    return JoinResult(first.id, second.id, first, second, before, changes, comments, left)


def joined_comments(
    first: dict[str, tuple[str, str, str]], second: dict[str, tuple[str, str, str]], author: str, stamp: str
) -> dict[str, tuple[str, str, str]]:
    """The second segment's comments added under the first's, so a note on either stays in sight."""
    joined = dict(first)
    for language, (text, _author, _stamp) in second.items():
        kept = first.get(language)
        joined[language] = (f"{kept[0]}\n{text}", author, stamp) if kept else second[language]
    return joined


def undo_join(project: Project, result: JoinResult, author: str) -> SegmentChanges:
    """Split the joined segment back: both rows exactly as before, the second with its id and history.
    Refused, changing nothing, when the joined segment was written on since the join (that work would be lost)."""
    with project.transaction() as db:
        joined = stored_segment(db, result.segment_id)
        removed = stored_segment(db, result.removed_id)
        old = result.before
        if joined is None or removed is None or removed.position is not None or joined.position != old.position:
            raise ProjectError(
                f"cannot undo the join of {label_of(project, result.segment_id)}: its document changed since"
            )
        if result.left is not None and changed_since(db, (result.segment_id, result.removed_id), result.left):
            raise ProjectError(
                f"cannot undo the join of {label_of(project, result.segment_id)}: the joined segment was edited since"
                " (a translation or a comment); undoing would lose that work. Split it again instead."
            )
        assert old.position is not None
        db.execute(
            "UPDATE segments SET position = position + 1 WHERE document_id = ? AND position > ?",
            (old.document_id, old.position),
        )
        restore_segment(db, old)
        restore_segment(db, result.removed_before)
        stamp = now()
        _restore_translations(db, project, result.segment_id, result.translations, "undo join", stamp)
        restore_comments(db, result.segment_id, result.comments)
        for language in project.info.target_languages:
            note_revision(db, result.removed_id, language, None, f"undo join: back from segment {old.id}", stamp)
    return SegmentChanges((result.segment_id, result.removed_id), project.info.target_languages, documents=True)


def joined_translation(
    first: TranslationState | None, second: TranslationState | None, author: str
) -> TranslationState | None:
    """One translation of two: texts joined with a space, the lower status of the two (approved only if both
    were, translated if both were confirmed, needs-work if an editor sent either back, else a draft). None
    when neither has text."""
    parts = [t for t in (first, second) if t is not None and t.text]
    if not parts:
        return None
    text = parts[0].text
    if len(parts) == 2:
        text += ("" if text[-1].isspace() else " ") + parts[1].text
    statuses = [t.status if t is not None and t.text else Status.UNTRANSLATED for t in (first, second)]
    if all(s is Status.APPROVED for s in statuses):
        status = Status.APPROVED
    elif all(s in CONFIRMED for s in statuses):
        status = Status.TRANSLATED
    elif Status.NEEDS_WORK in statuses:
        status = Status.NEEDS_WORK
    else:
        status = Status.DRAFT
    origins = {t.origin for t in parts}
    origin = parts[0].origin if len(origins) == 1 else Origin.HUMAN if Origin.HUMAN in origins else parts[0].origin
    details = {t.origin_detail for t in parts}
    flags = tuple(dict.fromkeys(f for t in parts for f in t.flags))
    if len(parts) == 2:
        flags = tuple(dict.fromkeys((*flags, JOIN_FLAG)))
    return TranslationState(text, status, origin, details.pop() if len(details) == 1 else "", author, None, flags)
