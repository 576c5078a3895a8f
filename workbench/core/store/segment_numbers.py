"""One numbering for the grid, the CLI, QA and exports: a segment is `number` in its document.

`number = position + 1` over the document's live segments (translatable or not), so "le-hoi.docx #8" means
the same in the grid's # column, a QA report, `segments` and `send-back --segments`, whatever filter a
view has on. A removed segment (position NULL) has no number; its id still names it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from workbench.core.errors import ProjectError

if TYPE_CHECKING:
    from workbench.core.store.project_store import Project


#: how a join's revision on the segment it took out begins (then the id it was joined into)
JOINED_INTO = "joined into segment "


def segment_label(document_name: str, position: int) -> str:
    """What a person reads and types back: `"le-hoi.docx #8"` for position 7."""
    return f"{document_name} #{position + 1}"


def labels_for(project: Project, segment_ids: Iterable[int]) -> dict[int, str]:
    """The label of each live segment among `segment_ids` (removed or unknown ids are left out), one query."""
    wanted = list(dict.fromkeys(segment_ids))
    labels: dict[int, str] = {}
    db = project.connection
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        rows = db.execute(
            "SELECT s.id, d.name, s.position FROM segments s JOIN documents d ON d.id = s.document_id"
            f" WHERE s.position IS NOT NULL AND s.id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        for seg_id, name, position in rows:
            labels[seg_id] = segment_label(name, position)
    return labels


def label_of(project: Project, segment_id: int) -> str:
    """The label of one segment, or `"segment <id> (removed)"` for one a re-import or a join took out."""
    return labels_for(project, [segment_id]).get(segment_id, f"segment {segment_id} (removed)")


def how_removed(project: Project, segment_id: int) -> str:
    """Why a removed segment is out of its document, in words: "joined into le-hoi.txt #3" when a join took
    it out (its revision at the moment it was removed says so), else "removed from its document by a re-import"."""
    row = project.connection.execute(
        """SELECT r.note FROM revisions r JOIN segments s ON s.id = r.segment_id
           WHERE s.id = ? AND s.position IS NULL AND r.created_at = s.removed_at AND r.note LIKE ?
           ORDER BY r.id DESC LIMIT 1""",
        (segment_id, JOINED_INTO + "%"),
    ).fetchone()
    into = row[0][len(JOINED_INTO) :] if row is not None else ""
    if into.isdecimal():
        return f"joined into {label_of(project, int(into))}"
    return "removed from its document by a re-import"


def resolve_segment(project: Project, ref: str, document: str | None = None) -> int:
    """The id of the segment `ref` names: `"le-hoi.docx#8"`, `"le-hoi.docx #8"`, `"#8"` or `"8"` in
    `document`, or a bare id (`"123"`) without a document. `"#8"` without a document is accepted when
    the project has one document only. Anything else raises a ProjectError naming `ref`."""
    text = ref.strip()
    doc_part, hash_sign, number_part = text.rpartition("#")
    if not hash_sign:
        number_part = text
    doc_part = doc_part.strip()
    number_part = number_part.strip()
    if not number_part.isdecimal() or not number_part.isascii() or len(number_part) > 18:
        raise ProjectError(
            f"{ref!r} names no segment in {project.path.name}: give an id (123) or a document and number"
            " (le-hoi.docx #8)"
        )
    value = int(number_part)
    if not hash_sign and document is None:
        return _live_id(project, ref, value)
    doc_name = doc_part or document
    if doc_name is None:
        docs = project.documents()
        if len(docs) != 1:
            raise ProjectError(
                f"{ref!r}: say which document of {project.path.name} (e.g. {docs[0].name if docs else 'a.docx'}"
                f" #{value})"
            )
        doc_name = docs[0].name
    return _numbered_id(project, ref, doc_name, value)


def _live_id(project: Project, ref: str, segment_id: int) -> int:
    row = project.connection.execute("SELECT position FROM segments WHERE id = ?", (segment_id,)).fetchone()
    if row is None:
        raise ProjectError(f"there is no segment {ref.strip()!r} in {project.path.name}")
    if row[0] is None:
        raise ProjectError(f"segment {ref.strip()!r} was {how_removed(project, segment_id)}")
    return segment_id


def _numbered_id(project: Project, ref: str, doc_name: str, number: int) -> int:
    doc = project.document(doc_name)
    if doc is None:
        raise ProjectError(f"{ref!r}: {project.path.name} has no document {doc_name!r}")
    row = project.connection.execute(
        "SELECT id FROM segments WHERE document_id = ? AND position = ?", (doc.id, number - 1)
    ).fetchone()
    if number < 1 or row is None:
        raise ProjectError(
            f"{ref!r}: {doc.name} has segments #1 to #{doc.segment_count}"
            if doc.segment_count
            else f"{ref!r}: {doc.name} has no segments"
        )
    return int(row[0])


def resolve_segments(project: Project, refs: Iterable[str], document: str | None = None) -> list[int]:
    """Each of `refs` resolved (see `resolve_segment`), in order, without repeats."""
    return list(dict.fromkeys(resolve_segment(project, ref, document) for ref in refs))
