"""The project file as untrusted input: opening it safely, and saying in words what is wrong with it.

A project file can be damaged (a bad sector, a copy cut short, a USB stick pulled out), read-only (a
shared folder, a CD, a mounted backup) or on a full disk. Every SQLite call on a project goes through
`ProjectConnection`, so each of these ends in one message naming the file (`ProjectDamaged`,
`ProjectReadOnly`, `ProjectDiskFull`) wherever in the core it happens, instead of a traceback or a
second error masking the first. A writer runs SQLite's quick check on open and refuses a damaged file;
`check-project` runs the full check.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.core.counted import counted
from workbench.core.errors import (
    ProjectDamaged,
    ProjectDiskFull,
    ProjectError,
    ProjectFault,
    ProjectReadOnly,
    StorageError,
)
from workbench.core.importing.text_decoding import is_utf8

SQLITE_HEADER = b"SQLite format 3\x00"
#: Primary SQLite result codes (the low byte of an extended code).
_READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 8, 10, 11, 13, 14, 26
#: How many problems the checks list at most (a badly damaged file has thousands).
MAX_PROBLEMS = 20


def damaged_message(path: Path, detail: str) -> str:
    return f"{path} is damaged ({detail}); the workbench will not write into it. {recovery_advice(path)}"


def recovery_advice(path: Path) -> str:
    """What a user can do about a damaged project: the copy kept before an upgrade, SQLite's recovery."""
    backups = sorted(path.parent.glob(f"{glob_escape(path.name)}.v*.bak"), key=lambda p: p.stat().st_mtime)
    recovered = path.with_name(f"{path.stem}-recovered{path.suffix}")
    steps = []
    if backups:
        steps.append(f"{backups[-1]} is the copy made before its last format upgrade (open a copy of it)")
    steps.append(
        f'SQLite\'s shell saves what is still readable: sqlite3 "{path}" .recover | sqlite3 "{recovered}" '
        f"(then: python main.py check-project {recovered})"
    )
    return "To recover: " + "; or ".join(steps) + "."


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def fault_for(path: Path, exc: BaseException) -> ProjectFault | None:
    """The message for a failed SQLite call on the project file, or None for a failure that is a bug."""
    if isinstance(exc, ProjectFault):
        return exc
    if isinstance(exc, UnicodeDecodeError):
        return ProjectDamaged(damaged_message(path, "a stored text is not valid UTF-8"))
    if isinstance(exc, sqlite3.OperationalError) and str(exc).startswith("Could not decode to UTF-8"):
        column = re.search(r"column '([^']*)'", str(exc))
        where = f" in column {column.group(1)}" if column else ""
        return ProjectDamaged(damaged_message(path, f"a stored text{where} is not valid UTF-8"))
    if isinstance(exc, sqlite3.IntegrityError) and str(exc).startswith("team project:"):
        return StorageError(f"{path} is a {exc} (structure changes on a team project are not possible yet)")
    code = getattr(exc, "sqlite_errorcode", None) if isinstance(exc, sqlite3.Error) else None
    if code is None:
        return None
    primary = code & 0xFF
    if primary in (_CORRUPT, _NOTADB):
        return ProjectDamaged(damaged_message(path, f"SQLite: {printable(str(exc))}"))
    if primary == _FULL:
        return ProjectDiskFull(
            f"{path}: the disk is full; what was being saved was not written (the project file is whole): "
            "free some space and try again"
        )
    if primary == _READONLY:
        return ProjectReadOnly(read_only_message(path))
    if primary == _IOERR:
        return ProjectDiskFull(
            f"{path}: the disk could not be written or read ({getattr(exc, 'sqlite_errorname', exc)}: the disk "
            "may be full, failing or removed); what was being saved was not written: check the disk and try again"
        )
    if primary == _CANTOPEN:
        return ProjectReadOnly(f"{path} cannot be opened ({exc}): check that its folder can be read and written")
    return None


