"""What an operation changed, so a front end refreshes exactly that (as Anki's OpChanges does).

Every core operation that changes segments returns a `SegmentChanges`. The window has one place that
applies it (those rows of the grid, the side panel, the progress bars, the glossary highlights); the
CLI prints from it. Nothing else wires a refresh by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SegmentChanges:
    """Which segments changed, in which target languages, and what else an operation touched."""

    #: the segments whose translations, statuses, comments or translatability changed, in the order done
    segment_ids: tuple[int, ...] = ()
    #: the target languages those changes are in (empty: none, or not language-bound)
    languages: tuple[str, ...] = ()
    #: the glossary changed (highlights and the terms panel follow)
    glossary: bool = False
    #: a memory changed (the suggestions panel follows)
    memory: bool = False
    #: documents or segments were added or removed (the grid and the document list reload)
    documents: bool = False

    @classmethod
    def of(cls, segment_ids: Iterable[int], *languages: str, memory: bool = False) -> SegmentChanges:
        return cls(tuple(segment_ids), tuple(dict.fromkeys(languages)), memory=memory)

    def __bool__(self) -> bool:
        return bool(self.segment_ids or self.glossary or self.memory or self.documents)

    def __or__(self, other: SegmentChanges) -> SegmentChanges:
        """Both changes at once, each segment and language listed once, in first-seen order."""
        return SegmentChanges(
            tuple(dict.fromkeys(self.segment_ids + other.segment_ids)),
            tuple(dict.fromkeys(self.languages + other.languages)),
            self.glossary or other.glossary,
            self.memory or other.memory,
            self.documents or other.documents,
        )


NO_CHANGES = SegmentChanges()
