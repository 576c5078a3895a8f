"""Approval: an editor accepts translated segments; a translator cannot.

Roles come from the settings (or `--as` on the CLI). This is not a security boundary on a shared
desktop, but the record is honest: each approval is a revision with the editor's name and the time,
and only text a person confirmed (status translated) can be approved — never an unreviewed draft.
Every approval teaches the shared memory the approved text, when the caller passes it one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from workbench.core.changes import NO_CHANGES, SegmentChanges
from workbench.core.counted import counted, plural
from workbench.core.errors import WorkbenchError
from workbench.core.memory.translation_memory import SharedMemory
from workbench.core.ops.memory_learning import learned
from workbench.core.records import STATUS_BY_VALUE, Origin, Role, SegmentRecord, Status, TranslationState
from workbench.core.store.project_store import Project
from workbench.core.store.segment_comments import comment as comment_of
from workbench.core.store.segment_comments import write_comment
from workbench.core.store.segment_numbers import label_of
from workbench.core.store.translations import write_translation
from workbench.core.team.team_link import read_link, server_says_editor
from workbench.core.timestamps import now

#: what a review looks at: text a person confirmed, and text already approved (an editor may correct it)
REVIEWABLE = (Status.TRANSLATED, Status.APPROVED)


class NotAllowed(WorkbenchError):
    """The current role may not do this; the message says who may."""


def awaiting_approval(
    project: Project, language: str, document_id: int | None = None, segment_ids: Sequence[int] | None = None
) -> list[SegmentRecord]:
    """What an approval would take, in document order: translated text a person confirmed, of segments
    for translation (of a document, a selection, or the project). Review mode steps through the same."""
    if language not in project.info.target_languages:
        raise WorkbenchError(f"{language!r} is not a target language of {project.path.name}")
    wanted = set(segment_ids) if segment_ids is not None else None
    return [
        s for s in project.segments(document_id, Status.TRANSLATED, language)
        if s.translatable and (wanted is None or s.id in wanted)
    ]  # fmt: skip


def approval_blockers(
    project: Project, language: str, document_id: int | None = None, segment_ids: Sequence[int] | None = None
) -> dict[Status, int]:
    """How many segments for translation (of a document, a selection, or the project) are in each status in
    `language`: what an approval that found nothing to take says instead of a bare "0 approved"."""
    counts = dict.fromkeys(Status, 0)
    sql = (
        "SELECT coalesce(t.status, 'untranslated'), count(*) FROM segments s LEFT JOIN translations t"
        " ON t.segment_id = s.id AND t.language = ? WHERE s.position IS NOT NULL AND s.translatable = 1"
    )
    args: list[object] = [language]
    if document_id is not None:
        sql += " AND s.document_id = ?"
        args.append(document_id)
    chunks = [list(segment_ids[i : i + 900]) for i in range(0, len(segment_ids), 900)] if segment_ids else [[]]
    for chunk in chunks if segment_ids is not None else [[]]:
        where = f" AND s.id IN ({','.join('?' * len(chunk))})" if segment_ids is not None else ""
        for status, count in project.connection.execute(f"{sql}{where} GROUP BY 1", [*args, *chunk]):
            counts[STATUS_BY_VALUE[status]] += count
    return counts


def why_nothing_approved(counts: dict[Status, int]) -> str:
    """Why nothing was left to approve, in words: "15 drafts are not confirmed yet, 2 segments need work"."""
    parts = []
    if counts.get(Status.DRAFT):
        n = counts[Status.DRAFT]
        parts.append(f"{counted(n, 'draft')} {plural(n, 'is')} not confirmed yet (a person confirms a draft first)")
    if counts.get(Status.UNTRANSLATED):
        n = counts[Status.UNTRANSLATED]
        parts.append(f"{counted(n, 'segment')} {plural(n, 'is')} untranslated")
    if counts.get(Status.NEEDS_WORK):
        n = counts[Status.NEEDS_WORK]
        parts.append(
            f"{counted(n, 'segment')} {plural(n, 'was', 'were')} sent back and {plural(n, 'needs', 'need')} work"
        )
    if counts.get(Status.APPROVED):
        n = counts[Status.APPROVED]
        parts.append(f"{counted(n, 'segment')} {plural(n, 'is')} already approved")
    return ", ".join(parts) if parts else "there are no segments for translation"


def may_approve(role: str) -> bool:
    """Whether `role` (as the settings and `--as` hold it) may approve and send back: an editor's only."""
    return role == Role.EDITOR


