"""Glossary files in and out: one table says which format a file name means, for the CLI and the window alike.

A .csv is CSV; a .tbx, or the .xml some tools save TBX as, is TBX. Any other name is refused, naming the
file, before anything is read or written. An import writes every term in one transaction: a file with one
term that cannot go in changes nothing, and the error names the file and that term.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from workbench.core.changes import SegmentChanges
from workbench.core.errors import ImportProblem, WorkbenchError
from workbench.core.exporting.export_target import check_target
from workbench.core.memory.glossary import (
    Term,
    read_glossary_csv,
    read_glossary_tbx,
    term_problem,
    terms,
    write_glossary_csv,
    write_glossary_tbx,
    write_term,
)
from workbench.core.store.project_store import Project
from workbench.core.timestamps import now
from workbench.core.user_file import check_regular_file


@dataclass(frozen=True, slots=True)
class GlossaryFormat:
    """How one kind of glossary file is read and written."""

    name: str
    read: Callable[[Path], list[Term]]
    write: Callable[[Path, Iterable[Term]], None]


CSV = GlossaryFormat("CSV", read_glossary_csv, write_glossary_csv)
TBX = GlossaryFormat("TBX", read_glossary_tbx, write_glossary_tbx)
#: a file name's suffix (lower case) -> its format; the only place this is decided
GLOSSARY_FORMATS: dict[str, GlossaryFormat] = {".csv": CSV, ".tbx": TBX, ".xml": TBX}


@dataclass(frozen=True, slots=True)
class GlossaryImport:
    """What an import did: how many terms the file held, and what changed (the glossary)."""

    terms: int
    changes: SegmentChanges


def glossary_format(path: Path) -> GlossaryFormat:
    """The format a glossary file's name says; WorkbenchError naming the file for any other name."""
    found = GLOSSARY_FORMATS.get(Path(path).suffix.lower())
    if found is None:
        raise WorkbenchError(f"{path}: a glossary is a .csv or .tbx file")
    return found


def read_glossary(path: Path) -> list[Term]:
    """The terms of a glossary file, read by the format its name says (a folder or a pipe is refused as
    such, before its name is judged)."""
    check_regular_file(Path(path))
    return glossary_format(path).read(Path(path))


def import_glossary(project: Project, path: Path) -> GlossaryImport:
    """Add (or update) every term of the file, all in one transaction."""
    found = read_glossary(path)
    for number, term in enumerate(found, start=1):  # checked before the transaction: it needs no lock
        problem = term_problem(term)
        if problem:
            raise ImportProblem(str(path), f"term {number} ({term.source!r}): {problem}; nothing was imported")
    stamp = now()
    with project.transaction() as db:
        for term in found:
            write_term(db, term, stamp)
    return GlossaryImport(len(found), SegmentChanges(glossary=True))


def export_glossary(project: Project, path: Path) -> int:
    """The project's glossary in the format the name says, never over the project or a source file
    (export_target); returns the number of terms."""
    check_target(project, path, [])
    form = glossary_format(path)
    glossary = terms(project)
    form.write(Path(path), glossary)
    return len(glossary)