def printable(text: str) -> str:
    """SQLite quotes damaged bytes in its messages: control characters shown as escapes keep it one line."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


@contextmanager
def stored_values(path: Path, what: str) -> Iterator[None]:
    """Values the workbench wrote and parses back (JSON, statuses, languages): one that does not parse is damage."""
    try:
        yield
    except (ValueError, LookupError, TypeError) as exc:
        detail = printable(str(exc))[:120]
        found = f"{what} cannot be read back: {detail}"
        raise ProjectDamaged(damaged_message(path, found), found) from exc


def marked_read_only(path: Path) -> bool:
    """The file's permissions give nobody write access: the user marked it read-only. Root could write
    anyway (os.access says yes), but a file an office marked read-only is not to be changed."""
    try:
        return not os.stat(path).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    except OSError:
        return False


def read_only_message(path: Path) -> str:
    if not os.access(path.parent, os.W_OK):
        return (
            f"{path} is in a read-only folder ({path.parent}): it can be read (stats, segments, export) but "
            "not changed; copy the project to a folder you can write to change it"
        )
    return (
        f"{path} is read-only: it can be read (stats, segments, export) but not changed; make the file "
        "writable (or copy it) to change it"
    )


def _raise_fault(path: Path, exc: BaseException) -> None:
    fault = fault_for(path, exc) or StorageError(f"{path}: the database call failed ({printable(str(exc))})")
    if fault is not exc:
        raise fault from exc


class ProjectCursor(sqlite3.Cursor):
    """A cursor whose file failures (also those met while reading rows) name the project file."""

    def _path(self) -> Path:
        connection = self.connection
        return connection.project_path if isinstance(connection, ProjectConnection) else Path("project")

    def execute(self, sql: str, parameters: Any = (), /) -> ProjectCursor:
        try:
            super().execute(sql, parameters)
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            _raise_fault(self._path(), exc)
            raise
        return self

    def executemany(self, sql: str, seq_of_parameters: Iterable[Any], /) -> ProjectCursor:
        try:
            super().executemany(sql, seq_of_parameters)
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            _raise_fault(self._path(), exc)
            raise
        return self

    def executescript(self, sql_script: str, /) -> ProjectCursor:
        try:
            super().executescript(sql_script)
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            _raise_fault(self._path(), exc)
            raise
        return self

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            _raise_fault(self._path(), exc)
            raise

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            _raise_fault(self._path(), exc)
            raise

    def fetchmany(self, size: int | None = 1) -> list[Any]:
        try:
            return super().fetchmany(size if size is not None else self.arraysize)
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            _raise_fault(self._path(), exc)
            raise

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            _raise_fault(self._path(), exc)
            raise


class ProjectConnection(sqlite3.Connection):
    """The connection to one project file: every call goes through `ProjectCursor`."""

    project_path: Path = Path("project")

    def cursor(self, factory: Any = None) -> Any:
        return super().cursor(factory or ProjectCursor)

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any:
        return self.cursor().executemany(sql, parameters)

    def executescript(self, sql_script: str, /) -> Any:
        return self.cursor().executescript(sql_script)

    def commit(self) -> None:
        try:
            super().commit()
        except sqlite3.Error as exc:
            _raise_fault(self.project_path, exc)
            raise


def connect_project(path: Path, read_only: bool) -> ProjectConnection:
    """A connection that can read a file in a read-only folder too (where SQLite cannot make its -shm file)."""
    target: str | Path = path
    uri = False
    if read_only and not os.access(path.parent, os.W_OK):
        wal = path.with_name(path.name + "-wal")
        # Nobody can be writing in a folder nobody can write: read the file as it is, unless a -wal
        # file holds changes not yet folded in (then SQLite needs its -shm file, which must exist).
        target = path.resolve().as_uri() + ("?mode=ro" if wal.exists() else "?mode=ro&immutable=1")
        uri = True
    try:
        db = sqlite3.connect(target, isolation_level=None, timeout=10, uri=uri, factory=ProjectConnection)
    except sqlite3.Error as exc:
        fault = fault_for(path, exc)
        if fault is not None:
            raise fault from exc
        raise ProjectError(f"{path} cannot be opened ({exc})") from exc
    assert isinstance(db, ProjectConnection)
    db.project_path = path
    return db


def check_file_kind(path: Path) -> None:
    """A clear refusal for what is not a project file at all: a folder, nothing, text renamed .wbp."""
    if path.is_dir():
        raise ProjectError(f"{path} is a folder, not a project file: give the .wbp file inside it")
    try:
        with open(path, "rb") as handle:
            header = handle.read(16)
    except FileNotFoundError:
        raise ProjectError(f"{path} does not exist") from None
    except PermissionError:
        raise ProjectReadOnly(f"{path} cannot be read (permission denied)") from None
    except OSError as exc:
        raise ProjectError(f"{path} cannot be read ({exc.strerror or exc})") from None
    if header != SQLITE_HEADER:
        raise ProjectError(f"{path} is not a workbench project (not an SQLite database)")


def quick_check(db: sqlite3.Connection, path: Path) -> None:
    """Refuse to write into a damaged file: SQLite's quick check (about 0.2 s on 50,000 segments)."""
    problems = integrity_lines(row[0] for row in db.execute(f"PRAGMA quick_check({MAX_PROBLEMS})"))
    if problems:
        more = f", and {counted(len(problems) - 1, 'more problem')}" if len(problems) > 1 else ""
        raise ProjectDamaged(damaged_message(path, f"SQLite's quick check: {problems[0]}{more}"))


