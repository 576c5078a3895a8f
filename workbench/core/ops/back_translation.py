"""Back-translation of machine drafts into the source language, the use case the CLI and the window share.

Mirrors pre-translation (core/ops/pretranslation.py): `plan_back_translation` runs where the project's
connection lives, finds the machine drafts still in their cell whose notes lack a back-translation and
notes at once those the cache already knows; `run_back_translation` is the long work, a plain function
with a progress/cancel object, which asks a `Drafter` (the MT pipeline, with the draft's language as its
source) for back-translations batch by batch and hands each batch to `save`. Each batch is one
transaction: a failure rolls that batch back and keeps the earlier ones. After each saved batch the
drafts' quality is estimated again (the round-trip similarity needs the back-translation).
A draft a person has edited gets no back-translation: it is no longer the model's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workbench.core.counted import counted
from workbench.core.errors import ProjectFault
from workbench.core.ops.pretranslation import Draft, Drafter, Unit
from workbench.core.progress import NullProgress, Progress
from workbench.core.quality.estimate import score_segments
from workbench.core.store.back_translation_cache import NewBack, cached_backs, drafts_without_back, write_backs
from workbench.core.store.project_store import Project


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


#: saves one batch (plan, the model that decoded it, its back-translations) and says which segments were noted
SaveBack = Callable[[BackPlan, str, list[Draft]], list[int]]


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
) -> BackPlan:
    """The machine drafts of `language` (of a document, a selection, or the project) that lack a back-translation;
    those the cache knows for `model` and `options` are noted at once (one transaction)."""
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
    return BackPlan(language, project.info.source_language, model, options, units, tuple(from_cache))


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
) -> BackResult:
    """Back-translate the plan's drafts (the drafter translates from the plan's language into its source) and
    save each batch as it comes; a cancel (raised as `Cancelled` between batches) or a failure keeps every batch
    saved before it. `before_batch` runs before each batch is decoded (the window answers a translator waiting
    for a segment there, so a request never waits behind back-translations)."""
    started = time.perf_counter()
    noted: list[int] = list(plan.from_cache)
    translated = 0
    batches = drafter.drafts(plan.units, plan.source, progress or NullProgress())
    try:
        while True:
            before_batch()
            batch = next(batches, None)
            if batch is None:
                break
            saved = save(plan, drafter.model, batch)
            noted += saved
            translated += len(saved)
    except ProjectFault as fault:  # a full disk: the batch being saved is rolled back whole, the ones before stay
        done = counted(len(noted), "back-translation")
        raise type(fault)(f"{fault}; {done} of earlier batches saved: run the same command again to go on") from fault
    finally:
        batches.close()
    return BackResult(plan, translated, time.perf_counter() - started, tuple(noted))
