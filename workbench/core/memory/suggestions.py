"""What the side panel offers for a segment (Ctrl+1..9 inserts them): machine drafts from the project's
cache now; the translation-memory work adds its matches through `SuggestionProvider`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbench.core.records import SegmentRecord
from workbench.core.store.project_store import Project


@dataclass(frozen=True, slots=True)
class Suggestion:
    text: str
    kind: str  # "mt" or "tm"
    #: the model name, or the memory the match came from
    origin: str
    #: MT: mean token log-probability; TM: match percentage
    score: float | None = None
    detail: str = ""


SuggestionProvider = Callable[[Project, SegmentRecord, str], list[Suggestion]]


def machine_suggestions(project: Project, segment: SegmentRecord, language: str) -> list[Suggestion]:
    """Every cached machine draft of this source text in `language`, newest first, one per distinct text."""
    seen: set[str] = set()
    found = []
    for row in project.connection.execute(
        """SELECT model, options, text, score, flags FROM mt_cache WHERE language = ? AND source = ?
           ORDER BY created_at DESC""",
        (language, segment.source),
    ):
        if row["text"] in seen:
            continue
        seen.add(row["text"])
        found.append(Suggestion(row["text"], "mt", row["model"], row["score"], row["flags"]))
    return found