def integrity_lines(rows: Iterable[str]) -> list[str]:
    """SQLite's check output as one problem a line ([] for a sound file)."""
    lines = [printable(line.strip()) for row in rows for line in str(row).splitlines()]
    return [line for line in lines if line and line != "ok" and not line.startswith("*** in database")]


@dataclass(frozen=True, slots=True)
class FileCheck:
    """What `check-project` found: nothing (a sound file) or SQLite's and the text check's findings."""

    path: Path
    problems: list[str]
    documents: int
    segments: int

    @property
    def sound(self) -> bool:
        return not self.problems


def check_project_file(path: Path) -> FileCheck:
    """The full check: SQLite's integrity check, foreign keys, and every stored text readable as UTF-8."""
    check_file_kind(path)
    db = connect_project(path, read_only=True)
    try:
        db.execute("PRAGMA query_only=ON")
        try:
            problems = integrity_lines(row[0] for row in db.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})"))
        except ProjectDamaged as exc:
            cause = exc.__cause__
            problems = [
                "a text in the file's list of tables is not valid UTF-8"
                if isinstance(cause, UnicodeDecodeError)
                else f"SQLite cannot even run its check: {printable(str(cause or exc))}"
            ]
        if not problems:
            problems = _foreign_key_problems(db) + _undecodable_texts(db)
        documents = segments = 0
        if not problems:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "documents" not in tables or "segments" not in tables:
                problems.append("it is an SQLite database but not a workbench project")
            else:
                documents = db.execute("SELECT count(*) FROM documents").fetchone()[0]
                segments = db.execute("SELECT count(*) FROM segments WHERE position IS NOT NULL").fetchone()[0]
    finally:
        db.close()
    return FileCheck(path, problems[:MAX_PROBLEMS], documents, segments)


def _foreign_key_problems(db: sqlite3.Connection) -> list[str]:
    return [
        f"table {row[0]}: row {row[1]} refers to a missing row of {row[2]}"
        for row in db.execute("PRAGMA foreign_key_check").fetchmany(MAX_PROBLEMS)
    ]


def _undecodable_texts(db: sqlite3.Connection) -> list[str]:
    """Texts SQLite stores fine but Python cannot read (flipped bytes inside a text): integrity_check passes them.

    Read as bytes, a thousand rows joined by a newline at a time: that decodes iff every text in it does."""
    found: list[str] = []
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    columns = {t: [r[1] for r in db.execute(f'PRAGMA table_info("{t}")')] for t in tables}
    db.text_factory = bytes
    try:
        for table in tables:
            wanted = ", ".join(f'CASE WHEN typeof("{c}") = \'text\' THEN "{c}" END' for c in columns[table])
            cursor = db.execute(f'SELECT {wanted} FROM "{table}"')
            number = 0
            while batch := cursor.fetchmany(1000):
                if not is_utf8(b"\n".join(v for row in batch for v in row if v is not None)):
                    for offset, row in enumerate(batch, number + 1):
                        found += [
                            f"table {table}, row {offset}, column {column}: a text that is not UTF-8"
                            for column, value in zip(columns[table], row, strict=True)
                            if value is not None and not is_utf8(value)
                        ]
                    if len(found) >= MAX_PROBLEMS:
                        return found[:MAX_PROBLEMS]
                number += len(batch)
    finally:
        db.text_factory = str
    return found
