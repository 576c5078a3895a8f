"""The project file: one SQLite database per project, written one transaction per operation.

WAL mode with synchronous=FULL, so a process killed at any moment (or a power cut, common enough in
a provincial office) leaves a file that opens with every committed operation. A writer holds an OS
lock on `<file>.lock` and refuses a damaged or read-only file before it writes anything; read-only
opens (listing, statistics, export) need neither the lock nor a writable file or folder. Every SQLite
call goes through `project_health.ProjectConnection`, so a damaged file, a full disk or a read-only
file ends in one message naming the file wherever it is met.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from workbench.core.errors import ProjectError, ProjectReadOnly, ProjectTooNew
from workbench.core.language.language_rules import LANGUAGES
from workbench.core.language.protected_spans import ProtectedSpan
from workbench.core.memory.translation_memory import MemoryUnit, add_unit
from workbench.core.records import (
    ORIGIN_BY_VALUE,
    STATUS_BY_VALUE,
    BlockKind,
    DocumentInfo,
    Origin,
    ParagraphRecord,
    PreparedDocument,
    PreparedSegment,
    ProjectInfo,
    SegmentRecord,
    Status,
    Translation,
    TranslationState,
)
from workbench.core.store.document_merge import OldSegment, plan_merge
from workbench.core.store.project_health import (
    check_file_kind,
    connect_project,
    marked_read_only,
    quick_check,
    read_only_message,
    stored_values,
)
from workbench.core.store.project_lock import ProjectLock
from workbench.core.store.project_schema import LATEST_VERSION, MIGRATIONS

log = logging.getLogger(__name__)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


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


@dataclass(slots=True)
class StatusCounts:
    segments: int = 0
    words: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    words_by_status: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DocumentStats:
    document: DocumentInfo
    not_translatable: int
    #: per target language
    languages: dict[str, StatusCounts]


_UNTRANSLATED = {code: Translation(code, "", Status.UNTRANSLATED, Origin.NONE, "", "", None, "") for code in LANGUAGES}


def _word_count(text: str) -> int:
    return len(text.split())


def write_translation(
    db: sqlite3.Connection, segment_id: int, language: str, state: TranslationState, stamp: str, note: str = ""
) -> None:
    """Set a translation and append its revision; the caller holds the transaction."""
    text, status, origin, origin_detail, author, score = (
        state.text, state.status, state.origin, state.origin_detail, state.author, state.score
    )  # fmt: skip
    db.execute(
        """INSERT INTO translations(segment_id, language, text, status, origin, origin_detail, author, score,
           updated_at, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(segment_id, language) DO UPDATE SET text=excluded.text, status=excluded.status,
           origin=excluded.origin, origin_detail=excluded.origin_detail, author=excluded.author,
           score=excluded.score, updated_at=excluded.updated_at, flags=excluded.flags""",
        (
            segment_id,
            language,
            text,
            str(status),
            str(origin),
            origin_detail,
            author,
            score,
            stamp,
            "\n".join(state.flags),
        ),
    )
    db.execute(
        """INSERT INTO revisions(segment_id, language, text, status, origin, origin_detail, author, score, note,
           created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (segment_id, language, text, str(status), str(origin), origin_detail, author, score, note, stamp),
    )
    if status in (Status.TRANSLATED, Status.APPROVED) and text.strip():
        # the project's memory: every text a person confirmed, kept even if the segment changes later
        row = db.execute("SELECT source FROM segments WHERE id = ?", (segment_id,)).fetchone()
        if row is not None:
            add_unit(db, MemoryUnit(row[0], text, language, origin="project", author=author), stamp)


class Project:
    """An open project file. Use `Project.create` or `Project.open`, and close it (or use `with`)."""

    def __init__(self, path: Path, connection: sqlite3.Connection, lock: ProjectLock | None) -> None:
        self.path = path
        self._db = connection
        self._lock = lock
        self.read_only = lock is None
        self.info = self._read_info()

    # --- opening and closing ----------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, name: str, source_language: str, target_languages: Sequence[str]) -> Project:
        path = Path(path)
        for code in (source_language, *target_languages):
            if code not in LANGUAGES:
                raise ProjectError(f"unknown language {code!r}: the workbench knows {', '.join(LANGUAGES)}")
        if not target_languages:
            raise ProjectError("a project needs at least one target language")
        if source_language in target_languages:
            raise ProjectError("the source language cannot also be a target language")
        if path.exists():
            raise ProjectError(f"{path} already exists: choose another name or open it")
        if not path.parent.is_dir():
            raise ProjectError(f"cannot create {path}: the folder {path.parent} does not exist")
        if not os.access(path.parent, os.W_OK):
            raise ProjectReadOnly(f"cannot create {path}: the folder {path.parent} is read-only")
        lock = ProjectLock(path)
        lock.acquire()
        tmp = path.with_name(path.name + ".creating")
        try:
            tmp.unlink(missing_ok=True)
            db = cls._connect(tmp)
            cls._migrate(db, tmp)
            with db:
                db.executemany(
                    "INSERT INTO project(key, value) VALUES (?, ?)",
                    [
                        ("name", name),
                        ("source_language", source_language),
                        ("target_languages", json.dumps(list(target_languages))),
                        ("created_at", now()),
                    ],
                )
            db.execute("PRAGMA journal_mode=DELETE")  # fold the WAL in before the rename
            db.close()
            tmp.replace(path)
        except BaseException:
            lock.release()
            tmp.unlink(missing_ok=True)
            raise
        return cls(path, cls._connect(path), lock)

    @classmethod
    def open(cls, path: Path, read_only: bool = False) -> Project:
        path = Path(path)
        check_file_kind(path)
        writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK) and not marked_read_only(path)
        if not read_only and not writable:
            raise ProjectReadOnly(read_only_message(path))
        lock = None
        if not read_only:
            lock = ProjectLock(path)
            lock.acquire()
        try:
            version = cls._file_version(path)
            if version < LATEST_VERSION and read_only:
                raise ProjectError(f"{path} needs an upgrade: open it for writing once")
            db = cls._connect(path, read_only)
            try:
                if not read_only:
                    quick_check(db, path)  # never write into a damaged file
                if version < LATEST_VERSION:
                    cls._backup_before_migration(db, path, version)
                    cls._migrate(db, path)
                if read_only:
                    db.execute("PRAGMA query_only=ON")
                return cls(path, db, lock)
            except BaseException:
                db.close()
                raise
        except BaseException:
            if lock:
                lock.release()
            raise

    @staticmethod
    def _file_version(path: Path) -> int:
        """The schema version of a project file, checked without changing the file (damage is a ProjectDamaged)."""
        with closing(connect_project(path, read_only=True)) as db:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version == 0 or "project" not in tables:
            raise ProjectError(f"{path} is an SQLite database but not a workbench project")
        if version > LATEST_VERSION:
            raise ProjectTooNew(
                f"{path} was saved by a newer version of the workbench (format {version}, this one reads "
                f"up to {LATEST_VERSION}): update the workbench to open it"
            )
        return version

    @staticmethod
    def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
        db = connect_project(path, read_only)
        try:
            if not read_only:
                db.execute("PRAGMA journal_mode=WAL")
        except BaseException:
            db.close()
            raise
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA synchronous=FULL")
        db.row_factory = sqlite3.Row
        return db

    @staticmethod
    def _migrate(db: sqlite3.Connection, path: Path) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        for target in range(version, LATEST_VERSION):
            log.info("upgrading %s from format %d to %d", path, target, target + 1)
            try:
                db.executescript(f"BEGIN IMMEDIATE;\n{MIGRATIONS[target]}\nPRAGMA user_version={target + 1};\nCOMMIT;")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

    @staticmethod
    def _backup_before_migration(db: sqlite3.Connection, path: Path, version: int) -> None:
        backup_path = path.with_name(f"{path.name}.v{version}.bak")
        if backup_path.is_file() and not backup_path.is_symlink():
            return
        # written beside it and renamed over it: a planted link at the backup's name is replaced, not followed
        tmp = backup_path.with_name(backup_path.name + ".tmp")
        tmp.unlink(missing_ok=True)
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644))
        target = sqlite3.connect(tmp)
        try:
            db.backup(target)
        finally:
            target.close()
        os.replace(tmp, backup_path)

    def close(self) -> None:
        try:
            if not self.read_only:
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass
        self._db.close()
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Project:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """For reads by other core modules; writes go through `transaction()`."""
        return self._db

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One operation, all or nothing."""
        if self.read_only:
            raise ProjectError(f"{self.path} is open read-only")
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException:
            # SQLite has already rolled back after a full disk or an I/O error: a second ROLLBACK would
            # fail and hide the error that says what happened
            if self._db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
            raise

    # --- reading ----------------------------------------------------------------------------------

    def _read_info(self) -> ProjectInfo:
        values = {r["key"]: r["value"] for r in self._db.execute("SELECT key, value FROM project")}
        with stored_values(self.path, "the project's languages"):
            info = ProjectInfo(
                name=values.get("name", self.path.stem),
                source_language=values.get("source_language", "vi"),
                target_languages=tuple(json.loads(values.get("target_languages", "[]"))),
                created_at=values.get("created_at", ""),
                schema_version=self._db.execute("PRAGMA user_version").fetchone()[0],
            )
            for code in (info.source_language, *info.target_languages):
                if code not in LANGUAGES:
                    raise ValueError(f"unknown language {code!r}")
        return info

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

    def segments(
        self,
        document_id: int | None = None,
        status: Status | None = None,
        language: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[SegmentRecord]:
        """Current segments in document order, optionally only those with `status` (in `language`, or any)."""
        where, args = self._segment_filter(document_id, status, language)
        sql = f"SELECT s.* FROM segments s WHERE {' AND '.join(where)} ORDER BY s.document_id, s.position"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            args.extend([limit if limit is not None else -1, offset])
        rows = self._db.execute(sql, args).fetchall()
        return self._with_translations(rows)

    def _segment_filter(
        self, document_id: int | None, status: Status | None, language: str | None
    ) -> tuple[list[str], list[object]]:
        where = ["s.position IS NOT NULL"]
        args: list[object] = []
        if document_id is not None:
            where.append("s.document_id = ?")
            args.append(document_id)
        if status is not None:
            languages = [language] if language else list(self.info.target_languages)
            if status is Status.UNTRANSLATED:
                # Text marked not for translation is no work left, as `stats` counts it. No translation row
                # at all also means untranslated.
                where.append("s.translatable = 1")
                clause = "NOT EXISTS (SELECT 1 FROM translations t WHERE t.segment_id = s.id AND t.language = ?"
                where.append("(" + " OR ".join(f"{clause} AND t.status != 'untranslated')" for _ in languages) + ")")
                args.extend(languages)
            else:
                marks = ",".join("?" * len(languages))
                where.append(
                    f"EXISTS (SELECT 1 FROM translations t WHERE t.segment_id = s.id AND t.status = ?"
                    f" AND t.language IN ({marks}))"
                )
                args.extend([str(status), *languages])
        return where, args

    def segment_ids(
        self, document_id: int | None = None, status: Status | None = None, language: str | None = None
    ) -> list[int]:
        """Ids of the current segments in document order: what a grid holds before it fetches any row."""
        where, args = self._segment_filter(document_id, status, language)
        sql = f"SELECT s.id FROM segments s WHERE {' AND '.join(where)} ORDER BY s.document_id, s.position"
        return [row[0] for row in self._db.execute(sql, args)]

    def segments_by_ids(self, ids: Sequence[int]) -> list[SegmentRecord]:
        """The records of `ids`, in the order given (a page of a grid)."""
        rows: dict[int, sqlite3.Row] = {}
        for start in range(0, len(ids), 900):
            chunk = list(ids[start : start + 900])
            for row in self._db.execute(f"SELECT * FROM segments WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                rows[row["id"]] = row
        return self._with_translations([rows[i] for i in ids if i in rows])

    def segment(self, segment_id: int) -> SegmentRecord:
        rows = self._db.execute("SELECT * FROM segments WHERE id = ?", (segment_id,)).fetchall()
        if not rows:
            raise ProjectError(f"there is no segment {segment_id} in {self.path.name}")
        return self._with_translations(rows)[0]

    def _with_translations(self, rows: list[sqlite3.Row]) -> list[SegmentRecord]:
        with stored_values(self.path, "a segment"):
            return self._records(rows)

    def _records(self, rows: list[sqlite3.Row]) -> list[SegmentRecord]:
        translations: dict[int, dict[str, Translation]] = {r["id"]: {} for r in rows}
        ids = list(translations)
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            for t in self._db.execute(
                f"SELECT * FROM translations WHERE segment_id IN ({','.join('?' * len(chunk))})", chunk
            ):
                translations[t["segment_id"]][t["language"]] = Translation(
                    language=t["language"],
                    text=t["text"],
                    status=STATUS_BY_VALUE[t["status"]],
                    origin=ORIGIN_BY_VALUE[t["origin"]],
                    origin_detail=t["origin_detail"],
                    author=t["author"],
                    score=t["score"],
                    updated_at=t["updated_at"],
                    flags=tuple(t["flags"].splitlines()),
                )
        for found in translations.values():
            for lang in self.info.target_languages:
                if lang not in found:
                    found[lang] = _UNTRANSLATED[lang]
        return [
            SegmentRecord(
                id=r["id"],
                document_id=r["document_id"],
                position=r["position"] if r["position"] is not None else -1,
                paragraph=r["paragraph"],
                source=r["source"],
                translatable=bool(r["translatable"]),
                skip_reason=r["skip_reason"],
                spans=()
                if r["spans"] == "[]"
                else tuple(ProtectedSpan.from_json(r["source"], item) for item in json.loads(r["spans"])),
                translations=translations[r["id"]],
            )
            for r in rows
        ]

    def read_back_everything(self) -> None:
        """Every segment and paragraph read as the window and the exports read them (check-project): a value
        that SQLite keeps fine but that does not parse back raises ProjectDamaged."""
        total = self._db.execute("SELECT count(*) FROM segments WHERE position IS NOT NULL").fetchone()[0]
        for offset in range(0, total, 5000):
            self.segments(offset=offset, limit=5000)
        for doc in self.documents():
            self.paragraphs(doc.id)

    def revisions(self, segment_id: int, language: str) -> list[sqlite3.Row]:
        return self._db.execute(
            "SELECT * FROM revisions WHERE segment_id = ? AND language = ? ORDER BY id",
            (segment_id, language),
        ).fetchall()

    def stats(self) -> list[DocumentStats]:
        """Segment and word counts per document, target language and status (translatable segments only)."""
        result = []
        counts: dict[tuple[int, str, str], tuple[int, int]] = {}
        for row in self._db.execute(
            """SELECT s.document_id, t.language, t.status, count(*) AS n, sum(s.words) AS words
               FROM segments s JOIN translations t ON t.segment_id = s.id
               WHERE s.position IS NOT NULL AND s.translatable = 1 AND t.status != 'untranslated'
               GROUP BY s.document_id, t.language, t.status"""
        ):
            counts[(row["document_id"], row["language"], row["status"])] = (row["n"], row["words"] or 0)
        totals = {
            r[0]: (r[1], r[2] or 0)
            for r in self._db.execute(
                """SELECT document_id, count(*), sum(words) FROM segments
                   WHERE position IS NOT NULL AND translatable = 1 GROUP BY document_id"""
            )
        }
        skipped = dict(
            self._db.execute(
                """SELECT document_id, count(*) FROM segments
                   WHERE position IS NOT NULL AND translatable = 0 GROUP BY document_id"""
            ).fetchall()
        )
        for doc in self.documents():
            total_segments, total_words = totals.get(doc.id, (0, 0))
            languages = {}
            for lang in self.info.target_languages:
                c = StatusCounts(segments=total_segments, words=total_words)
                for status in Status:
                    if status is not Status.UNTRANSLATED:
                        n, words = counts.get((doc.id, lang, str(status)), (0, 0))
                        c.by_status[str(status)] = n
                        c.words_by_status[str(status)] = words
                c.by_status[Status.UNTRANSLATED] = total_segments - sum(c.by_status.values())
                c.words_by_status[Status.UNTRANSLATED] = total_words - sum(c.words_by_status.values())
                languages[lang] = c
            result.append(DocumentStats(doc, skipped.get(doc.id, 0), languages))
        return result

    # --- writing ----------------------------------------------------------------------------------

    def store_document(self, prepared: PreparedDocument, author: str = "") -> StoreResult:
        """Add a new document, or update a re-imported one in place, in one transaction."""
        stamp = now()
        with self.transaction() as db:
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
                    json.dumps(seg.meta, ensure_ascii=False) if seg.meta else "{}",
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

    def save_translation(
        self,
        segment_id: int,
        language: str,
        text: str,
        status: Status,
        origin: Origin,
        author: str,
        origin_detail: str = "",
        score: float | None = None,
        note: str = "",
    ) -> SegmentRecord:
        """Set one segment's translation into one language and append the revision, in one transaction."""
        if language not in self.info.target_languages:
            raise ProjectError(f"{language!r} is not a target language of {self.path.name}")
        with self.transaction() as db:
            if (
                db.execute("SELECT 1 FROM segments WHERE id = ? AND position IS NOT NULL", (segment_id,)).fetchone()
                is None
            ):
                raise ProjectError(f"there is no segment {segment_id} in {self.path.name}")
            state = TranslationState(text, status, origin, origin_detail, author, score)
            write_translation(db, segment_id, language, state, now(), note)
        return self.segment(segment_id)

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
