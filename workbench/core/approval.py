"""Approval: an editor accepts translated segments; a translator cannot.

Roles come from the settings (or `--as` on the CLI). This is not a security boundary on a shared
desktop, but the record is honest: each approval is a revision with the editor's name and the time,
and only text a person confirmed (status translated) can be approved — never an unreviewed draft.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.core.errors import WorkbenchError
from workbench.core.project_store import Project, now, write_translation
from workbench.core.records import Status

EDITOR = "editor"


class NotAllowed(WorkbenchError):
    """The current role may not do this; the message says who may."""


def approve(
    project: Project, language: str, author: str, role: str, document_id: int | None = None,
    segment_ids: Sequence[int] | None = None,
) -> list[int]:  # fmt: skip
    """Approve the translated segments (of a document, a selection, or the project); returns their ids."""
    if role != EDITOR:
        raise NotAllowed(f"only an editor can approve; {author or 'you'} work as {role!r} (see `settings --role`)")
    if language not in project.info.target_languages:
        raise WorkbenchError(f"{language!r} is not a target language of {project.path.name}")
    wanted = set(segment_ids) if segment_ids is not None else None
    approved: list[int] = []
    stamp = now()
    with project.transaction() as db:
        for segment in project.segments(document_id, Status.TRANSLATED, language):
            if not segment.translatable or (wanted is not None and segment.id not in wanted):
                continue
            t = segment.translations[language]
            write_translation(
                db, segment.id, language, t.text, Status.APPROVED, t.origin, t.origin_detail, author, t.score,
                stamp, note="approved", flags=t.flags,
            )  # fmt: skip
            approved.append(segment.id)
    return approved
