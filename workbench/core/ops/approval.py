"""Approval: an editor accepts translated segments; a translator cannot.

Roles come from the settings (or `--as` on the CLI). This is not a security boundary on a shared
desktop, but the record is honest: each approval is a revision with the editor's name and the time,
and only text a person confirmed (status translated) can be approved — never an unreviewed draft.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from workbench.core.errors import WorkbenchError
from workbench.core.records import Origin, SegmentRecord, Status, TranslationState
from workbench.core.store.project_store import Project, now, write_translation
from workbench.core.store.segment_comments import set_comment

EDITOR = "editor"
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


def approve(
    project: Project, language: str, author: str, role: str, document_id: int | None = None,
    segment_ids: Sequence[int] | None = None,
) -> list[int]:  # fmt: skip
    """Approve the translated segments (of a document, a selection, or the project); returns their ids."""
    _editor_only(author, role, "approve")
    approved: list[int] = []
    stamp = now()
    with project.transaction() as db:
        for segment in awaiting_approval(project, language, document_id, segment_ids):
            t = segment.translations[language]
            state = replace(t.state(), status=Status.APPROVED, author=author)
            write_translation(db, segment.id, language, state, stamp, note="approved")
            approved.append(segment.id)
    return approved


def _editor_only(author: str, role: str, what: str) -> None:
    if role != EDITOR:
        who = f"you ({author})" if author else "you"
        raise NotAllowed(f"only an editor can {what}; {who} work as {role!r} (see `settings --role`)")


def approve_edited(project: Project, segment_id: int, language: str, text: str, author: str, role: str) -> None:
    """An editor corrects the translator's text while reviewing and approves the result at once: the
    revision records the editor as author, so the history shows who changed what."""
    _editor_only(author, role, "approve")
    segment = project.segment(segment_id)
    current = segment.translations.get(language)
    if current is None or current.status not in REVIEWABLE or not text.strip():
        raise WorkbenchError(f"segment {segment_id} has no translated text in {language} to approve")
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


def send_back(project: Project, segment_id: int, language: str, comment: str, author: str, role: str) -> None:
    """An editor returns a translation to the translator (status needs-work) with a comment saying why;
    the comment is also the segment's comment, so the translator sees it in the side panel."""
    _editor_only(author, role, "send a translation back")
    if not comment.strip():
        raise WorkbenchError("say what needs work: the comment is what the translator will read")
    current = project.segment(segment_id).translations.get(language)
    if current is None or not current.text:
        raise WorkbenchError(f"segment {segment_id} has no text in {language} to send back")
    with project.transaction() as db:
        state = replace(current.state(), status=Status.NEEDS_WORK, author=author)
        write_translation(db, segment_id, language, state, now(), note=comment)
    set_comment(project, segment_id, language, comment, author)
