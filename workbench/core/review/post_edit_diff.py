"""What a person changed in a machine draft, word by word: the history panel shows it, and the
post-editing report will count it."""

from __future__ import annotations

import difflib
import html
from collections.abc import Callable, Sequence

from workbench.core.records import Origin


def word_diff(before: str, after: str, fold: Callable[[str], str] | None = None) -> list[tuple[str, str]]:
    """("=", words), ("-", removed words), ("+", added words), in order; with `fold`, words are compared
    folded (equal runs are shown as `after` has them)."""
    old, new = before.split(), after.split()
    keys_old, keys_new = ([fold(w) for w in old], [fold(w) for w in new]) if fold else (old, new)
    found: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=keys_old, b=keys_new, autojunk=False).get_opcodes():
        if tag == "equal":
            found.append(("=", " ".join(new[j1:j2])))
            continue
        if i2 > i1:
            found.append(("-", " ".join(old[i1:i2])))
        if j2 > j1:
            found.append(("+", " ".join(new[j1:j2])))
    return found


def diff_html(parts: Sequence[tuple[str, str]]) -> str:
    styles = {"-": "color:#b3261e;text-decoration:line-through;", "+": "color:#1b7f3b;font-weight:bold;"}
    return " ".join(
        html.escape(text) if tag == "=" else f'<span style="{styles[tag]}">{html.escape(text)}</span>'
        for tag, text in parts
    )


def last_machine_draft(revisions: Sequence[object]) -> tuple[str, str] | None:
    """(text, model) of the newest machine draft among a segment's revisions (sqlite rows, oldest first)."""
    for revision in reversed(revisions):
        if revision["origin"] == Origin.MT and revision["status"] == "draft":  # type: ignore[index]
            return str(revision["text"]), str(revision["origin_detail"])  # type: ignore[index]
    return None
