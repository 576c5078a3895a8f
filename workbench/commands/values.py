"""Comma-separated values on the command line: `--to en,km`, `--segments 4,5` (or labels: `le-hoi.docx #8`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from workbench.core.counted import plural
from workbench.core.errors import WorkbenchError
from workbench.core.store.project_store import Project
from workbench.core.store.segment_numbers import resolve_segment

#: SQLite's integers are 64-bit: a larger "id" cannot name a segment, and would overflow the query
_LARGEST_ID = 2**63 - 1


def language_list(value: str) -> list[str]:
    """The codes of `--to en,km`, each once, in the order given."""
    return list(dict.fromkeys(code.strip() for code in value.split(",") if code.strip()))


def target_languages(value: str, targets: Sequence[str], project: str, several: bool = True) -> list[str]:
    """`--to` checked against the project's target languages: a typo is refused, not read as an empty result."""
    languages = language_list(value)
    unknown = [code for code in languages if code not in targets]
    if unknown:
        raise WorkbenchError(
            f"{', '.join(unknown)} {plural(len(unknown), 'is')} not a target language of {project} "
            f"(its targets: {', '.join(targets)})"
        )
    if not languages:
        raise WorkbenchError(f"--to names no language (the targets of {project}: {', '.join(targets)})")
    if not several and len(languages) > 1:
        raise WorkbenchError(f"this command works on one target language at a time, not {value!r}")
    return languages


def target_language(value: str, targets: Sequence[str], project: str) -> str:
    """One `--to` language of the project."""
    return target_languages(value, targets, project, several=False)[0]


def bounded(low: int, high: int = _LARGEST_ID) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high` (a negative --limit, a --beam of 100,000 or a
    number SQLite cannot hold is refused by argparse with its usage line, not met later as a traceback)."""

    def parse(value: str) -> int:
        text = value.strip()
        if not (text.isascii() and text.lstrip("-").isdigit()) or not low <= int(text) <= high:
            span = f"from {low} to {high:,}" if high != _LARGEST_ID else f"of {low} or more"
            raise argparse.ArgumentTypeError(f"takes a whole number {span}, not {value!r}")
        return int(text)

    return parse


def id_list(value: str) -> list[int]:
    parts = [part.strip() for part in value.split(",") if part.strip()]
    if not all(part.isascii() and part.isdigit() and int(part) <= _LARGEST_ID for part in parts):
        raise WorkbenchError(f"segment ids are numbers separated by commas, not {value!r}")
    return [int(part) for part in parts]


def segment_argument(value: str) -> str:
    """An argparse type for one segment: an id (a whole number of 1 or more) or a label (`le-hoi.docx #8`,
    `#8`), resolved once the project is open (`segment_of`)."""
    text = value.strip()
    if "#" in text:
        return text
    bounded(1)(text)  # the id's own message for anything else
    return text


def segment_of(project: Project, ref: str, document: str | None = None) -> int:
    """The id `ref` names: a label through segment_numbers (`#8` in `document`), or the id itself (which the
    command checks, as it always has)."""
    return resolve_segment(project, ref, document) if "#" in ref else int(ref)


def segment_list(project: Project, value: str, document: str | None = None) -> list[int]:
    """`--segments 4,5` or `--segments "le-hoi.docx #8,le-hoi.docx #9"` (or `#8,#9` with --document): ids
    and labels, each segment once, in the order given. A bare number is always an id."""
    ids: list[int] = []
    for part in (part.strip() for part in value.split(",")):
        if "#" in part:
            ids.append(resolve_segment(project, part, document))
        elif part:
            if not (part.isascii() and part.isdigit() and int(part) <= _LARGEST_ID):
                raise WorkbenchError(
                    f"segment ids are numbers separated by commas (or labels such as 'le-hoi.docx #8'), not {value!r}"
                )
            ids.append(int(part))
    return list(dict.fromkeys(ids))
