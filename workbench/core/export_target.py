"""Where an export may write, and how: never over an imported source file, only to the project's target
languages, and through a temporary file renamed at the end (a crash or a full disk never leaves half a
file, and the previous export stays whole until the new one is complete)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from workbench.core.errors import WorkbenchError
from workbench.core.project_store import Project


def check_target(project: Project, path: Path, languages: Sequence[str]) -> None:
    for language in languages:
        if language not in project.info.target_languages:
            raise WorkbenchError(f"{language!r} is not a target language of {project.path.name}")
    target = Path(path).resolve()
    if any(d.source_path and Path(d.source_path).resolve() == target for d in project.documents()):
        raise WorkbenchError(f"{path} is an imported source file; choose another name")
    if target == project.path.resolve():
        raise WorkbenchError(f"{path} is the project file; choose another name")


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """`write(temporary_path)`, then rename over `path`."""
    target = Path(path)
    temporary = target.with_name(target.name + ".partial")
    try:
        write(temporary)
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()
