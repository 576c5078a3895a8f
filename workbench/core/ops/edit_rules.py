"""Per-project edit rules: regular expressions applied to the source before MT and to the output after.

(Stub agreed with the pipeline: the edit-rules work fills it in; the signatures stay.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.core.language.protected_spans import ProtectedSpan

if TYPE_CHECKING:
    from workbench.core.store.project_store import Project


@dataclass(frozen=True, slots=True)
class RuleResult:
    text: str
    #: the rules that changed the text, as recorded on the draft (each "id: pattern -> replacement")
    applied: tuple[str, ...] = ()
    #: rules that could not apply to this text and why (timed out, would empty it, touched a protected span)
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The project's enabled rules, in order, fixed when a job starts (hashable: it is part of the options)."""

    @classmethod
    def from_project(cls, project: Project) -> RuleSet | None:
        """The project's, or None when it has none."""
        return None

    @property
    def key(self) -> str:
        """For the draft cache key: changes whenever a rule that could change a draft changes."""
        return ""

    def apply_source(self, text: str, spans: Sequence[ProtectedSpan]) -> RuleResult:
        return RuleResult(text)

    def apply_target(self, language: str, text: str, spans: Sequence[ProtectedSpan]) -> RuleResult:
        return RuleResult(text)
