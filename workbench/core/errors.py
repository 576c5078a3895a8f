"""Typed failures of the core. The core never shows a dialog: the CLI prints these, the UI shows them."""

from __future__ import annotations


class WorkbenchError(Exception):
    """Base of every failure a user should read as a message rather than a traceback."""


class ImportProblem(WorkbenchError):
    """A file could not be imported; `source` names it and `problem` says why in plain words."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class ProjectError(WorkbenchError):
    """The project file cannot be created, opened or changed as asked."""


class ProjectLocked(ProjectError):
    """Another window or command has the project open for writing."""


class ProjectTooNew(ProjectError):
    """The file was written by a newer version of the workbench."""
