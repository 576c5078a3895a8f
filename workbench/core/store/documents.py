"""Documents in a project: storing an import, updating a re-imported one in place, its paragraphs."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from workbench.core.cycle_collection import without_cycle_collection
from workbench.core.errors import ProjectError
from workbench.core.memory.concordance_index import bulk_inserts
from workbench.core.records import (
    BlockKind,
    DocumentInfo,
    Origin,
    ParagraphRecord,
    PreparedDocument,
    PreparedSegment,
    SegmentRecord,
    Status,
    TranslationState,
)
from workbench.core.store.document_merge import OldSegment, plan_merge
from workbench.core.store.project_health import stored_values
from workbench.core.store.segment_queries import SegmentQueries
from workbench.core.store.translations import write_translation
from workbench.core.timestamps import now


@dataclass(frozen=True, slots=True)
class StoreResult:
    """What storing a document changed (the grid refreshes from it, the CLI prints it)."""

    document_id: int
    created: bool
    added: int
    unchanged: int
    changed: int
    removed: int
    imported_translations: int


def _word_count(text: str) -> int:
    return len(text.split())


class DocumentStore(SegmentQueries):
    """The documents of a project and their structure; a re-import keeps every translation it can."""

    def documents(self) -> list[DocumentInfo]:
        rows = self._db.execute(
            """SELECT d.*, (SELECT count(*) FROM segments s WHERE s.document_id = d.id AND s.position IS NOT NULL)
                   AS segment_count
               FROM documents d ORDER BY d.id"""
        ).fetchall()
        return [self._document_info(r) for r in rows]

    def document(self, name_or_id: str | int) -> DocumentInfo | None:
        for doc in self.documents():
            if doc.name == name_or_id or doc.id == name_or_id or str(doc.id) == str(name_or_id):
                return doc
        return None

    def document_id(self, name: str | None) -> int | None:
        """The id of the named document, None for no name (the whole project); an unknown name is an error."""
        if not name:
            return None
        found = self.document(name)
        if found is None:
            raise ProjectError(f"{self.path.name} has no document {name!r}")
        return found.id

    @staticmethod
    def _document_info(row: sqlite3.Row) -> DocumentInfo:
        return DocumentInfo(
            id=row["id"],
            name=row["name"],
            format=row["format"],
            encoding=row["encoding"],
            source_path=row["source_path"],
            imported_at=row["imported_at"],
            updated_at=row["updated_at"],
            segment_count=row["segment_count"],
        )

    def store_document(self, prepared: PreparedDocument, author: str = "") -> StoreResult:
        """Add a new document, or update a re-imported one in place, in one transaction.

        The concordance indexes the new segments in one statement at the end (one trigger call per row
        costs about 80 us, five times the rest of an import): every segment inserted here has a new id
        above the largest, and no source is updated (a changed segment is a new row). The cycle collector
        is off meanwhile: the rows are many small tuples with no cycles, and with a large document's
        segments alive, each of its passes walks them all for nothing."""
        stamp = now()
        with without_cycle_collection(), self.transaction() as db, bulk_inserts(db, "segments"):
            existing = db.execute("SELECT id FROM documents WHERE name = ?", (prepared.name,)).fetchone()
            if existing is None:
                doc_id = db.execute(
                    """INSERT INTO documents(name, format, encoding, source_path, properties, imported_at,
                       updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    (
                        prepared.name,
                        prepared.format,
                        prepared.encoding,
                        prepared.source_path,
                        json.dumps(prepared.properties, ensure_ascii=False),
                        stamp,
                        stamp,
                    ),
                ).lastrowid
                assert doc_id is not None
                self._write_paragraphs(db, doc_id, prepared)
                _ids, imported = self._insert_segments(db, doc_id, list(enumerate(prepared.segments)), stamp, author)
                return StoreResult(doc_id, True, len(prepared.segments), 0, 0, 0, imported)
            doc_id = existing["id"]
            return self._update_document(db, doc_id, prepared, stamp, author)

    def _write_paragraphs(self, db: sqlite3.Connection, doc_id: int, prepared: PreparedDocument) -> None:
        db.execute("DELETE FROM paragraphs WHERE document_id = ?", (doc_id,))
        db.executemany(
            "INSERT INTO paragraphs(document_id, idx, kind, level, meta) VALUES (?, ?, ?, ?, ?)",
            [
                (doc_id, i, str(b.kind), b.level, json.dumps(b.meta, ensure_ascii=False))
                for i, b in enumerate(prepared.blocks)
            ],
        )

    def _insert_segments(
        self,
        db: sqlite3.Connection,
        doc_id: int,
        items: Sequence[tuple[int, PreparedSegment]],
        stamp: str,
        author: str,
    ) -> tuple[list[int], int]:
        """Insert (position, segment) pairs with a translation row per target language, in bulk.

        Returns the new ids and how many translations came with the file."""
        first_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM segments").fetchone()[0]
        encoded: dict[int, str] = {}
        ids = list(range(first_id, first_id + len(items)))
        db.executemany(
            """INSERT INTO segments(id, document_id, position, paragraph, source, words, space_after, translatable,
               skip_reason, spans, context_key, meta, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                (
                    seg_id,
                    doc_id,
                    position,
                    seg.paragraph,
                    seg.source,
                    _word_count(seg.source),
                    seg.space_after,
                    int(seg.translatable),
                    seg.skip_reason,
                    json.dumps([s.to_json() for s in seg.spans]) if seg.spans else "[]",
                    seg.context_key,
                    _meta_json(seg.meta, encoded),
                    stamp,
                )
                for seg_id, (position, seg) in zip(ids, items, strict=True)
            ],
        )
        imported = 0
        for seg_id, (_position, seg) in zip(ids, items, strict=True):
            for found in seg.translations:
                if found.language in self.info.target_languages and found.text:
                    state = TranslationState(found.text, found.status, Origin.IMPORT, author=found.author or author)
                    write_translation(db, seg_id, found.language, state, stamp, note="imported with the source file")
                    imported += 1
        return ids, imported

    def _update_document(
        self, db: sqlite3.Connection, doc_id: int, prepared: PreparedDocument, stamp: str, author: str
    ) -> StoreResult:
        old_rows = db.execute(
            "SELECT id, source, context_key FROM segments WHERE document_id = ? AND position IS NOT NULL"
            " ORDER BY position",
            (doc_id,),
        ).fetchall()
        plan = plan_merge([OldSegment(r["id"], r["source"], r["context_key"]) for r in old_rows], prepared.segments)
        # Free every position first: the survivors get their new ones below.
        db.execute("UPDATE segments SET position = -1 - position WHERE document_id = ? AND position >= 0", (doc_id,))
        for old_id in plan.removed:
            db.execute("UPDATE segments SET position = NULL, removed_at = ? WHERE id = ?", (stamp, old_id))
        for old_id, index in plan.unchanged:
            seg = prepared.segments[index]
            db.execute(
                """UPDATE segments SET position = ?, paragraph = ?, space_after = ?, spans = ?, meta = ?,
                   translatable = CASE WHEN translatable_by_user THEN translatable ELSE ? END,
                   skip_reason = CASE WHEN translatable_by_user THEN skip_reason ELSE ? END
                   WHERE id = ?""",
                (
                    index,
                    seg.paragraph,
                    seg.space_after,
                    json.dumps([s.to_json() for s in seg.spans]),
                    json.dumps(seg.meta, ensure_ascii=False),
                    int(seg.translatable),
                    seg.skip_reason,
                    old_id,
                ),
            )
        _ids, imported = self._insert_segments(
            db, doc_id, [(i, prepared.segments[i]) for i in plan.added], stamp, author
        )
        for old_id, index in plan.changed:
            old_source = db.execute("SELECT source FROM segments WHERE id = ?", (old_id,)).fetchone()["source"]
            db.execute("UPDATE segments SET position = NULL, removed_at = ? WHERE id = ?", (stamp, old_id))
            new_seg = prepared.segments[index]
            (new_id,), new_imported = self._insert_segments(db, doc_id, [(index, new_seg)], stamp, author)
            imported += new_imported
            has_new = {t.language for t in new_seg.translations if t.text}
            for t in db.execute(
                "SELECT language, text FROM translations WHERE segment_id = ? AND text != ''", (old_id,)
            ).fetchall():
                if t["language"] in has_new:
                    continue
                kept = TranslationState(t["text"], Status.DRAFT, Origin.PREVIOUS_VERSION, author=author)
                write_translation(
                    db, new_id, t["language"], kept, stamp, note=f"source changed; the translation was of: {old_source}"
                )
        self._write_paragraphs(db, doc_id, prepared)
        db.execute(
            """UPDATE documents SET format = ?, encoding = ?, source_path = ?, properties = ?, updated_at = ?,
               version = version + 1 WHERE id = ?""",
            (
                prepared.format,
                prepared.encoding,
                prepared.source_path,
                json.dumps(prepared.properties, ensure_ascii=False),
                stamp,
                doc_id,
            ),
        )
        return StoreResult(
            doc_id,
            False,
            len(plan.added),
            len(plan.unchanged),
            len(plan.changed),
            len(plan.removed),
            imported,
        )

    def paragraphs(self, document_id: int) -> list[ParagraphRecord]:
        """The document's structure (headings, list items, table cells, PO entries) for export."""
        rows = self._db.execute(
            "SELECT idx, kind, level, meta FROM paragraphs WHERE document_id = ? ORDER BY idx", (document_id,)
        ).fetchall()
        with stored_values(self.path, "a paragraph"):
            return [ParagraphRecord(r["idx"], BlockKind(r["kind"]), r["level"], json.loads(r["meta"])) for r in rows]

    def set_translatable(self, segment_id: int, translatable: bool, reason: str = "") -> SegmentRecord:
        """The user's choice, which later re-imports respect."""
        with self.transaction() as db:
            changed = db.execute(
                """UPDATE segments SET translatable = ?, skip_reason = ?, translatable_by_user = 1
                   WHERE id = ? AND position IS NOT NULL""",
                (int(translatable), "" if translatable else (reason or "marked by the user"), segment_id),
            ).rowcount
        if not changed:
            raise ProjectError(f"there is no segment {segment_id} in {self.path.name}")
        return self.segment(segment_id)


def _meta_json(meta: dict[str, Any], encoded: dict[int, str]) -> str:
    """A segment's meta as JSON. A meta that is only a tag map is encoded once per map object (`encoded`,
    by id, for one batch whose segments stay alive): the import shares one map among all the paragraphs
    whose tags are the same."""
    if not meta:
        return "{}"
    tags = meta.get("tags")
    if tags is None or len(meta) != 1:
        return json.dumps(meta, ensure_ascii=False)
    text = encoded.get(id(tags))
    if text is None:
        text = encoded[id(tags)] = json.dumps(meta, ensure_ascii=False)
    return text
