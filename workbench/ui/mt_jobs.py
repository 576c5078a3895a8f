"""Machine translation from the window: pre-translation jobs and "this segment now", off the GUI thread.

A job is the core use case (`core/ops/pretranslation.py`) split at its thread boundary: planning
(memory matches, cache) runs in the GUI thread when the job starts, `run_pretranslation` decodes in a
task of the window's task runner (`ui/tasks.py`), and each finished batch is handed over as a partial
result and saved in the GUI thread, so the project's single SQLite connection stays in one thread and
the grid fills in batch by batch. Workers never touch widgets or the project file. The job's model
for each language, its options (beam, Khmer digits) and their cache key are fixed when it starts: a
setting changed meanwhile applies to the next job. While a job decodes a language, a request for one
segment of that language goes through the job's UrgentRequests (a future, not a task): answered at
once on the engine's second replica, or before the job's next batch by an engine without one
(mt/pipeline.py); otherwise the segment is a task of its own. A language whose choice in the settings
is a pivot route (vi-en-km, mt/routes.py) is translated through the route the same way: the job's
drafter is a RouteDrafter (which answers requests between hop batches), a segment alone goes
through both hops; both hops' engines come from the pool.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from workbench.core.changes import NO_CHANGES, SegmentChanges
from workbench.core.errors import WorkbenchError
from workbench.core.memory.project_memory import Memories
from workbench.core.ops.pretranslation import (
    Draft,
    DraftPlan,
    SaveBatch,
    Unit,
    plan_pretranslation,
    run_pretranslation,
    save_batch,
)
from workbench.core.progress import Cancelled, Share
from workbench.core.records import SegmentRecord
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.mt.back_translation import drafting_serve
from workbench.mt.model_choice import EnginePool, choose
from workbench.mt.pipeline import TranslateOptions, UrgentRequests, translate_options
from workbench.mt.routes import drafter_for
from workbench.ui.back_translation_jobs import BackTranslations
from workbench.ui.tasks import TaskRunner, TaskState

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Job:
    """A running pre-translation: its plans (one per language) and the options it decodes with."""

    id: int
    plans: tuple[DraftPlan, ...]
    options: TranslateOptions
    started: float = field(default_factory=time.monotonic)
    #: what the job drafts: a document's segments, a selection, or the project (both None)
    document_id: int | None = None
    segment_ids: tuple[int, ...] | None = None

    @property
    def total(self) -> int:
        """Segments left for the model when the job started."""
        return sum(plan.to_translate for plan in self.plans)

    @property
    def from_cache(self) -> int:
        """Segments drafted at once, from memory matches and the cache."""
        return sum(len(plan.from_memory) + len(plan.from_cache) for plan in self.plans)

    def plan_for(self, language: str) -> DraftPlan | None:
        return next((plan for plan in self.plans if plan.language == language), None)


@dataclass(frozen=True, slots=True)
class _Running:
    """The urgent queue of a language of a running job (or back-translation pass: no job id), with the model and
    cache key its answers carry."""

    job_id: int | None
    requests: UrgentRequests
    model: str
    options: str


@dataclass(frozen=True, slots=True)
class _Loading:
    """A job's partial result: its worker is loading this model."""

    model: str


@dataclass(frozen=True, slots=True)
class _Batch:
    """A job's partial result: drafts of one language, decoded by `model`, to be saved in the GUI thread."""

    language: str
    model: str
    drafts: list[Draft]


def _decode(
    plans: Sequence[DraftPlan],
    options: TranslateOptions,
    pool: EnginePool,
    source: str,
    urgent: dict[str, UrgentRequests],
    state: TaskState,
) -> None:
    """A job's task, in a worker: decode each plan with its planned model; hand every batch over."""
    total = sum(plan.to_translate for plan in plans)
    offset = 0
    for plan in plans:
        if state.is_cancelled():
            raise Cancelled("cancelled")
        if not plan.units:
            continue
        state.partial(_Loading(plan.model))
        # the planned model or route, whatever the settings say now
        drafter = drafter_for(plan.model, pool, source, plan.language, options, urgent[plan.language])
        run_pretranslation(plan, drafter, _hand_over(state), Share(state, offset, plan.to_translate, total))
        offset += plan.to_translate


def _hand_over(state: TaskState) -> SaveBatch:
    """The use case's `save` in the worker: the batch goes to the GUI thread, which saves it."""

    def hand_over(plan: DraftPlan, model: str, drafts: list[Draft]) -> SegmentChanges:
        state.partial(_Batch(plan.language, model, drafts))
        return NO_CHANGES  # saved later, in `MtService._save_batch`, which tells the window

    return hand_over


def _translate_alone(
    pool: EnginePool, source: str, language: str, unit: Unit, options: TranslateOptions, segment_id: int
) -> tuple[str, Draft]:
    """A segment's task, in a worker: the model's (or route's) name and its draft."""
    try:
        # checked by `choose` (a route: its hops' engines translate the segment through it)
        choice = choose(pool.store, pool.settings, language, source, option="")
        return choice, drafting_serve(pool, choice, source, language, options)(unit)
    except WorkbenchError:
        raise
    except Exception as exc:  # reported to the window by its message alone, as a WorkbenchError's
        log.exception("translating segment %d failed", segment_id)
        raise WorkbenchError(str(exc)) from exc


