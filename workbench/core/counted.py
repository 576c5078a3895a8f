"""Counts in messages read as English: "1 segment", "2 segments", "1 entry", "3 entries"."""

from __future__ import annotations

_IRREGULAR = {"entry": "entries", "match": "matches", "was": "were", "is": "are", "has": "have"}


def plural(count: int, noun: str, many: str | None = None) -> str:
    """The noun as it goes with `count` (given as a singular; irregular plurals may be passed as `many`)."""
    if count == 1:
        return noun
    if many is not None:
        return many
    head, _, last = noun.rpartition(" ")
    word = _IRREGULAR.get(last, last + ("es" if last.endswith(("s", "x", "ch", "sh")) else "s"))
    return f"{head} {word}" if head else word


def counted(count: int, noun: str, many: str | None = None) -> str:
    """`count` and its noun: counted(1, "document") == "1 document", counted(2, "match") == "2 matches"."""
    return f"{count:,} {plural(count, noun, many)}"
