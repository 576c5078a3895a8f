"""Estimating drafts: their signals, score and band, stored in their notes (`draft_notes`).

`score_segments` re-estimates drafts already saved (after a back-translation arrives, or on request: then only
the drafts still waiting for a person, so a confirmed draft keeps the band it had when the person decided and
the report's calibration is not scored by a model fitted on those very drafts);
`estimate_drafts` estimates drafts not yet written, so pre-translation can leave a poor one out of its cell.
Both use the language's model after the automatic refit check (fitting.model_for).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from workbench.core.errors import WorkbenchError
from workbench.core.qa.live_context import QaContext
from workbench.core.quality.fitting import model_for, stored_model
from workbench.core.quality.model import QualityModel, band_of
from workbench.core.quality.signals import DraftFacts, draft_signals, other_drafts
from workbench.core.store.draft_notes import band_rank, read_notes, set_quality
from workbench.core.store.project_store import Project
from workbench.core.store.second_opinions import drafted_sources

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Estimate:
    score: float
    band: str
    signals: dict[str, Any]


def _model(project: Project, language: str, context: QaContext) -> QualityModel:
    """The model after the automatic refit; a shared history that cannot be written never stops the drafts."""
    try:
        return model_for(project, language, context=context)
    except WorkbenchError as exc:
        log.warning("quality model of %s not refitted: %s", language, exc)
        return stored_model(project, language)


def estimate_drafts(project: Project, language: str, drafts: Sequence[DraftFacts]) -> list[Estimate]:
    """The estimate of each draft, in order, from its text and meta (nothing is written but a refit)."""
    if not drafts:
        return []
    context = QaContext.load(project)
    model = _model(project, language, context)
    source_language = project.info.source_language
    others = other_drafts(project.connection, language, (d.source for d in drafts), {d.source: d.model for d in drafts})
    found = []
    for facts in drafts:
        signals = draft_signals(facts, language, source_language, context, others.get(facts.source, ()))
        score = model.score(signals)
        found.append(Estimate(score, band_of(score), signals))
    return found


#: the notes about a machine draft still waiting for a person: in its cell as the model wrote it, or left out
#: of its empty cell as poor (Settings.leave_poor_drafts_out; the side panel offers it)
PENDING = """SELECT n.segment_id FROM draft_notes n
    LEFT JOIN translations t ON t.segment_id = n.segment_id AND t.language = n.language
    WHERE n.language = ? AND (t.segment_id IS NULL OR (t.status = 'untranslated' AND t.text = '')
                              OR (t.status = 'draft' AND t.origin = 'mt' AND t.text = n.draft))"""


def pending_drafts(project: Project, language: str, segment_ids: Iterable[int] | None = None) -> list[int]:
    """Those of these segments (all with None) whose machine draft no person has decided on yet (PENDING)."""
    if segment_ids is None:
        return [row[0] for row in project.connection.execute(PENDING, (language,))]
    ids = list(dict.fromkeys(segment_ids))
    found: list[int] = []
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        found += [
            row[0]
            for row in project.connection.execute(
                f"{PENDING} AND n.segment_id IN ({','.join('?' * len(chunk))})", [language, *chunk]
            )
        ]
    return found


def score_segments(project: Project, language: str, segment_ids: Iterable[int] | None = None) -> int:
    """Estimate the machine drafts of these segments (all the language's with None) that still wait for a
    person (`pending_drafts`: a draft confirmed or edited since, even while its back-translation was being
    made, keeps the band it had when the person decided) and store the estimates in their notes. Returns how
    many were estimated."""
    ids = pending_drafts(project, language, segment_ids)
    notes = read_notes(project.connection, language, ids)
    if not notes:
        return 0
    facts = [
        DraftFacts(d.segment_id, d.source, d.spans, n.draft, n.model, n.meta, None, n.back_translation)
        for d in drafted_sources(project.connection, language, notes)
        if (n := notes[d.segment_id])
    ]
    estimates = estimate_drafts(project, language, facts)
    with project.transaction() as db:
        for fact, estimate in zip(facts, estimates, strict=True):
            set_quality(db, fact.segment_id, language, estimate.score, estimate.band, estimate.signals)
    return len(facts)


def band_order(project: Project, language: str, segment_ids: Sequence[int]) -> list[int]:
    """The segments poor first, then check, then good, then those with no estimate of their current text;
    in reading order within each."""
    ids = list(dict.fromkeys(segment_ids))
    keys: dict[int, tuple[int, int, int, int]] = {}
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        for sid, document_id, position, band in project.connection.execute(
            f"""SELECT s.id, s.document_id, coalesce(s.position, -1), n.band FROM segments s
                LEFT JOIN translations t ON t.segment_id = s.id AND t.language = ?
                LEFT JOIN draft_notes n ON n.segment_id = s.id AND n.language = ? AND n.draft = t.text
                WHERE s.id IN ({",".join("?" * len(chunk))})""",
            [language, language, *chunk],
        ):
            keys[sid] = (band_rank(band), document_id, position, sid)
    return sorted((sid for sid in ids if sid in keys), key=keys.__getitem__)
