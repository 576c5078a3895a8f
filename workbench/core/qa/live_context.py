"""The checks of one segment as the window runs them while a translator types: what they need from the
project (its glossary finder and the findings a person decided are fine), loaded once and kept."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.memory.glossary import FoundTerm, TermFinder, terms
from workbench.core.qa.checks import Problem, Severity, Subject, check_subject
from workbench.core.qa.spelling_check import SpellingSetup, source_spelling, target_spelling
from workbench.core.records import Origin, SegmentRecord, Status
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project


@dataclass(frozen=True, slots=True)
class QaContext:
    """What bulk and live checks share: the glossary finder and the ignored findings (reloaded, never edited)."""

    finder: TermFinder
    #: (segment id, language) -> the ids of the checks whose findings there were judged fine
    ignored: dict[tuple[int, str], set[str]] = field(default_factory=dict)
    #: what the spelling checks need (None: spell checking is off in the settings)
    spelling: SpellingSetup | None = None

    @classmethod
    def load(cls, project: Project, settings: Settings | None = None) -> QaContext:
        ignored: dict[tuple[int, str], set[str]] = {}
        for row in project.connection.execute("SELECT segment_id, language, check_id FROM qa_ignored"):
            ignored.setdefault((row[0], row[1]), set()).add(row[2])
        spelling = SpellingSetup.load(project, settings or Settings.load())
        return cls(TermFinder(terms(project)), ignored, spelling)


def spelling_problems(
    context: QaContext,
    subject: Subject,
    segment_id: int,
    ignored: frozenset[str],
    first_language: bool,
    loaded_only: bool = False,
) -> list[Problem]:
    """The spelling findings of one subject: its translation's, and (once per segment) its source's
    (`loaded_only`: none from a dictionary not loaded yet, for the window's live checks)."""
    setup = context.spelling
    if setup is None:
        return []
    found = []
    if "spelling" not in ignored:
        message = target_spelling(setup, subject.target, subject.language, loaded_only, subject.source)
        if message:
            found.append(Problem(segment_id, subject.language, "spelling", Severity.WARNING, message))
    if first_language and "source-spelling" not in ignored:
        message = source_spelling(setup, subject.source, subject.spans, loaded_only)
        if message:
            found.append(Problem(segment_id, subject.language, "source-spelling", Severity.WARNING, message))
    return found


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
        tags=segment.tags,
    )
    ignored = frozenset(context.ignored.get((segment.id, language), ()))
    return [
        *check_subject(subject, segment.id, ignored),
        *spelling_problems(context, subject, segment.id, ignored, True, loaded_only=True),  # the window: never waits
    ]
