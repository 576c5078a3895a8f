"""Machine translation from the window: pre-translation jobs and "this segment now", off the GUI thread.

A job is the core use case (`core/ops/pretranslation.py`) split at its thread boundary: planning
(memory matches, cache) runs in the GUI thread when the job starts, `run_pretranslation` decodes in a
worker, and each finished batch is handed back by a signal and saved in the GUI thread, so the
project's single SQLite connection stays in one thread and the grid fills in batch by batch. Workers
never touch widgets or the project file. The job's options (beam, Khmer digits) and their cache key
are fixed when it starts: a setting changed meanwhile applies to the next job. While a job runs for a
language, a request for one segment of that language goes through the job's UrgentRequests and is
served before its next batch.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QThreadPool, Signal

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
from workbench.core.progress import Cancelled
from workbench.core.records import SegmentRecord
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.mt.engine import DecodingOptions
from workbench.mt.model_choice import EnginePool, choose_model
from workbench.mt.pipeline import EngineDrafter, TranslateOptions, UrgentRequests, translate_one

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Job:
    """A running pre-translation: its plans (one per language) and the options it decodes with."""

    id: int
    plans: tuple[DraftPlan, ...]
    options: TranslateOptions
    started: float = field(default_factory=time.monotonic)
    cancelled: threading.Event = field(default_factory=threading.Event)

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
    """The urgent queue of a language's running job, with the model and cache key its answers carry."""

    requests: UrgentRequests
    model: str
    options: str


class _SignalProgress:
    """The pipeline's Progress, reported as a signal (emitted from the worker, delivered in the GUI thread)."""

    def __init__(self, service: MtService, job: Job, offset: int) -> None:
        self._service, self._job, self._offset = service, job, offset

    def report(self, done: int, total: int, message: str = "") -> None:
        self._service.progressed.emit(self._job.id, self._offset + done, self._job.total)

    def is_cancelled(self) -> bool:
        return self._job.cancelled.is_set()


def translate_options(settings: Settings) -> TranslateOptions:
    return TranslateOptions(decoding=DecodingOptions(beam_size=settings.beam_size), khmer_digits=settings.khmer_digits)


