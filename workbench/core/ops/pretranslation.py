"""Pre-translation, the one use case the CLI and the window share: memory first, then the cache, then a model.

`plan_pretranslation` runs where the project's connection lives: it drafts 100 % memory matches and
cached model outputs at once and says what is left for the model. `run_pretranslation` is the long
work, a plain function with a progress/cancel object (STYLE.md rule 2): it asks a `Drafter` (the MT
pipeline) for drafts batch by batch and hands each batch to `save`, which the CLI does in place and
the window routes to the thread that owns the connection. The decoding options' cache key is fixed in
the plan, so a setting changed mid-job never files drafts under options they were not decoded with.
Drafts are not confirmed translations: nothing here teaches the project's or the shared memory.

Every draft is given its quality estimate (core/quality) before it is written; with `leave_poor_out` a
draft in the "poor" band is cached and noted (the side panel offers it) but its cell stays untranslated.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from workbench.core.changes import SegmentChanges
from workbench.core.counted import counted
from workbench.core.errors import ProjectFault
from workbench.core.language.protected_spans import ProtectedSpan
from workbench.core.memory.project_memory import Memories, prefill_from_memory
from workbench.core.progress import NullProgress, Progress
from workbench.core.quality.estimate import estimate_drafts
from workbench.core.quality.signals import DraftFacts
from workbench.core.records import Status
from workbench.core.store.draft_store import NewDraft, SavedDrafts, cached_drafts, save_drafts
from workbench.core.store.project_store import Project
from workbench.core.tags.inline_tags import TagInfo


@dataclass(frozen=True, slots=True)
class Unit:
    """One distinct source text and every segment that has it: the model translates it once."""

    source: str
    segment_ids: tuple[int, ...]
    spans: tuple[ProtectedSpan, ...]
    #: the source's inline tags: the model sees the text without them and mt.tag_transfer puts them back
    tags: Mapping[int, TagInfo] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class Draft:
    """A model's output for a unit, its spans restored (or flagged as lost)."""

    unit: Unit
    text: str
    score: float
    flags: tuple[str, ...]
    #: what the pipeline records on the draft (`draft_notes`): {"signals": {...}, "terms": [...], "rules": [...]}
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DraftPlan:
    """One language of a pre-translation, fixed when it starts: the model, its options, what is left."""

    language: str
    #: the model the cache was asked for, and whose drafts the plan expects
    model: str
    #: the cache key of the decoding options the drafts are decoded with (`TranslateOptions.cache_key`)
    options: str
    #: what is still for the model, after memory and cache
    units: tuple[Unit, ...]
    #: segments that received a 100 % memory match as a draft, and those drafted from the cache
    from_memory: tuple[int, ...] = ()
    from_cache: tuple[int, ...] = ()
    #: a draft the quality estimate puts in the "poor" band stays out of its cell (cached and noted only)
    leave_poor_out: bool = False
    #: segments whose cached draft planning left out of the cell as poor
    left_out: tuple[int, ...] = ()

    @property
    def to_translate(self) -> int:
        """Segments the model will draft (a repeated source counts once per segment)."""
        return sum(len(u.segment_ids) for u in self.units)

    @property
    def to_draft(self) -> int:
        """Segments left for machine translation when the plan was made: the cache's and the model's."""
        return len(self.from_cache) + len(self.left_out) + self.to_translate

    @property
    def changes(self) -> SegmentChanges:
        """What planning already drafted."""
        return SegmentChanges.of(self.from_memory + self.from_cache, self.language)


@dataclass(frozen=True, slots=True)
class PretranslationResult:
    """What one language's run did: the plan, the model's share, and every segment that got a draft."""

    plan: DraftPlan
    translated: int
    flagged: int
    seconds: float
    changes: SegmentChanges
    #: segments whose draft was left out of the cell as poor (planning's and the batches')
    left_out: int = 0


@dataclass(frozen=True, slots=True)
class SavedBatch(SegmentChanges):
    """What saving a batch changed, and the segments whose poor draft it left out of the cell."""

    left_out: tuple[int, ...] = ()


class Drafter(Protocol):
    """Turns units into drafts batch by batch and touches no database (`mt.pipeline.EngineDrafter` is one)."""

    @property
    def model(self) -> str: ...

    def drafts(
        self, units: Sequence[Unit], language: str, progress: Progress
    ) -> Generator[list[Draft], None, None]: ...


#: saves one batch (plan, the model that decoded it, its drafts) and says what changed
SaveBatch = Callable[[DraftPlan, str, list[Draft]], SegmentChanges]


