"""Machine translation from the window: pre-translation jobs and "this segment now", off the GUI thread.

Workers only decode: they never touch widgets or the project file. Planning (which segments, what the
cache already has) and saving each finished batch happen in the GUI thread, in the slots of the
signals below, so the project's single SQLite connection stays in one thread and the grid fills in
batch by batch. While a job runs for a language, a request for one segment of that language goes
through the job's UrgentRequests and is served before its next batch.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QThreadPool, Signal

from workbench.core.errors import WorkbenchError
from workbench.core.memory.project_memory import Memories, prefill_from_memory
from workbench.core.progress import Cancelled
from workbench.core.records import SegmentRecord
from workbench.core.settings import Settings
from workbench.core.store.draft_store import NewDraft, save_drafts
from workbench.core.store.project_store import Project
from workbench.mt.engine import DecodingOptions
from workbench.mt.model_choice import EnginePool, choose_model
from workbench.mt.pipeline import (
    Draft,
    TranslateOptions,
    Unit,
    UrgentRequests,
    apply_cached_drafts,
    plan_units,
    translate_one,
    translate_units,
)

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Part:
    language: str
    model: str
    units: list[Unit]


@dataclass(slots=True)
class Job:
    id: int
    parts: list[_Part]
    total: int
    from_cache: int
    started: float = field(default_factory=time.monotonic)
    cancelled: threading.Event = field(default_factory=threading.Event)


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
        self._urgent: dict[str, tuple[UrgentRequests, str]] = {}  # language -> (requests, model) of a running job
        self._urgent_lock = threading.Lock()
        self._busy_segments: set[tuple[int, str]] = set()
        self.drafts_ready.connect(self._save_batch)
        self.segment_ready.connect(self._save_segment)
        self.job_ended.connect(lambda job_id, *_: self.jobs.pop(job_id, None))
        self.segment_failed.connect(lambda segment_id, language, _message: self.forget_failure(segment_id, language))

    @property
    def busy(self) -> bool:
        return bool(self.jobs)

    # --- pre-translation ---------------------------------------------------------------------------

    def start(self, languages: Sequence[str], document_id: int | None, segment_ids: Sequence[int] | None = None) -> Job:
        """Plan in this thread (raises NoModel at once if a language has none), draft from the cache, and
        start decoding the rest in the background."""
        source = self.project.info.source_language
        options = translate_options(self.settings)
        wanted = set(segment_ids) if segment_ids is not None else None
        parts: list[_Part] = []
        from_cache = 0
        for language in languages:
            model = self.engines.store.runnable(choose_model(self.engines.store, self.settings, language, source, None))
            if self.memories is not None:  # 100 % memory matches first: a person's translation beats a model's
                from_memory = prefill_from_memory(self.project, self.memories, language, document_id, segment_ids)
                from_cache += len(from_memory)
                self.saved.emit(from_memory)
            units = plan_units(self.project, language, document_id)
            if wanted is not None:
                units = [
                    Unit(u.source, ids, u.spans)
                    for u in units
                    if (ids := tuple(i for i in u.segment_ids if i in wanted))
                ]
            changed, remaining, _served = apply_cached_drafts(
                self.project, model.name, options.cache_key(), language, units
            )
            if changed:
                from_cache += len(changed)
                self.saved.emit(changed)
            parts.append(_Part(language, model.name, remaining))
        job = Job(self._next_id, parts, sum(len(u.segment_ids) for p in parts for u in p.units), from_cache)
        self._next_id += 1
        self.jobs[job.id] = job
        QThreadPool.globalInstance().start(lambda: self._run(job, options))
        return job

    def cancel(self, job_id: int | None = None) -> None:
        for job in self.jobs.values():
            if job_id is None or job.id == job_id:
                job.cancelled.set()

    def shutdown(self, wait_ms: int = 30000) -> None:
        """Stop every job (between batches) and wait for the workers; finished batches are still saved."""
        self.cancel()
        QThreadPool.globalInstance().waitForDone(wait_ms)

    def _run(self, job: Job, options: TranslateOptions) -> None:
        source = self.project.info.source_language
        offset = 0
        try:
            for part in job.parts:
                if job.cancelled.is_set():
                    raise Cancelled("cancelled")
                if not part.units:
                    continue
                self.model_loading.emit(job.id, part.model)
                loaded = self.engines.for_language(source, part.language)
                urgent = UrgentRequests()
                with self._urgent_lock:
                    self._urgent[part.language] = (urgent, loaded.model.name)
                progress = _SignalProgress(self, job, offset)
                batches = translate_units(part.units, loaded.engine, source, part.language, options, progress, urgent)
                try:
                    while True:
                        with loaded.lock:  # between batches a "translate now" of another language may decode
                            batch = next(batches, None)
                        if batch is None:
                            break
                        self.drafts_ready.emit(job.id, part.language, loaded.model.name, batch)
                finally:
                    with self._urgent_lock:
                        self._urgent.pop(part.language, None)
                    batches.close()  # type: ignore[attr-defined]  # a generator
                offset += sum(len(u.segment_ids) for u in part.units)
        except Cancelled:
            self.job_ended.emit(job.id, "cancelled", "")
        except WorkbenchError as exc:
            self.job_ended.emit(job.id, "failed", str(exc))
        except Exception as exc:  # a worker must report, never die silently
            log.exception("pre-translation failed")
            self.job_ended.emit(job.id, "failed", f"{type(exc).__name__}: {exc}")
        else:
            self.job_ended.emit(job.id, "done", "")

    def _save_batch(self, job_id: int, language: str, model: str, drafts: list[Draft]) -> None:
        key = translate_options(self.settings).cache_key()
        new = [NewDraft(d.unit.source, d.unit.segment_ids, d.text, d.score, d.flags) for d in drafts]
        try:
            changed = save_drafts(self.project, model, key, language, new)
        except Exception as exc:  # a slot: report, do not raise
            log.error("cannot save machine drafts: %s", exc)
            self.cancel(job_id)
            self.job_ended.emit(job_id, "failed", str(exc))
            return
        self.saved.emit(changed)

    # --- one segment, now -------------------------------------------------------------------------

    def translate_now(self, segment: SegmentRecord, language: str) -> bool:
        """A fresh draft for one segment: through the running job of that language, or a worker of its own.
        The draft is cached and becomes the segment's translation only if it is still untranslated."""
        key = (segment.id, language)
        if key in self._busy_segments or not segment.source.strip():
            return False
        self._busy_segments.add(key)
        unit = Unit(segment.source, (segment.id,), segment.spans)
        with self._urgent_lock:
            running = self._urgent.get(language)
        if running is not None:
            requests, model = running
            future = requests.submit(unit)
            if not (future.done() and future.exception() is not None):
                future.add_done_callback(lambda f: self._deliver(segment.id, language, model, f))
                return True
        QThreadPool.globalInstance().start(lambda: self._translate_alone(segment.id, language, unit))
        return True

    def _deliver(self, segment_id: int, language: str, model: str, future: Future[Draft]) -> None:
        error = future.exception()
        if error is None:
            self.segment_ready.emit(segment_id, language, model, future.result())
        else:
            self.segment_failed.emit(segment_id, language, str(error))

    def _translate_alone(self, segment_id: int, language: str, unit: Unit) -> None:
        source = self.project.info.source_language
        try:
            loaded = self.engines.for_language(source, language)
            with loaded.lock:
                draft = translate_one(
                    unit, loaded.engine, source, language, translate_options(self.settings).for_urgent()
                )
        except Exception as exc:  # reported to the window, never raised in a worker
            if not isinstance(exc, WorkbenchError):
                log.exception("translating segment %d failed", segment_id)
            self.segment_failed.emit(segment_id, language, str(exc))
            return
        self.segment_ready.emit(segment_id, language, loaded.model.name, draft)

    def _save_segment(self, segment_id: int, language: str, model: str, draft: Draft) -> None:
        self._busy_segments.discard((segment_id, language))
        key = translate_options(self.settings).for_urgent().cache_key()
        try:
            changed = save_drafts(
                self.project,
                model,
                key,
                language,
                [NewDraft(draft.unit.source, (segment_id,), draft.text, draft.score, draft.flags)],
            )
        except Exception as exc:
            log.error("cannot save the draft of segment %d: %s", segment_id, exc)
            self.segment_failed.emit(segment_id, language, str(exc))
            return
        self.saved.emit(changed or [segment_id])

    def forget_failure(self, segment_id: int, language: str) -> None:
        self._busy_segments.discard((segment_id, language))