class MtService(QObject):
    progressed = Signal(int, int, int)  # job id, segments done, segments in the job
    model_loading = Signal(int, str)  # job id, model name
    drafts_ready = Signal(int, str, str, object)  # job id, language, model, list[Draft]
    job_ended = Signal(int, str, str)  # job id, "done" | "cancelled" | "failed", message
    segment_ready = Signal(int, str, str, object)  # segment id, language, model, Draft
    segment_failed = Signal(int, str, str)  # segment id, language, message
    saved = Signal(list)  # ids of segments that received a draft, or whose poor draft was left out of the cell

    def __init__(
        self, project: Project, settings: Settings, pool: EnginePool, parent: QObject | None = None,
        memories: Memories | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.memories = memories
        self.project = project
        self.settings = settings
        self.engines = pool
        self.jobs: dict[int, Job] = {}  # the running jobs by id
        #: the pre-translation jobs' tasks: a job's id is its task's
        self.tasks: TaskRunner[None] = TaskRunner(self)
        #: "this segment now" when no job of its language is decoding: (segment id, language)
        self.segment_tasks: TaskRunner[tuple[int, str]] = TaskRunner(self)
        self._urgent: dict[str, _Running] = {}  # language -> the running job's urgent queue
        #: how the settings become decoding options (the benchmark caps the output of random weights)
        self.options_for: Callable[[Settings], TranslateOptions] = lambda settings: translate_options(settings, project)
        #: (segment, language) asked for now -> the cache key of the options its draft is decoded with
        self._pending: dict[tuple[int, str], str] = {}
        self.tasks.progressed.connect(lambda job_id, done, total, _message: self.progressed.emit(job_id, done, total))
        self.tasks.partial.connect(self._job_reported)
        self.tasks.finished.connect(lambda job_id, _result: self.job_ended.emit(job_id, "done", ""))
        self.tasks.cancelled.connect(lambda job_id: self.job_ended.emit(job_id, "cancelled", ""))
        self.tasks.failed.connect(lambda job_id, message: self.job_ended.emit(job_id, "failed", message))
        self.segment_tasks.finished.connect(self._segment_decoded)
        self.segment_tasks.failed.connect(self._segment_not_decoded)
        self.drafts_ready.connect(self._save_batch)
        self.segment_ready.connect(self._save_segment)
        self.job_ended.connect(self._forget_job)
        #: back-translations of the drafts, in the background after them (when the settings ask for them)
        self.back = BackTranslations(self, self)
        self.segment_failed.connect(lambda segment_id, language, _message: self.forget_failure(segment_id, language))

    @property
    def busy(self) -> bool:
        return bool(self.jobs)

    @property
    def segments_asked_for(self) -> int:
        """ "This segment now" requests not yet saved or failed."""
        return len(self._pending)

    # --- pre-translation ---------------------------------------------------------------------------

    def start(self, languages: Sequence[str], document_id: int | None, segment_ids: Sequence[int] | None = None) -> Job:
        """Plan in this thread (raises NoModel at once if a language has none), draft from memory and the
        cache, and start decoding the rest in the background with the models and options of this moment."""
        source = self.project.info.source_language
        options = self.options_for(self.settings)
        pool = self.engines
        models = [choose(pool.store, self.settings, language, source, option="") for language in languages]
        plans: list[DraftPlan] = []
        for language, model in zip(languages, models, strict=True):
            plan = plan_pretranslation(
                self.project, language, model, options.cache_key(), document_id, segment_ids, self.memories,
                leave_poor_out=self.settings.leave_poor_drafts_out,
            )  # fmt: skip
            if self.memories is not None:
                self.saved.emit(list(plan.from_memory))
            if plan.from_cache or plan.left_out:  # a left-out poor draft marks its empty cell (band icon)
                self.saved.emit([*plan.from_cache, *plan.left_out])
            plans.append(plan)
        urgent = {plan.language: UrgentRequests() for plan in plans if plan.units}
        self.back.make_way()  # drafts first: a running back-translation pass stops and comes back after them
        job_id = self.tasks.start(lambda state: _decode(plans, options, pool, source, urgent, state), None)
        # the task reports through the event loop, so the job is known before its first report arrives
        ids = tuple(segment_ids) if segment_ids is not None else None
        job = Job(job_id, tuple(plans), options, document_id=document_id, segment_ids=ids)
        self.jobs[job.id] = job
        urgent_key = options.for_urgent().cache_key()
        for plan in plans:
            if plan.language in urgent:
                self._urgent[plan.language] = _Running(job.id, urgent[plan.language], plan.model, urgent_key)
        return job

    def cancel(self, job_id: int | None = None) -> None:
        """Stop a job (or every job, and the back-translations with them) between batches."""
        for job in self.jobs.values():
            if job_id is None or job.id == job_id:
                self.tasks.cancel(job.id)
        if job_id is None:
            self.back.cancel()

    def shutdown(self, wait_ms: int = 30000) -> None:
        """Stop every job (between batches) and wait for the workers; finished batches are still saved."""
        self.cancel()
        self.back.shutdown(wait_ms)
        self.tasks.shutdown(wait_ms)

    def _job_reported(self, job_id: int, report: object) -> None:
        if isinstance(report, _Loading):
            self.model_loading.emit(job_id, report.model)
        elif isinstance(report, _Batch):
            self.drafts_ready.emit(job_id, report.language, report.model, report.drafts)

    def _forget_job(self, job_id: int, outcome: str, _message: str) -> None:
        job = self.jobs.pop(job_id, None)
        for language in [language for language, running in self._urgent.items() if running.job_id == job_id]:
            del self._urgent[language]
        # after a job's drafts: its scope's back-translations (and those asked for meanwhile) in the background
        if outcome == "done" and job is not None:
            self.back.request([plan.language for plan in job.plans], job.document_id, job.segment_ids)
        self.back.resume()

    def serve_urgent(self, language: str, requests: UrgentRequests, model: str, options: str) -> None:
        """ "This segment now" of `language` goes to these requests (a back-translation pass answers them)."""
        if language not in self._urgent:
            self._urgent[language] = _Running(None, requests, model, options)

    def stop_serving(self, requests: UrgentRequests) -> None:
        for language in [language for language, running in self._urgent.items() if running.requests is requests]:
            del self._urgent[language]

    def _save_batch(self, job_id: int, language: str, model: str, drafts: list[Draft]) -> None:
        job = self.jobs.get(job_id)
        plan = job.plan_for(language) if job is not None else None
        if plan is None:  # only after a failed save ended the job: its worker stops at the next batch
            log.error("drafts of an unknown job %d (%s) dropped", job_id, language)
            return
        try:
            changes = save_batch(self.project, plan, model, drafts)
        except Exception as exc:  # a slot: report, do not raise
            log.error("cannot save machine drafts: %s", exc)
            self.cancel(job_id)
            self.job_ended.emit(job_id, "failed", str(exc))
            return
        self.saved.emit([*changes.segment_ids, *changes.left_out])  # the left-out cells show the poor icon

    # --- one segment, now -------------------------------------------------------------------------

    def translate_now(self, segment: SegmentRecord, language: str) -> bool:
        """A fresh draft for one segment: through the running job of that language, or a task of its own.
        The draft is cached and becomes the segment's translation only if it is still untranslated."""
        key = (segment.id, language)
        if key in self._pending or not segment.source.strip():
            return False
        unit = Unit(segment.source, (segment.id,), segment.spans, segment.tags)
        running = self._urgent.get(language)
        if running is not None:
            self._pending[key] = running.options
            future = running.requests.submit(unit)  # refused at once unless the job is decoding that language
            if not (future.done() and future.exception() is not None):
                future.add_done_callback(lambda f: self._deliver(segment.id, language, running.model, f))
                return True
        options = self.options_for(self.settings).for_urgent()
        self._pending[key] = options.cache_key()
        pool, source = self.engines, self.project.info.source_language
        self.segment_tasks.start(
            lambda _state: _translate_alone(pool, source, language, unit, options, segment.id), key
        )
        return True

    def _deliver(self, segment_id: int, language: str, model: str, future: Future[Draft]) -> None:
        """In the job's worker, which served the request: the signals reach the GUI thread queued."""
        error = future.exception()
        if error is None:
            self.segment_ready.emit(segment_id, language, model, future.result())
        else:
            self.segment_failed.emit(segment_id, language, str(error))

    def _segment_decoded(self, task_id: int, result: object) -> None:
        segment_id, language = self.segment_tasks.purpose(task_id) or (0, "")
        assert isinstance(result, tuple)
        model, draft = result
        self.segment_ready.emit(segment_id, language, model, draft)

    def _segment_not_decoded(self, task_id: int, message: str) -> None:
        segment_id, language = self.segment_tasks.purpose(task_id) or (0, "")
        self.segment_failed.emit(segment_id, language, message)

    def _save_segment(self, segment_id: int, language: str, model: str, draft: Draft) -> None:
        """Cached under the options it was decoded with, whatever the settings say by now."""
        options = self._pending.pop((segment_id, language), None)
        if options is None:  # cannot happen: every request is pending until saved or failed
            log.error("draft of segment %d (%s) without its request dropped", segment_id, language)
            return
        one = DraftPlan(language, model, options, ())
        try:
            changes = save_batch(self.project, one, model, [draft])  # its unit is this segment alone
        except Exception as exc:
            log.error("cannot save the draft of segment %d: %s", segment_id, exc)
            self.segment_failed.emit(segment_id, language, str(exc))
            return
        self.saved.emit(list(changes.segment_ids) or [segment_id])
        if changes.segment_ids:
            self.back.request([language], None, [segment_id])

    def forget_failure(self, segment_id: int, language: str) -> None:
        self._pending.pop((segment_id, language), None)
