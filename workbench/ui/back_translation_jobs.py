"""Back-translations from the window: a background pass after the drafts, off the GUI thread.

After a pre-translation job has drafted (and after a segment translated "now"), when the settings ask for
back-translation, the machine drafts of the job's scope that lack one are back-translated into the source
language: planned in the GUI thread (the cache's at once), decoded in a task, each batch handed over and saved
in the GUI thread, which owns the project's connection (as the drafts are: ui/mt_jobs.py). A pass never
runs beside a pre-translation: one waits for the drafts to end, and a new pre-translation stops a running pass
(its request comes back after the drafts; what is saved stays saved).

"This segment now" during a pass is answered first: for every language with a drafting model the pass holds
a DraftingLane the window's requests go to (mt/back_translation.py: answered by the drafting model while the
pass waits, never behind back-translations). A language with no model into the
source language is one message for the status bar; its drafts are untouched.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from workbench.core.errors import WorkbenchError
from workbench.core.ops.back_translation import (
    BackPlan,
    plan_back_translation,
    save_back_translations,
    save_second_opinions,
)
from workbench.core.ops.pretranslation import Draft
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.mt.back_translation import (
    DraftingLane,
    NoBackTranslationModel,
    SavePlanBatch,
    SecondOpinions,
    back_translate_options,
    choose_back_model,
    opinion_options,
    run_back_translations,
    second_opinion,
)
from workbench.mt.model_choice import EnginePool, choose
from workbench.mt.pipeline import TranslateOptions, UrgentRequests
from workbench.ui.tasks import TaskRunner, TaskState

log = logging.getLogger(__name__)


class DraftingService(Protocol):
    """What a pass needs of the window's MT service (ui/mt_jobs.MtService, which owns the pass): said here so
    the two modules do not import each other."""

    project: Project
    settings: Settings
    engines: EnginePool
    options_for: Callable[[Settings], TranslateOptions]

    @property
    def busy(self) -> bool: ...

    @property
    def saved(self) -> SignalInstance: ...

    def serve_urgent(self, language: str, requests: UrgentRequests, model: str, options: str) -> None: ...

    def stop_serving(self, requests: UrgentRequests) -> None: ...


@dataclass(frozen=True, slots=True)
class BackPass:
    """A running back-translation pass: one plan per language."""

    id: int
    plans: tuple[BackPlan, ...]

    @property
    def total(self) -> int:
        return sum(plan.to_translate for plan in self.plans)


@dataclass(frozen=True, slots=True)
class _Request:
    """Back-translate the machine drafts of these languages in a document, a selection, or the project."""

    languages: tuple[str, ...]
    document_id: int | None
    segment_ids: tuple[int, ...] | None


@dataclass(frozen=True, slots=True)
class _BackBatch:
    plan: int
    model: str
    drafts: list[Draft]
    #: a second opinion's drafts (into the drafts' language, cache only), not back-translations
    opinions: bool = False


def _back_decode(
    plans: Sequence[BackPlan],
    pool: EnginePool,
    options: TranslateOptions,
    lanes: Sequence[DraftingLane],
    state: TaskState,
    second: TranslateOptions,
) -> None:
    """A pass's task, in a worker: every plan's back-translations (and second opinions), batch by batch, urgent
    requests first."""
    opinions = SecondOpinions(second, _hand_over_opinions(state))
    run_back_translations(plans, pool, options, _hand_over(state), state, lanes, opinions)


def _hand_over(state: TaskState) -> SavePlanBatch:
    def hand_over(index: int, _plan: BackPlan, model: str, drafts: list[Draft]) -> list[int]:
        state.partial(_BackBatch(index, model, drafts))
        return []  # saved in the GUI thread (`BackTranslations._save`)

    return hand_over


def _hand_over_opinions(state: TaskState) -> Callable[[int, BackPlan, str, list[Draft]], int]:
    def hand_over(index: int, _plan: BackPlan, model: str, drafts: list[Draft]) -> int:
        state.partial(_BackBatch(index, model, drafts, opinions=True))
        return len(drafts)  # cached in the GUI thread, before the batch's back-translations (handed over after)

    return hand_over


class BackTranslations(QObject):
    """The window's back-translation passes, one at a time, never beside a pre-translation."""

    started = Signal(int, int)  # pass id, segments to back-translate
    progressed = Signal(int, int, int)  # pass id, done, total
    ended = Signal(int, str, str)  # pass id, "done" | "cancelled" | "failed", message
    unavailable = Signal(str)  # a language has no model into the source language: what to install

    def __init__(self, mt: DraftingService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mt = mt
        self.tasks: TaskRunner[None] = TaskRunner(self)
        self.running: BackPass | None = None
        self._queue: list[_Request] = []
        self._lanes: dict[str, DraftingLane] = {}
        #: what the running pass was asked to do (asked again when a pre-translation makes it stop)
        self._requested = _Request((), None, None)
        self._closed = False
        #: the back-translation options (the benchmark caps the output of random weights)
        self.options: TranslateOptions = back_translate_options()
        self.tasks.progressed.connect(lambda pass_id, done, total, _m: self.progressed.emit(pass_id, done, total))
        self.tasks.partial.connect(self._save)
        self.tasks.finished.connect(lambda pass_id, _r: self._end(pass_id, "done", ""))
        self.tasks.cancelled.connect(lambda pass_id: self._end(pass_id, "cancelled", ""))
        self.tasks.failed.connect(lambda pass_id, message: self._end(pass_id, "failed", message))

    @property
    def busy(self) -> bool:
        return self.running is not None

    def request(
        self, languages: Sequence[str], document_id: int | None = None, segment_ids: Sequence[int] | None = None
    ) -> None:
        """Back-translate these languages' machine drafts (of a document, a selection, or the project) once the
        drafts are done, if the settings ask for back-translations."""
        if not self.mt.settings.back_translate or not languages:
            return
        ids = tuple(segment_ids) if segment_ids is not None else None
        self._queue.append(_Request(tuple(languages), document_id, ids))
        self.resume()  # after every slot of the job's end has run

    def resume(self) -> None:
        """Start what is waiting, if nothing keeps it waiting (a pre-translation, a running pass)."""
        QTimer.singleShot(0, self._next)

    def cancel(self) -> None:
        """Stop the running pass between batches and forget the ones waiting."""
        self._queue.clear()
        if self.running is not None:
            self.tasks.cancel(self.running.id)

    def make_way(self) -> None:
        """A pre-translation starts: the running pass stops, and comes back after the drafts."""
        if self.running is not None:
            self._queue.insert(0, self._requested)
            self.tasks.cancel(self.running.id)

    def shutdown(self, wait_ms: int = 30000) -> None:
        """No pass from now on (the window is closing); the running one stops between batches."""
        self._closed = True
        self.cancel()
        self.tasks.shutdown(wait_ms)

    def _next(self) -> None:
        if self._closed or self.running is not None or self.mt.busy or not self._queue:
            return
        taken, self._queue = self._queue, []
        try:
            self._requested = self._merged(taken)
            plans = self._plans(self._requested)
        except Exception as exc:  # a slot: report, do not raise
            log.error("cannot plan back-translations: %s", exc)
            self.unavailable.emit(str(exc))
            return
        if not any(plan.units for plan in plans):
            return
        project, pool, options, second = self.mt.project, self.mt.engines, self.options, self._opinion_options()
        self._lanes = self._open_lanes(project.info.target_languages)
        lanes = list(self._lanes.values())
        pass_id = self.tasks.start(lambda state: _back_decode(plans, pool, options, lanes, state, second), None)
        self.running = BackPass(pass_id, tuple(plans))
        self.started.emit(pass_id, self.running.total)

    def _merged(self, requests: Sequence[_Request]) -> _Request:
        """One request covering them all: the project if one asks for it, else the union of their segments."""
        languages = tuple(dict.fromkeys(language for r in requests for language in r.languages))
        if len(requests) == 1:
            return _Request(languages, requests[0].document_id, requests[0].segment_ids)
        if any(r.segment_ids is None and r.document_id is None for r in requests):
            return _Request(languages, None, None)
        ids: dict[int, None] = {}
        for r in requests:
            scope = r.segment_ids if r.segment_ids is not None else self.mt.project.segment_ids(r.document_id)
            ids.update(dict.fromkeys(scope))
        return _Request(languages, None, tuple(ids))

    def _opinion_options(self) -> TranslateOptions:
        """A second opinion's options: the window's drafting options, decoded as the back-translations are."""
        return opinion_options(self.mt.options_for(self.mt.settings), self.options)

    def _plans(self, request: _Request) -> list[BackPlan]:
        project, store, settings = self.mt.project, self.mt.engines.store, self.mt.settings
        source = project.info.source_language
        second = self._opinion_options().cache_key()
        plans = []
        for language in request.languages:
            try:
                model = choose_back_model(store, settings, language, source)
            except NoBackTranslationModel as missing:
                self.unavailable.emit(str(missing))
                continue
            try:
                drafting: str | None = choose(store, settings, language, source, option="")
            except WorkbenchError:
                drafting = None  # no drafting model now: the drafts' own models are skipped all the same
            opinion = second_opinion(store, model, language, source, drafting, second)
            plan = plan_back_translation(
                project, language, model, self.options.cache_key(), request.segment_ids, request.document_id, opinion
            )
            if plan.from_cache:
                self.mt.saved.emit(list(plan.from_cache))
            plans.append(plan)
        return plans

    def _open_lanes(self, languages: Sequence[str]) -> dict[str, DraftingLane]:
        """An urgent queue per language with a drafting model, registered with the window's requests."""
        pool, settings = self.mt.engines, self.mt.settings
        source = self.mt.project.info.source_language
        options = self.mt.options_for(settings).for_urgent()
        lanes = {}
        for language in languages:
            try:
                choice = choose(pool.store, settings, language, source, option="")
            except WorkbenchError:
                continue  # "this segment now" says why when it is asked for
            lane = DraftingLane.open(pool, choice, source, language, options)
            self.mt.serve_urgent(language, lane.requests, choice, options.cache_key())
            lanes[language] = lane
        return lanes

    def _save(self, pass_id: int, report: object) -> None:
        running = self.running
        if running is None or running.id != pass_id or not isinstance(report, _BackBatch):
            return
        plan = running.plans[report.plan]
        try:
            if report.opinions:
                save_second_opinions(self.mt.project, plan, report.model, report.drafts)
                return
            noted = save_back_translations(self.mt.project, plan, report.model, report.drafts)
        except Exception as exc:  # a slot: report, do not raise
            log.error("cannot save back-translations: %s", exc)
            self.tasks.cancel(pass_id)
            self._end(pass_id, "failed", str(exc))
            return
        if noted:
            self.mt.saved.emit(noted)

    def _end(self, pass_id: int, outcome: str, message: str) -> None:
        if self.running is None or self.running.id != pass_id:
            return
        self.running = None
        for lane in self._lanes.values():
            self.mt.stop_serving(lane.requests)
        self._lanes = {}
        self.ended.emit(pass_id, outcome, message)
        self.resume()
