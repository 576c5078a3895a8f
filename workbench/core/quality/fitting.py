"""Fitting the quality model on the history and keeping it in the project, on request and automatically.

The fitted model of a language is kept in the project's `project` table (key `quality_model:<language>`,
JSON); with none, the documented default (model.DEFAULT) is used. `quality fit` fits on request. The
automatic refit happens where drafts are estimated (`model_for`, called by every estimate): confirmations
are written in many places (the editor, approval, review), so rather than hook each of them, the estimate
counts the language's confirmed segments (an index count, well under a millisecond on 10,000 segments,
where counting the labelled drafts themselves takes ~10 ms): once `SHARE_EVERY` (10) more exist than
at its last look it shares them with the office's history (and fits, while the default is in use), and
once `REFIT_EVERY` (50) more exist than the model was fitted on, it refits. An automatic refit with too
little history keeps the model silently; the request says why.

The automatic path runs where drafts are saved (the window's GUI thread among them), so a shared history it
cannot use (a read-only or unreachable office share, a damaged file, one another workbench holds) never
stops or slows it: it waits at most `AUTO_TIMEOUT` for the file, fits on the project's own examples, logs the
problem once a session, and counts the confirmations as seen all the same, so the next try comes only after
`SHARE_EVERY` more (rather than at every saved batch, each reading all the project's examples again).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from workbench.core.errors import WorkbenchError
from workbench.core.qa.live_context import QaContext
from workbench.core.quality.calibration import BandFigures, tally
from workbench.core.quality.history import (
    TIMEOUT,
    Example,
    confirmed_count,
    project_examples,
    project_key,
    share_examples,
    shared_examples,
    shared_history_path,
)
from workbench.core.quality.model import DEFAULT, NotEnoughHistory, QualityModel, band_of, fit
from workbench.core.store.project_store import Project
from workbench.core.timestamps import now

log = logging.getLogger(__name__)

#: refit automatically once this many more of the project's machine drafts were confirmed
REFIT_EVERY = 50
#: share the project's examples with the office's history once this many more were confirmed
SHARE_EVERY = 10
#: seconds the automatic share waits for a shared history another workbench is writing (a request waits 10)
AUTO_TIMEOUT = 0.5
#: the shared-history problems already logged in this session (one warning each, not one per saved batch)
_logged: set[str] = set()


def _log_once(language: str, exc: WorkbenchError) -> None:
    message = str(exc)
    if message not in _logged:
        _logged.add(message)
        log.warning("quality history of %s not shared (the project's own history is used): %s", language, message)


def _model_key(language: str) -> str:
    return f"quality_model:{language}"


def _seen_key(language: str) -> str:
    return f"quality_seen:{language}"


def _value(project: Project, key: str) -> str | None:
    row = project.connection.execute("SELECT value FROM project WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _put(project: Project, values: dict[str, str]) -> None:
    with project.transaction() as db:
        db.executemany("INSERT OR REPLACE INTO project(key, value) VALUES (?, ?)", list(values.items()))


def stored_model(project: Project, language: str) -> QualityModel:
    """The language's fitted model, or the default when none was fitted (or it is unreadable)."""
    text = _value(project, _model_key(language))
    if text is None:
        return DEFAULT
    try:
        model = QualityModel.from_json(json.loads(text))
    except ValueError:
        model = None
    if model is None:
        log.warning("%s: the stored quality model of %s is unreadable; using the default", project.path, language)
        return DEFAULT
    return model


@dataclass(frozen=True, slots=True)
class FitResult:
    model: QualityModel
    #: the fitted model's bands on its own examples (in-sample: optimistic)
    in_sample: list[BandFigures]


def _fit(
    project: Project, language: str, history: Path, examples: list[Example], confirmed: int, automatic: bool = False
) -> FitResult:
    """Fit and store. On request a shared history that cannot be used raises (and the project keeps its model);
    automatically (`automatic`) the fit goes on with the project's examples alone and the problem is logged."""
    try:
        shared = shared_examples(history, language, project_key(project), AUTO_TIMEOUT if automatic else TIMEOUT)
        reachable = True
    except WorkbenchError as exc:
        if not automatic:
            raise
        _log_once(language, exc)
        shared, reachable = [], False
    every = examples + shared
    current = stored_model(project, language)
    keeping = "the default model" if current.is_default else f"the model fitted {current.fitted_at}"
    model = fit([e.signals for e in every], [e.kept for e in every], now(), len(examples), confirmed, keeping)
    in_sample = tally((band_of(model.score(e.signals)), e.distance) for e in every)
    # the history first: when it cannot be written, the project keeps its model (on request)
    if not automatic:
        share_examples(history, project_key(project), language, examples)
    elif reachable:
        _share_quietly(history, project, language, examples)
    _put(project, {_model_key(language): json.dumps(model.to_json()), _seen_key(language): str(confirmed)})
    return FitResult(model, in_sample)


def _share_quietly(history: Path, project: Project, language: str, examples: list[Example]) -> None:
    try:
        share_examples(history, project_key(project), language, examples, timeout=AUTO_TIMEOUT)
    except WorkbenchError as exc:
        _log_once(language, exc)


def fit_quality(project: Project, language: str, history: Path | None = None) -> FitResult:
    """Fit the language's model on the project's history and the shared one, store it, and share the
    project's examples. Too little history raises `NotEnoughHistory`, and nothing is written."""
    examples = project_examples(project, language)
    return _fit(project, language, history or shared_history_path(), examples, confirmed_count(project, language))


def model_for(
    project: Project, language: str, history: Path | None = None, context: QaContext | None = None
) -> QualityModel:
    """The model to estimate with, after the automatic share and refit when enough was confirmed since."""
    model = stored_model(project, language)
    confirmed = confirmed_count(project, language)
    seen = int(_value(project, _seen_key(language)) or 0)
    share = confirmed - seen >= SHARE_EVERY or confirmed < seen
    refit = (model.is_default and share) or (confirmed != seen and confirmed - model.confirmed_at_fit >= REFIT_EVERY)
    if not share and not refit:
        return model
    history = history or shared_history_path()
    examples = project_examples(project, language, context)
    if refit:
        try:
            return _fit(project, language, history, examples, confirmed, automatic=True).model
        except NotEnoughHistory:
            pass
    _share_quietly(history, project, language, examples)
    _put(project, {_seen_key(language): str(confirmed)})  # shared or not: the next try after SHARE_EVERY more
    return model
