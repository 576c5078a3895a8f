"""The checks of one segment as the window runs them while a translator types: what they need from the
project (its glossary finder and the findings a person decided are fine), loaded once and kept."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.memory.glossary import FoundTerm, TermFinder, terms
from workbench.core.qa.checks import Problem, Subject, check_subject
from workbench.core.records import Origin, SegmentRecord, Status
from workbench.core.store.project_store import Project


@dataclass(frozen=True, slots=True)
class QaContext:
    """What bulk and live checks share: the glossary finder and the ignored findings (reloaded, never edited)."""

    finder: TermFinder
    #: (segment id, language) -> the ids of the checks whose findings there were judged fine
    ignored: dict[tuple[int, str], set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, project: Project) -> QaContext:
        ignored: dict[tuple[int, str], set[str]] = {}
        for row in project.connection.execute("SELECT segment_id, language, check_id FROM qa_ignored"):
            ignored.setdefault((row[0], row[1]), set()).add(row[2])
        return cls(TermFinder(terms(project)), ignored)


def check_segment(
    segment: SegmentRecord, language: str, context: QaContext, found: tuple[FoundTerm, ...] | None = None
) -> list[Problem]:
    """One segment in one language (`found`: its glossary terms, when the caller has them already)."""
    if not segment.translatable:
        return []
    translation = segment.translations.get(language)
    subject = Subject(
        segment.source,
        translation.text if translation else "",
        language,
        translation.status if translation else Status.UNTRANSLATED,
        translation.origin if translation else Origin.NONE,
        segment.spans,
        tuple(context.finder.find(segment.source)) if found is None else found,
    )
    return check_subject(subject, segment.id, frozenset(context.ignored.get((segment.id, language), ())))
