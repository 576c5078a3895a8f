"""Typed failures of the core. The core never shows a dialog: the CLI prints these, the UI shows them."""

from __future__ import annotations

import sqlite3


class WorkbenchError(Exception):
    """Base of every failure a user should read as a message rather than a traceback."""


class ImportProblem(WorkbenchError):
    """A file could not be imported; `source` names it and `problem` says why in plain words."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

    def __reduce__(self) -> tuple[type[ImportProblem], tuple[str, str]]:
        # made again from its two parts, so it crosses a process boundary (a worker's failure reported)
        return (type(self), (self.source, self.problem))


class ProjectError(WorkbenchError):
    """The project file cannot be created, opened or changed as asked."""


class ProjectLocked(ProjectError):
    """Another window or command has the project open for writing."""


class ProjectTooNew(ProjectError):
    """The file was written by a newer version of the workbench."""


class ProjectFault(ProjectError, sqlite3.DatabaseError):
    """The project file itself failed (damaged, read-only, full disk), said in words naming the file.

    Also a `sqlite3.DatabaseError`, so code that guards a Qt virtual against database errors keeps
    catching it while the message a person reads is this one."""


class ProjectDamaged(ProjectFault):
    """The file is damaged; nothing is written into it. `detail` says what was found, without the advice."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class StorageError(ProjectFault):
    """Any other failure of a workbench database (a busy file, a constraint a bug broke), naming the file.

    Every SQLite call on a project file or the shared memory ends in a `ProjectFault`, so callers above
    the store catch `WorkbenchError` alone and never match on SQLite's text."""


class ProjectReadOnly(ProjectFault):
    """The file or its folder cannot be written; it can still be read."""


class ProjectDiskFull(ProjectFault):
    """A write ran out of disk space (or hit a size limit); the operation was rolled back whole."""


class TeamServerError(WorkbenchError):
    """The team's PostgreSQL server refused or failed; `server` names it (login@host/database, never a
    password) and `problem` says what went wrong in words: refused, wrong password, no such database,
    TLS required, not allowed."""

    def __init__(self, server: str, problem: str) -> None:
        super().__init__(f"team server {server}: {problem}")
        self.server = server
        self.problem = problem

    def __reduce__(self) -> tuple[type[TeamServerError], tuple[str, str]]:
        # made again from its two parts, so it crosses a process boundary (a worker's failure reported)
        return (type(self), (self.server, self.problem))