def plan_units(
    project: Project, language: str, document_id: int | None = None, segment_ids: Sequence[int] | None = None
) -> list[Unit]:
    """Untranslated, translatable segments (of a document, a selection, or the project) grouped by source."""
    groups: dict[str, list[int]] = {}
    spans: dict[str, tuple[ProtectedSpan, ...]] = {}
    tags: dict[str, Mapping[int, TagInfo]] = {}
    for segment in project.segments(document_id, Status.UNTRANSLATED, language):
        if segment.translatable and segment.source.strip():
            groups.setdefault(segment.source, []).append(segment.id)
            spans.setdefault(segment.source, segment.spans)
            if segment.tags:
                tags.setdefault(segment.source, segment.tags)
    units = [Unit(source, tuple(ids), spans[source], tags.get(source, {})) for source, ids in groups.items()]
    if segment_ids is None:
        return units
    wanted = set(segment_ids)
    return [
        Unit(u.source, ids, u.spans, u.tags) for u in units if (ids := tuple(i for i in u.segment_ids if i in wanted))
    ]


def plan_pretranslation(
    project: Project,
    language: str,
    model: str,
    options: str,
    document_id: int | None = None,
    segment_ids: Sequence[int] | None = None,
    memories: Memories | None = None,
    leave_poor_out: bool = False,
) -> DraftPlan:
    """Draft what memory and cache already know (each one transaction) and plan the rest for `model`.

    100 % memory matches go first: a person's translation beats a model's. With `leave_poor_out` a draft
    estimated "poor" stays out of its cell (Settings.leave_poor_drafts_out).
    """
    from_memory: list[int] = []
    if memories is not None:
        from_memory = prefill_from_memory(project, memories, language, document_id, segment_ids)
    units = plan_units(project, language, document_id, segment_ids)
    cached = cached_drafts(project, model, options, language, (u.source for u in units))
    hits = [u for u in units if u.source in cached]
    saved = SavedDrafts([], [])
    if hits:
        drafts = [
            (u, NewDraft(u.source, u.segment_ids, c.text, c.score, c.flags, c.meta))
            for u in hits
            if (c := cached[u.source])
        ]
        saved = save_drafts(
            project, model, options, language, _estimated(project, language, model, drafts, leave_poor_out), cache=False
        )
    remaining = tuple(u for u in units if u.source not in cached)
    return DraftPlan(
        language, model, options, remaining, tuple(from_memory), tuple(saved.written), leave_poor_out,
        tuple(saved.left_out),
    )  # fmt: skip


def _estimated(
    project: Project, language: str, model: str, drafts: Sequence[tuple[Unit, NewDraft]], leave_poor_out: bool
) -> list[NewDraft]:
    """The drafts as they are saved, each with its quality estimate (made before anything is written)."""
    facts = [DraftFacts(u.segment_ids[0], u.source, u.spans, d.text, model, d.meta, d.score) for u, d in drafts]
    return [
        replace(d, quality=e.score, band=e.band, signals=e.signals, leave_out=leave_poor_out and e.band == "poor")
        for (_unit, d), e in zip(drafts, estimate_drafts(project, language, facts), strict=True)
    ]


def save_batch(project: Project, plan: DraftPlan, model: str, drafts: Sequence[Draft]) -> SavedBatch:
    """Store a batch as drafts of still-untranslated segments, estimated, and cache it under the plan's
    options; a poor draft stays out of its cell when the plan says so."""
    new = [(d.unit, NewDraft(d.unit.source, d.unit.segment_ids, d.text, d.score, d.flags, d.meta)) for d in drafts]
    saved = save_drafts(
        project, model, plan.options, plan.language, _estimated(project, plan.language, model, new, plan.leave_poor_out)
    )
    return SavedBatch(tuple(saved.written), (plan.language,), left_out=tuple(saved.left_out))


def run_pretranslation(
    plan: DraftPlan, drafter: Drafter, save: SaveBatch, progress: Progress | None = None
) -> PretranslationResult:
    """Decode the plan's units and save each batch as it comes; a cancel (raised as `Cancelled` between
    batches) or a failure keeps every batch saved before it."""
    started = time.perf_counter()
    drafted: list[int] = list(plan.from_cache)
    translated = flagged = 0
    left_out = len(plan.left_out)
    batches = drafter.drafts(plan.units, plan.language, progress or NullProgress())
    try:
        for batch in batches:
            changes = save(plan, drafter.model, batch)
            drafted += changes.segment_ids
            left_out += len(changes.left_out) if isinstance(changes, SavedBatch) else 0
            translated += sum(len(d.unit.segment_ids) for d in batch)
            flagged += sum(1 for d in batch if d.flags)
    except ProjectFault as fault:  # a full disk: the batch being saved is rolled back whole, the ones before stay
        saved = counted(len(drafted), "draft")
        raise type(fault)(f"{fault}; {saved} of earlier batches saved: run the same command again to go on") from fault
    finally:
        batches.close()
    changes = SegmentChanges.of(plan.from_memory + tuple(drafted), plan.language)
    return PretranslationResult(plan, translated, flagged, time.perf_counter() - started, changes, left_out)
