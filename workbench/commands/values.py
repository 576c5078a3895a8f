"""Comma-separated values on the command line: `--to en,km`, `--segments 4,5`."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from workbench.core.counted import plural
from workbench.core.errors import WorkbenchError

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