class MtService(QObject):
    progressed = Signal(int, int, int)  # job id, segments done, segments in the job
    model_loading = Signal(int, str)  # job id, model name
    drafts_ready = Signal(int, str, str, object)  # job id, language, model, list[Draft]
    job_ended = Signal(int, str, str)  # job id, "done" | "cancelled" | "failed", message
    segment_ready = Signal(int, str, str, object)  # segment id, language, model, Draft
    segment_failed = Signal(int, str, str)  # segment id, language, message
    saved = Signal(list)  # ids of segments that received a draft

    def __init__(
        self, project: Project, settings: Settings, pool: EnginePool, parent: QObject | None = None,
        memories: Memories | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.memories = memories
        self.project = project
        self.settings = settings
        self.engines = pool
        self.jobs: dict[int, Job] = {}
        self._next_id = 1
        self._urgent: dict[str, _Running] = {}  # language -> the running job's urgent queue
        self._urgent_lock = threading.Lock()
        #: (segment, language) asked for now -> the cache key of the options its draft is decoded with
        self._pending: dict[tuple[int, str], str] = {}
        self.drafts_ready.connect(self._save_batch)
        self.segment_ready.connect(self._save_segment)
        self.job_ended.connect(lambda job_id, *_: self.jobs.pop(job_id, None))
        self.segment_failed.connect(lambda segment_id, language, _message: self.forget_failure(segment_id, language))

    @property
    def busy(self) -> bool:
        return bool(self.jobs)

    # --- pre-translation ---------------------------------------------------------------------------

    def start(self, languages: Sequence[str], document_id: int | None, segment_ids: Sequence[int] | None = None) -> Job:
        """Plan in this thread (raises NoModel at once if a language has none), draft from memory and the
        cache, and start decoding the rest in the background with the options of this moment."""
        source = self.project.info.source_language
        options = translate_options(self.settings)
        models = [
            self.engines.store.runnable(choose_model(self.engines.store, self.settings, language, source, None)).name
            for language in languages
        ]
        plans: list[DraftPlan] = []
        for language, model in zip(languages, models, strict=True):
            plan = plan_pretranslation(
                self.project, language, model, options.cache_key(), document_id, segment_ids, self.memories
            )
            if self.memories is not None:
                self.saved.emit(list(plan.from_memory))
            if plan.from_cache:
                self.saved.emit(list(plan.from_cache))
            plans.append(plan)
        job = Job(self._next_id, tuple(plans), options)
        self._next_id += 1
        self.jobs[job.id] = job
        QThreadPool.globalInstance().start(lambda: self._run(job))
        return job

    def cancel(self, job_id: int | None = None) -> None:
        for job in self.jobs.values():
            if job_id is None or job.id == job_id:
                job.cancelled.set()

    def shutdown(self, wait_ms: int = 30000) -> None:
        """Stop every job (between batches) and wait for the workers; finished batches are still saved."""
        self.cancel()
        QThreadPool.globalInstance().waitForDone(wait_ms)

    def _run(self, job: Job) -> None:
        source = self.project.info.source_language
        offset = 0
        try:
            for plan in job.plans:
                if job.cancelled.is_set():
                    raise Cancelled("cancelled")
                if not plan.units:
                    continue
                self.model_loading.emit(job.id, plan.model)
                loaded = self.engines.for_model(plan.model)  # the planned one, whatever the settings say now
                urgent = UrgentRequests()
                running = _Running(urgent, loaded.model.name, job.options.for_urgent().cache_key())
                with self._urgent_lock:
                    self._urgent[plan.language] = running
                drafter = EngineDrafter(loaded.engine, source, job.options, urgent, loaded.lock)
                try:
                    run_pretranslation(plan, drafter, self._hand_over(job), _SignalProgress(self, job, offset))
                finally:
                    with self._urgent_lock:
                        self._urgent.pop(plan.language, None)
                offset += plan.to_translate
        except Cancelled:
            self.job_ended.emit(job.id, "cancelled", "")
        except WorkbenchError as exc:
            self.job_ended.emit(job.id, "failed", str(exc))
        except Exception as exc:  # a worker must report, never die silently
            log.exception("pre-translation failed")
            self.job_ended.emit(job.id, "failed", f"{type(exc).__name__}: {exc}")
        else:
            self.job_ended.emit(job.id, "done", "")

    def _hand_over(self, job: Job) -> SaveBatch:
        """The use case's `save` in the worker: the batch goes to the GUI thread, which saves it."""

        def hand_over(plan: DraftPlan, model: str, drafts: list[Draft]) -> SegmentChanges:
            self.drafts_ready.emit(job.id, plan.language, model, drafts)
            return NO_CHANGES  # saved later, in `_save_batch`, which tells the window

        return hand_over

    def _save_batch(self, job_id: int, language: str, model: str, drafts: list[Draft]) -> None:
        job = self.jobs.get(job_id)
        plan = job.plan_for(language) if job is not None else None
        if plan is None:  # cannot happen: a job's batches arrive before its end
            log.error("drafts of an unknown job %d (%s) dropped", job_id, language)
            return
        try:
            changes = save_batch(self.project, plan, model, drafts)
        except Exception as exc:  # a slot: report, do not raise
            log.error("cannot save machine drafts: %s", exc)
            self.cancel(job_id)
            self.job_ended.emit(job_id, "failed", str(exc))
            return
        self.saved.emit(list(changes.segment_ids))

    # --- one segment, now -------------------------------------------------------------------------

    def translate_now(self, segment: SegmentRecord, language: str) -> bool:
        """A fresh draft for one segment: through the running job of that language, or a worker of its own.
        The draft is cached and becomes the segment's translation only if it is still untranslated."""
        key = (segment.id, language)
        if key in self._pending or not segment.source.strip():
            return False
        unit = Unit(segment.source, (segment.id,), segment.spans)
        with self._urgent_lock:
            running = self._urgent.get(language)
        if running is not None:
            self._pending[key] = running.options
            future = running.requests.submit(unit)
            if not (future.done() and future.exception() is not None):
                future.add_done_callback(lambda f: self._deliver(segment.id, language, running.model, f))
                return True
        options = translate_options(self.settings).for_urgent()
        self._pending[key] = options.cache_key()
        QThreadPool.globalInstance().start(lambda: self._translate_alone(segment.id, language, unit, options))
        return True

    def _deliver(self, segment_id: int, language: str, model: str, future: Future[Draft]) -> None:
        error = future.exception()
        if error is None:
            self.segment_ready.emit(segment_id, language, model, future.result())
        else:
            self.segment_failed.emit(segment_id, language, str(error))

    def _translate_alone(self, segment_id: int, language: str, unit: Unit, options: TranslateOptions) -> None:
        source = self.project.info.source_language
        try:
            loaded = self.engines.for_language(source, language)
            with loaded.lock:
                draft = translate_one(unit, loaded.engine, source, language, options)
        except Exception as exc:  # reported to the window, never raised in a worker
            if not isinstance(exc, WorkbenchError):
                log.exception("translating segment %d failed", segment_id)
            self.segment_failed.emit(segment_id, language, str(exc))
            return
        self.segment_ready.emit(segment_id, language, loaded.model.name, draft)

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

    def forget_failure(self, segment_id: int, language: str) -> None:
        self._pending.pop((segment_id, language), None)
