"""Pre-translation: everything around the model that makes its drafts usable and cheap.

`translate_units` is the long work, a plain function with a progress/cancel object that touches no
database (the UI runs it on a worker thread); `pretranslate` wires it to a project for the CLI.
Identical sources are translated once, sorted by length and batched by tokens; long inputs are cut
at clause boundaries; protected spans are checked and restored; Khmer output is normalised; a
"translate this segment now" request jumps ahead of the next batch.
"""

from __future__ import annotations

import logging
import queue
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

from workbench.core.draft_store import NewDraft, cached_drafts, save_drafts
from workbench.core.progress import Cancelled, NullProgress, Progress
from workbench.core.project_store import Project
from workbench.core.protected_spans import ProtectedSpan
from workbench.core.records import Status
from workbench.mt.engine import DecodingOptions, TranslationEngine
from workbench.mt.long_inputs import split_for_model
from workbench.mt.protection import finish_output, restore_spans

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TranslateOptions:
    decoding: DecodingOptions = field(default_factory=DecodingOptions)
    khmer_digits: bool = False
    #: a batch holds at most this many source tokens (and `max_batch_segments` segments)
    max_batch_tokens: int = 1024
    max_batch_segments: int = 16

    def cache_key(self) -> str:
        return f"{self.decoding.cache_key()};khmer_digits={int(self.khmer_digits)}"


@dataclass(frozen=True, slots=True)
class Unit:
    """One distinct source text and every segment that has it."""

    source: str
    segment_ids: tuple[int, ...]
    spans: tuple[ProtectedSpan, ...]


@dataclass(frozen=True, slots=True)
class Draft:
    unit: Unit
    text: str
    score: float
    flags: tuple[str, ...]


class UrgentRequests:
    """The translator is waiting for this segment: served before the next batch of a running pre-translation."""

    def __init__(self) -> None:
        self._queue: queue.Queue[tuple[Unit, Future[Draft]]] = queue.Queue()

    def submit(self, unit: Unit) -> Future[Draft]:
        future: Future[Draft] = Future()
        self._queue.put((unit, future))
        return future

    def take(self) -> list[tuple[Unit, Future[Draft]]]:
        taken = []
        while True:
            try:
                taken.append(self._queue.get_nowait())
            except queue.Empty:
                return taken


def plan_units(project: Project, language: str, document_id: int | None = None) -> list[Unit]:
    """Untranslated, translatable segments grouped by identical source text."""
    groups: dict[str, list[int]] = {}
    spans: dict[str, tuple[ProtectedSpan, ...]] = {}
    for segment in project.segments(document_id, Status.UNTRANSLATED, language):
        if segment.translatable and segment.source.strip():
            groups.setdefault(segment.source, []).append(segment.id)
            spans.setdefault(segment.source, segment.spans)
    return [Unit(source, tuple(ids), spans[source]) for source, ids in groups.items()]


def translate_one(unit: Unit, engine: TranslationEngine, source: str, target: str, options: TranslateOptions) -> Draft:
    return _translate_batch([unit], engine, source, target, options)[0]


def _translate_batch(
    units: Sequence[Unit], engine: TranslationEngine, source: str, target: str, options: TranslateOptions
) -> list[Draft]:
    pieces: list[str] = []
    layout: list[list[str]] = []  # separators of each unit's pieces
    for unit in units:
        split = split_for_model(unit.source, engine.count_tokens, engine.max_input_tokens)
        pieces.extend(piece for piece, _sep in split)
        layout.append([sep for _piece, sep in split])
    hypotheses = engine.translate_batch(pieces, source, target, options.decoding)
    drafts = []
    at = 0
    for unit, separators in zip(units, layout, strict=True):
        parts = hypotheses[at : at + len(separators)]
        at += len(separators)
        joined = "".join(h.text + (" " if sep else "") for h, sep in zip(parts, separators, strict=True)).strip()
        checked = restore_spans(joined, unit.spans)
        text = finish_output(checked.text, unit.source, target, options.khmer_digits, unit.spans)
        score = sum(h.score * max(1, len(h.tokens)) for h in parts) / max(1, sum(max(1, len(h.tokens)) for h in parts))
        drafts.append(Draft(unit, text, score, checked.flags))
    return drafts


