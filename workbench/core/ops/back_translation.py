"""Back-translation of machine drafts into the source language, the use case the CLI and the window share.

Mirrors pre-translation (core/ops/pretranslation.py): `plan_back_translation` runs where the project's
connection lives, finds the machine drafts still in their cell whose notes lack a back-translation and
notes at once those the cache already knows; `run_back_translation` is the long work, a plain function
with a progress/cancel object, which asks a `Drafter` (the MT pipeline, with the draft's language as its
source) for back-translations batch by batch and hands each batch to `save`. Each batch is one
transaction: a failure rolls that batch back and keeps the earlier ones. After each saved batch the
drafts' quality is estimated again (the round-trip similarity needs the back-translation).
A draft a person has edited gets no back-translation: it is no longer the model's.

A plan may carry a `SecondOpinion`: the back-translation model also drafts each batch's sources into the
drafts' language (when it can and is not the model that made the drafts: the mt layer decides), and those
drafts are cached under its own name before the batch is saved and estimated, so the estimate's `agreement`
compares two models' outputs. They go into the MT cache only, never into a cell.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workbench.core.counted import counted
from workbench.core.errors import ProjectFault
from workbench.core.language.protected_spans import ProtectedSpan
from workbench.core.ops.pretranslation import Draft, Drafter, Unit
from workbench.core.progress import NullProgress, Progress
from workbench.core.quality.estimate import score_segments
from workbench.core.store.back_translation_cache import NewBack, cached_backs, drafts_without_back, write_backs
from workbench.core.store.project_store import Project
from workbench.core.store.second_opinions import Opinion, cache_opinions, drafted_sources, sources_drafted_by


def same_model(one: str, other: str) -> bool:
    """Whether two runnable names are one model (a converted copy is named ORIGINAL-ct2-QUANT)."""
    return one.split("-ct2-")[0] == other.split("-ct2-")[0]


@dataclass(frozen=True, slots=True)
class SecondOpinion:
    """Another model's drafts of the plan's sources into its language, for the estimate's `agreement`."""

    model: str
    #: the cache key of its drafting options
    options: str
    #: one unit per distinct source (the segments' Vietnamese text) still lacking this model's draft
    units: tuple[Unit, ...] = ()


@dataclass(frozen=True, slots=True)
class BackPlan:
    """One language's back-translation, fixed when it starts: the model, its options, the drafts left."""

    #: the drafts' language; the back-translations are in `source`
    language: str
    source: str
    model: str
    #: the cache key of the back-translation's decoding options (`TranslateOptions.cache_key`)
    options: str
    #: one unit per distinct draft (`Unit.source` is the draft), with every segment holding it
    units: tuple[Unit, ...]
    #: segments noted at once from the cache
    from_cache: tuple[int, ...] = ()
    #: the second model's drafts to make alongside (None: none)
    second: SecondOpinion | None = None

    @property
    def to_translate(self) -> int:
        """Segments whose drafts the model will back-translate (a repeated draft counts once per segment)."""
        return sum(len(u.segment_ids) for u in self.units)


@dataclass(frozen=True, slots=True)
class BackResult:
    plan: BackPlan
    #: segments noted with a back-translation the model made in this run (not the cache's)
    translated: int
    seconds: float
    #: every segment noted, the cache's and the model's
    segment_ids: tuple[int, ...]
    #: the second opinion's drafts cached in this run, and the seconds they took to decode
    opinions: int = 0
    opinion_seconds: float = 0.0


#: saves one batch (plan, the model that decoded it, its back-translations) and says which segments were noted
SaveBack = Callable[[BackPlan, str, list[Draft]], list[int]]
#: caches a batch's second-opinion drafts (plan, the model that decoded them, the drafts); says how many were new
SaveOpinions = Callable[[BackPlan, str, list[Draft]], int]


def estimate_quality(project: Project, language: str, segment_ids: Sequence[int]) -> None:
    """The drafts' quality estimate again, now that they have a back-translation (core/quality)."""
    if not segment_ids:
        return
    score_segments(project, language, list(segment_ids))


def plan_back_translation(
    project: Project,
    language: str,
    model: str,
    options: str,
    segment_ids: Sequence[int] | None = None,
    document_id: int | None = None,
    second: SecondOpinion | None = None,
) -> BackPlan:
    """The machine drafts of `language` (of a document, a selection, or the project) that lack a back-translation;
    those the cache knows for `model` and `options` are noted at once (one transaction). With `second`, the
    sources of the drafts left to back-translate that the second model should draft too (`opinion_units`)."""
    groups: dict[str, list[int]] = {}
    for segment_id, draft in drafts_without_back(project.connection, language, document_id, segment_ids):
        groups.setdefault(draft, []).append(segment_id)
    cached = cached_backs(project.connection, model, options, language, groups)
    from_cache: list[int] = []
    if cached:
        hits = [NewBack(draft, tuple(groups[draft]), c.back, c.score) for draft, c in cached.items()]
        with project.transaction() as db:
            from_cache = write_backs(db, model, options, language, hits, cache=False)
        estimate_quality(project, language, from_cache)
    units = tuple(Unit(draft, tuple(ids), ()) for draft, ids in groups.items() if draft not in cached)
    if second is not None:
        second = SecondOpinion(second.model, second.options, opinion_units(project, language, second.model, units))
    return BackPlan(language, project.info.source_language, model, options, units, tuple(from_cache), second)


