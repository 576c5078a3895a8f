"""`models evaluate`: translate a reference set with a model (or route) the way pre-translation does, and score it.

The long work is `evaluate_candidate`, a plain function with a progress/cancel object (the CLI prints a
bar and stops on Ctrl+C, the window runs it on a worker): the sources go through the same pipeline as a
real pre-translation (`EngineDrafter` / `translate_units`: protection of numbers and codes, identical
sources translated once, length-sorted token-budget batches, long inputs cut at clauses), then
evaluation_metrics scores the outputs and evaluation_store keeps the result. A cancel raises
`Cancelled` before anything is stored; a finished candidate's result is stored whole at once.

Each candidate's model is loaded afresh and let go afterwards, so the peak memory reported for it is
its own (the process's resident peak while it loaded and translated, from Linux's VmHWM reset at the
start), not the largest model measured before it.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from workbench.core.errors import WorkbenchError
from workbench.core.language.protected_spans import find_protected_spans
from workbench.core.ops.pretranslation import Unit
from workbench.core.progress import NullProgress, Progress, Share
from workbench.core.reference_sets import ReferenceSet
from workbench.core.settings import Settings
from workbench.mt.catalogue import PublishedScore
from workbench.mt.engine import DecodingOptions, Hypothesis, TranslationEngine
from workbench.mt.engine_pool import EnginePool, LoadedEngine
from workbench.mt.evaluation_metrics import score
from workbench.mt.evaluation_store import EvaluationResult, append_result, load_results
from workbench.mt.model_store import ModelStore
from workbench.mt.peak_memory import peak_memory_mb, reset_peak_memory
from workbench.mt.pipeline import TranslateOptions, translate_options
from workbench.mt.routes import drafter_for, is_route, licences, resolve, serves


class _CountingEngine:
    """The engine as the pipeline sees it, counting the tokens it decodes into the final target (tokens/s)."""

    def __init__(self, engine: TranslationEngine, target: str) -> None:
        self.engine = engine
        self.target = target
        self.model_name = engine.model_name
        self.family = engine.family
        self.max_input_tokens = engine.max_input_tokens
        self.parallel_calls = getattr(engine, "parallel_calls", 1)
        self.output_tokens = 0

    def count_tokens(self, text: str) -> int:
        return self.engine.count_tokens(text)

    def translate_batch(self, texts: list[str], source: str, target: str, options: DecodingOptions) -> list[Hypothesis]:
        hypotheses = self.engine.translate_batch(texts, source, target, options)
        if target == self.target:  # a route's first hop decodes the pivot language: not output
            self.output_tokens += sum(len(h.tokens) for h in hypotheses)
        return hypotheses

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)


class _CountingPool(EnginePool):
    """A pool of the candidate's own (its engines are let go with it), whose engines count their output."""

    def __init__(self, request: EvaluationRequest, target: str) -> None:
        super().__init__(request.store, request.settings, request.backend, request.threads)
        self.target = target
        self.counting: dict[str, LoadedEngine] = {}

    def for_model(self, name: str) -> LoadedEngine:
        loaded = super().for_model(name)
        if loaded.model.name not in self.counting:
            engine = _CountingEngine(loaded.engine, self.target)
            self.counting[loaded.model.name] = LoadedEngine(loaded.model, engine, loaded.lock)
        return self.counting[loaded.model.name]

    @property
    def output_tokens(self) -> int:
        return sum(cast(_CountingEngine, loaded.engine).output_tokens for loaded in self.counting.values())


def default_candidates(store: ModelStore, settings: Settings, source: str, target: str) -> list[str]:
    """What `models evaluate` measures when no --models is given: every installed model that serves the
    direction (its CTranslate2 copy when it has one, once), and the settings' choice for the language."""
    chosen: list[str] = []
    for model in store.installed():
        if not serves(model, source, target):
            continue
        runnable = store.runnable(model.name)
        if runnable.format == "ct2" and runnable.name not in chosen:
            chosen.append(runnable.name)
    choice = settings.mt_models.get(target)
    if choice:
        with contextlib.suppress(WorkbenchError):  # a choice no longer installed is simply not measured
            choice = resolve(choice, store, source, target)
            if choice not in chosen:
                chosen.append(choice)
    return chosen


def candidate_licences(choice: str, store: ModelStore) -> tuple[tuple[str, str], ...]:
    """(model, licence) of each model the candidate uses (one per hop of a route); a model installed without
    a known licence gets its catalogue entry's."""
    found = []
    for model, licence in licences(choice, store):
        entry = store.catalogue.get(model.split("-ct2-")[0])
        known = licence if licence and not licence.startswith("unknown") else ""
        found.append((model, known or (entry.licence if entry else licence or "unknown")))
    return tuple(found)


def published_score(choice: str, store: ModelStore, direction: str) -> PublishedScore | None:
    """The catalogue's headline score of the candidate's model in `direction` (FLORES-200 devtest, chrF++
    into English, chrF into Khmer: the metrics `models evaluate` reports), if one is published; a route
    has none."""
    if is_route(choice):
        return None
    entry = store.catalogue.get(choice.split("-ct2-")[0])
    return entry.scores.headline(direction) if entry else None


