"""The project file itself: creating, opening, upgrading, locking, one transaction per operation, closing.

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
from pathlib import Path
from types import TracebackType
from typing import Self

from workbench.core.errors import ProjectError, ProjectReadOnly, ProjectTooNew
from workbench.core.language.language_rules import LANGUAGES
from workbench.core.memory.concordance_index import ensure_project_concordance
from workbench.core.records import ProjectInfo
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
from workbench.core.timestamps import now

log = logging.getLogger(__name__)


class ProjectFile:
    """An open project file and its connection; `Project` adds what can be read and written in it."""

    def __init__(self, path: Path, connection: sqlite3.Connection, lock: ProjectLock | None) -> None:
        self.path = path
        self._db = connection
        self._lock = lock
        self.read_only = lock is None
        self.info = self._read_info()

    # --- opening and closing ----------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, name: str, source_language: str, target_languages: Sequence[str]) -> Self:
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
    def open(cls, path: Path, read_only: bool = False) -> Self:
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
                if not read_only:
                    ensure_project_concordance(db)  # a file of this format made before its concordance indexes
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

    def __enter__(self) -> Self:
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