def opinion_units(project: Project, language: str, model: str, units: Sequence[Unit]) -> tuple[Unit, ...]:
    """The sources of these back-translation units' segments that `model` should draft into `language`: not
    those whose draft `model` made itself (no second opinion), nor those it has drafted already (the cache)."""
    groups: dict[str, list[int]] = {}
    spans: dict[str, tuple[ProtectedSpan, ...]] = {}
    for found in drafted_sources(project.connection, language, (i for u in units for i in u.segment_ids)):
        if found.source.strip() and not same_model(found.model, model):
            groups.setdefault(found.source, []).append(found.segment_id)
            spans.setdefault(found.source, found.spans)
    known = sources_drafted_by(project.connection, model, language, groups)
    return tuple(Unit(source, tuple(ids), spans[source]) for source, ids in groups.items() if source not in known)


def save_second_opinions(project: Project, plan: BackPlan, model: str, drafts: Sequence[Draft]) -> int:
    """Cache a batch's second-opinion drafts under the second model's options (one transaction), never in a
    cell; says how many were new."""
    if plan.second is None or not drafts:
        return 0
    opinions = [Opinion(d.unit.source, d.text, d.score, d.flags, d.meta) for d in drafts]
    with project.transaction() as db:
        return cache_opinions(db, model, plan.second.options, plan.language, opinions)


def save_back_translations(project: Project, plan: BackPlan, model: str, drafts: Sequence[Draft]) -> list[int]:
    """Cache a batch under the plan's options and note it on the segments still holding each draft (one
    transaction), then estimate their quality again; returns the ids of the segments noted."""
    backs = [NewBack(d.unit.source, d.unit.segment_ids, d.text, d.score) for d in drafts]
    with project.transaction() as db:
        noted = write_backs(db, model, plan.options, plan.language, backs)
    estimate_quality(project, plan.language, noted)
    return noted


def run_back_translation(
    plan: BackPlan,
    drafter: Drafter,
    save: SaveBack,
    progress: Progress | None = None,
    before_batch: Callable[[], None] = lambda: None,
    second: tuple[Drafter, SaveOpinions] | None = None,
) -> BackResult:
    """Back-translate the plan's drafts (the drafter translates from the plan's language into its source) and
    save each batch as it comes; a cancel (raised as `Cancelled` between batches) or a failure keeps every batch
    saved before it. `before_batch` runs before each batch is decoded (the window answers a translator waiting
    for a segment there, so a request never waits behind back-translations). With `second` (the plan's second
    opinion's drafter, from the source language, and how to cache its drafts), each batch's sources are drafted
    and cached first, so the batch's estimate has both models' drafts."""
    started = time.perf_counter()
    progress = progress or NullProgress()
    noted: list[int] = list(plan.from_cache)
    translated = opinions = 0
    opinion_seconds = 0.0
    pending = {i: u for u in plan.second.units for i in u.segment_ids} if plan.second and second else {}
    batches = drafter.drafts(plan.units, plan.source, progress)
    try:
        while True:
            before_batch()
            batch = next(batches, None)
            if batch is None:
                break
            if second is not None and pending:
                clock = time.perf_counter()
                opinions += _second_opinions(plan, batch, pending, second, progress, before_batch)
                opinion_seconds += time.perf_counter() - clock
            saved = save(plan, drafter.model, batch)
            noted += saved
            translated += len(saved)
    except ProjectFault as fault:  # a full disk: the batch being saved is rolled back whole, the ones before stay
        done = counted(len(noted), "back-translation")
        raise type(fault)(f"{fault}; {done} of earlier batches saved: run the same command again to go on") from fault
    finally:
        batches.close()
    seconds = time.perf_counter() - started
    return BackResult(plan, translated, seconds, tuple(noted), opinions, opinion_seconds)


class _CancelOnly:
    """The pass's cancel, without its bar: the second opinion's drafts are not the pass's count."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress

    def report(self, done: int, total: int, message: str = "") -> None:
        pass

    def is_cancelled(self) -> bool:
        return self.progress.is_cancelled()


def _second_opinions(
    plan: BackPlan,
    batch: Sequence[Draft],
    pending: dict[int, Unit],
    second: tuple[Drafter, SaveOpinions],
    progress: Progress,
    before_batch: Callable[[], None],
) -> int:
    """The second model's drafts of the sources of this batch's segments not drafted yet, cached; urgent
    requests are answered before each of its batches too."""
    units = {id(u): u for d in batch for i in d.unit.segment_ids if (u := pending.pop(i, None)) is not None}
    for unit in units.values():
        for segment_id in unit.segment_ids:
            pending.pop(segment_id, None)
    if not units:
        return 0
    drafter, save = second
    made = 0
    drafts = drafter.drafts(list(units.values()), plan.language, _CancelOnly(progress))
    try:
        while True:
            before_batch()
            found = next(drafts, None)
            if found is None:
                return made
            made += save(plan, drafter.model, found)
    finally:
        drafts.close()