def reference_units(reference: ReferenceSet) -> list[Unit]:
    """One unit per distinct source, carrying the indices of the reference segments that have it."""
    indices: dict[str, list[int]] = {}
    for index, source in enumerate(reference.sources):
        indices.setdefault(source, []).append(index)
    return [Unit(source, tuple(at), tuple(find_protected_spans(source))) for source, at in indices.items()]


@dataclass(frozen=True, slots=True)
class EvaluationRequest:
    """What to measure with: the store and the settings' decoding options, the backend and its threads."""

    store: ModelStore
    settings: Settings
    backend: str = "auto"
    threads: int = 0
    #: where results are kept (None: the user's data folder)
    folder: Path | None = None
    #: store the result (False: measure only)
    save: bool = True
    #: a cap on every output's length (None: the pipeline's own); a benchmark's random weights never stop
    #: by themselves, so it caps them near a real translation's length
    max_output_tokens: int | None = None

    def options(self) -> TranslateOptions:
        options = translate_options(self.settings)
        if self.max_output_tokens is None:
            return options
        return replace(options, decoding=replace(options.decoding, max_output_tokens=self.max_output_tokens))


def evaluate_candidate(
    reference: ReferenceSet, choice: str, request: EvaluationRequest, progress: Progress | None = None
) -> EvaluationResult:
    """Translate `reference` with `choice` (a model name or a route text) through the pipeline as a
    pre-translation would, score it, store and return the result. The result's candidate is the choice as
    drafts record it (each model by the name of the CTranslate2 copy that ran).

    Raises `Cancelled` (nothing stored) when `progress` asks to stop between batches, and a
    WorkbenchError naming the model when it is not installed or does not serve the direction."""
    progress = progress or NullProgress()
    source, target = reference.source_language, reference.target_language
    # every hop checked before anything loads, named by the copy the backend runs
    choice = resolve(choice, request.store, source, target, backend=request.backend)
    if request.save:
        load_results(request.folder)  # a damaged results file is named before minutes of translation
    try:
        hypotheses, translate_seconds, output_tokens, peak = _translate(reference, choice, request, progress)
    finally:  # the candidate's engines went with `_translate`'s pool and drafter: the next peak is its own
        gc.collect()
    return _finish(reference, choice, request, hypotheses, translate_seconds, output_tokens, peak)


def _translate(
    reference: ReferenceSet, choice: str, request: EvaluationRequest, progress: Progress
) -> tuple[list[str], float, int, float]:
    """The reference's drafts by `choice` on engines of a pool of its own: (texts, seconds, output tokens, peak MB)."""
    source, target = reference.source_language, reference.target_language
    reset_peak_memory()
    pool = _CountingPool(request, target)
    drafter = drafter_for(choice, pool, source, target, request.options())
    hypotheses = [""] * reference.size
    began = time.perf_counter()
    for batch in drafter.drafts(reference_units(reference), target, progress):
        for draft in batch:
            for index in draft.unit.segment_ids:
                hypotheses[index] = draft.text
    return hypotheses, time.perf_counter() - began, pool.output_tokens, peak_memory_mb()


def _finish(
    reference: ReferenceSet,
    choice: str,
    request: EvaluationRequest,
    hypotheses: Sequence[str],
    translate_seconds: float,
    output_tokens: int,
    peak: float,
) -> EvaluationResult:
    began = time.perf_counter()
    scores = score(hypotheses, reference.references, reference.target_language)
    score_seconds = time.perf_counter() - began
    result = EvaluationResult(
        candidate=choice,
        direction=reference.direction,
        reference=reference.name,
        segments=reference.size,
        chrf=scores.chrf,
        chrf_name=scores.chrf_name,
        bleu=scores.bleu,
        bleu_name=scores.bleu_name,
        signature=scores.signature,
        date=datetime.now(UTC).isoformat(timespec="seconds"),
        tokens_per_second=output_tokens / translate_seconds if translate_seconds > 0 else 0.0,
        peak_mb=peak,
        translate_seconds=translate_seconds,
        score_seconds=score_seconds,
        licences=candidate_licences(choice, request.store),
        reference_size=reference.available,
        hypotheses=tuple(hypotheses),
    )
    if request.save:
        append_result(result, request.folder)
    return result


def evaluate_candidates(
    reference: ReferenceSet,
    choices: Sequence[str],
    request: EvaluationRequest,
    progress: Progress | None = None,
    on_result: Callable[[EvaluationResult], None] = lambda result: None,
) -> list[EvaluationResult]:
    """Each candidate in turn (`evaluate_candidate`), progress reported over all of them with the candidate
    as the message; each finished result is stored and handed to `on_result` before the next starts."""
    progress = progress or NullProgress()
    results = []
    total = reference.size * len(choices)
    for at, choice in enumerate(choices):
        result = evaluate_candidate(
            reference, choice, request, Share(progress, at * reference.size, reference.size, total, choice)
        )
        on_result(result)
        results.append(result)
    return results