def batches(units: Sequence[Unit], engine: TranslationEngine, options: TranslateOptions) -> list[list[Unit]]:
    """Sorted by length (less padding), cut by token count."""
    sized = sorted(((engine.count_tokens(u.source), u) for u in units), key=lambda pair: pair[0])
    out: list[list[Unit]] = []
    current: list[Unit] = []
    tokens = 0
    for size, unit in sized:
        if current and (tokens + size > options.max_batch_tokens or len(current) >= options.max_batch_segments):
            out.append(current)
            current, tokens = [], 0
        current.append(unit)
        tokens += size
    if current:
        out.append(current)
    return out


def translate_units(
    units: Sequence[Unit],
    engine: TranslationEngine,
    source: str,
    target: str,
    options: TranslateOptions,
    progress: Progress | None = None,
    urgent: UrgentRequests | None = None,
) -> Iterator[list[Draft]]:
    """Yield drafts batch by batch. Between batches, urgent requests are served and a cancel is honoured."""
    progress = progress or NullProgress()
    total = sum(len(u.segment_ids) for u in units)
    done = 0
    progress.report(0, total, "")
    for batch in batches(units, engine, options):
        _serve_urgent(urgent, engine, source, target, options)
        if progress.is_cancelled():
            raise Cancelled(f"stopped after {done} of {total} segments")
        drafts = _translate_batch(batch, engine, source, target, options)
        done += sum(len(u.segment_ids) for u in batch)
        yield drafts
        progress.report(done, total, "")
    _serve_urgent(urgent, engine, source, target, options)


def _serve_urgent(
    urgent: UrgentRequests | None, engine: TranslationEngine, source: str, target: str, options: TranslateOptions
) -> None:
    if urgent is None:
        return
    for unit, future in urgent.take():
        if future.set_running_or_notify_cancel():
            try:
                future.set_result(translate_one(unit, engine, source, target, options))
            except Exception as exc:  # the waiting caller gets the error, the pre-translation goes on
                future.set_exception(exc)


@dataclass(slots=True)
class PretranslateSummary:
    language: str
    segments: int = 0
    from_cache: int = 0
    translated: int = 0
    flagged: int = 0
    seconds: float = 0.0
    drafted_ids: list[int] = field(default_factory=list)


def pretranslate(
    project: Project,
    engine: TranslationEngine,
    target: str,
    options: TranslateOptions,
    document_id: int | None = None,
    progress: Progress | None = None,
    on_batch: Callable[[list[int]], None] | None = None,
) -> PretranslateSummary:
    """Draft every untranslated translatable segment (of a document, or the project) into `target`."""
    started = time.perf_counter()
    source = project.info.source_language
    units = plan_units(project, target, document_id)
    summary = PretranslateSummary(target, segments=sum(len(u.segment_ids) for u in units))
    key = options.cache_key()
    cached = cached_drafts(project, engine.model_name, key, target, (u.source for u in units))
    hits = [u for u in units if u.source in cached]
    if hits:
        drafts = [
            NewDraft(u.source, u.segment_ids, cached[u.source].text, cached[u.source].score, cached[u.source].flags)
            for u in hits
        ]
        summary.drafted_ids += save_drafts(project, engine.model_name, key, target, drafts, cache=False)
        summary.from_cache = sum(len(u.segment_ids) for u in hits)
    remaining = [u for u in units if u.source not in cached]
    try:
        for drafts_batch in translate_units(remaining, engine, source, target, options, progress):
            new = [NewDraft(d.unit.source, d.unit.segment_ids, d.text, d.score, d.flags) for d in drafts_batch]
            changed = save_drafts(project, engine.model_name, key, target, new)
            summary.drafted_ids += changed
            summary.translated += sum(len(d.unit.segment_ids) for d in drafts_batch)
            summary.flagged += sum(1 for d in drafts_batch if d.flags)
            if on_batch:
                on_batch(changed)
    finally:
        summary.seconds = time.perf_counter() - started
    return summary
