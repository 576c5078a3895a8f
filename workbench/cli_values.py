"""Comma-separated values on the command line: `--to en,km`, `--segments 4,5`."""

from __future__ import annotations

from workbench.core.errors import WorkbenchError


def language_list(value: str) -> list[str]:
    return [code.strip() for code in value.split(",") if code.strip()]


def id_list(value: str) -> list[int]:
    try:
        return [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise WorkbenchError(f"segment ids are numbers separated by commas, not {value!r}") from None