def approve(
    project: Project, language: str, author: str, role: str, document_id: int | None = None,
    segment_ids: Sequence[int] | None = None, memory: SharedMemory | None = None,
) -> SegmentChanges:  # fmt: skip
    """Approve the translated segments (of a document, a selection, or the project), in one transaction;
    the shared memory (`memory`, if given) learns their text."""
    _editor_only(project, author, role, "approve")
    approved: list[int] = []
    stamp = now()
    with project.transaction() as db:
        for segment in awaiting_approval(project, language, document_id, segment_ids):
            t = segment.translations[language]
            state = replace(t.state(), status=Status.APPROVED, author=author)
            write_translation(db, segment.id, language, state, stamp, note="approved")
            approved.append(segment.id)
    return learned(project, SegmentChanges.of(approved, language), memory)


def _editor_only(project: Project, author: str, role: str, what: str) -> None:
    """The settings' role first; on a team project, then the team server's word (as of the last get or
    sync): a translator of it cannot approve on the desktop what the server would not take as approved."""
    if not may_approve(role):
        who = f"you ({author})" if author else "you"
        raise NotAllowed(f"only an editor can {what}; {who} work as {role!r} (see `settings --role`)")
    if server_says_editor(project.connection) is False:
        link = read_link(project.connection)
        login, name = (link.login, link.project_name) if link else ("", project.info.name)
        raise NotAllowed(
            f"only an editor of the team project can {what}: the team server says {login} is not an editor of "
            f"{name} (an administrator makes one with `team add-user {login} --role editor --project {name}`, "
            "then `team sync`)"
        )


def approve_edited(
    project: Project, segment_id: int, language: str, text: str, author: str, role: str,
    memory: SharedMemory | None = None,
) -> SegmentChanges:  # fmt: skip
    """An editor corrects the translator's text while reviewing and approves the result at once: the
    revision records the editor as author, so the history shows who changed what."""
    _editor_only(project, author, role, "approve")
    segment = project.segment(segment_id)
    current = segment.translations.get(language)
    if current is None or current.status not in REVIEWABLE or not text.strip():
        raise WorkbenchError(f"{label_of(project, segment_id)} has no translated text in {language} to approve")
    unchanged = text == current.text
    with project.transaction() as db:
        state = (
            replace(current.state(), status=Status.APPROVED, author=author)
            if unchanged
            else TranslationState(text, Status.APPROVED, Origin.HUMAN, author=author)
        )
        write_translation(
            db, segment_id, language, state, now(), note="approved" if unchanged else "edited and approved"
        )
    return learned(project, SegmentChanges.of([segment_id], language), memory)


def approve_reviewed(
    project: Project, segment_id: int, language: str, text: str, author: str, role: str,
    memory: SharedMemory | None = None,
) -> SegmentChanges:  # fmt: skip
    """Review mode's Approve with the text the editor has in front of them: the translator's confirmed
    text unchanged is approved as it is (it keeps its origin, and the approval skips it quietly if it
    changed meanwhile); corrected text, or text approved before, is approved as the editor's edit."""
    segment = project.segment(segment_id)
    current = segment.translations.get(language)
    if current is not None and text == current.text and current.status is Status.TRANSLATED:
        return approve(project, language, author, role, segment.document_id, [segment_id], memory)
    return approve_edited(project, segment_id, language, text, author, role, memory)


def send_back(project: Project, segment_id: int, language: str, comment: str, author: str, role: str) -> SegmentChanges:
    """An editor returns a translation to the translator (status needs-work) with a comment saying why;
    the comment is also the segment's comment, so the translator sees it in the side panel. The status
    and the comment are written in one transaction: never one without the other. Sending back again a
    segment already sent back replaces its comment (the translator reads the newest reason); with the
    same comment it changes nothing (NO_CHANGES)."""
    _editor_only(project, author, role, "send a translation back")
    if not comment.strip():
        raise WorkbenchError("say what needs work: the comment is what the translator will read")
    current = project.segment(segment_id).translations.get(language)
    if current is None or not current.text:
        raise WorkbenchError(f"{label_of(project, segment_id)} has no text in {language} to send back")
    if was_sent_back(project, segment_id, language) and comment_of(project, segment_id, language) == comment:
        return NO_CHANGES  # sent back already, for this very reason: a second revision would say nothing new
    stamp = now()
    with project.transaction() as db:
        state = replace(current.state(), status=Status.NEEDS_WORK, author=author)
        write_translation(db, segment_id, language, state, stamp, note=comment)
        write_comment(db, segment_id, language, comment, author, stamp)
    return SegmentChanges.of([segment_id], language)


def was_sent_back(project: Project, segment_id: int, language: str) -> bool:
    """Whether the segment's translation in `language` waits for the translator (status needs-work): what
    a second send-back tells the editor instead of repeating it silently."""
    current = project.segment(segment_id).translations.get(language)
    return current is not None and current.status is Status.NEEDS_WORK
