"""Glossary terms in the MT output: fixed terms through placeholders, the others by choosing among n-best.

(Stub agreed with the pipeline: the glossary-enforcement work fills it in; the signatures stay.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.mt.engine import Hypothesis

if TYPE_CHECKING:
    from workbench.core.store.project_store import Project


@dataclass(frozen=True, slots=True)
class ProtectedSource:
    """A source with its fixed terms replaced by placeholders the model copies, and how to put them back."""

    text: str
    #: (placeholder, target term) pairs, in order
    placeholders: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class TermChoice:
    hypothesis: Hypothesis
    #: the glossary terms the chosen output uses because of enforcement, as recorded on the draft
    enforced: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TermPlan:
    """The glossary of one target language, fixed when a job starts (hashable: part of the options)."""

    @classmethod
    def from_project(cls, project: Project) -> TermPlan | None:
        """The project's, or None when it has none."""
        return None

    @property
    def key(self) -> str:
        return ""

    @property
    def num_hypotheses(self) -> int:
        """How many hypotheses to ask the engine for when a source has terms to enforce."""
        return 1

    def wants_hypotheses(self, source: str) -> bool:
        """Whether this source has a term to enforce by choosing among hypotheses."""
        return False

    def protect(self, source: str, target: str) -> ProtectedSource:
        return ProtectedSource(source)

    def restore(self, protected: ProtectedSource, output: str) -> tuple[str, tuple[str, ...]]:
        """The output with every placeholder's term back (whatever the model did with it), and flags."""
        return output, ()

    def choose(self, source: str, hypothesis: Hypothesis, target: str) -> TermChoice:
        """Among `hypothesis.alternatives` (or just it), the one that uses the glossary, within a score margin."""
        return TermChoice(hypothesis)

    def missing(self, source: str, output: str, target: str) -> tuple[str, ...]:
        """Flags for terms of the source the output still lacks (the term-not-used check's wording)."""
        return ()
