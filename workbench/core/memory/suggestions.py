"""What the side panel offers for a segment (Ctrl+1..9 inserts them): machine drafts from the project's
cache, matches from the memories, and the glossary's terms (Alt+1..9), each a plain function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.core.memory.match_normalization import score_with_tags
from workbench.core.records import SegmentRecord
from workbench.core.store.project_store import Project

if TYPE_CHECKING:
    from workbench.core.memory.glossary import TermFinder
    from workbench.core.memory.project_memory import Memories


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


def memory_suggestions(memories: Memories, segment: SegmentRecord, language: str) -> list[Suggestion]:
    """The project's and the shared memory's matches for the segment's source, best first."""
    return [
        Suggestion(
            m.unit.target,
            "tm",
            f"{m.memory} memory, {m.unit.created_at[:10]}",
            score_with_tags(float(m.score), m.unit.source, segment.source),
            m.describe_differences(),
        )
        for m in memories.lookup(segment.source, language)
    ]


def glossary_suggestions(finder: TermFinder, segment: SegmentRecord, language: str) -> list[Suggestion]:
    """The glossary terms found in the segment's source that have a translation in `language`."""
    return [
        Suggestion(f.term.targets[language], "term", "glossary", None, f.term.source)
        for f in finder.find(segment.source)
        if f.term.targets.get(language)
    ]
