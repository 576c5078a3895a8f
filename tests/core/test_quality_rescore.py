"""`quality P score` re-estimates only the machine drafts still waiting for a person: a confirmed (or edited)
draft keeps the band it had when the person decided, so the report's calibration is not computed with a model
fitted on those very drafts; a poor draft left out of its empty cell is still waiting and is re-estimated."""

from __future__ import annotations

from pathlib import Path

from tests.core.test_quality_estimate import OPTIONS, _confirm, _history, _signals, _units
from workbench.core.ops.pretranslation import Draft, plan_pretranslation, save_batch
from workbench.core.quality.calibration import band_calibration
from workbench.core.quality.estimate import score_segments
from workbench.core.quality.fitting import fit_quality
from workbench.core.records import Origin, Status
from workbench.core.store.draft_notes import notes_for
from workbench.core.store.project_store import Project


def test_rescoring_leaves_decided_drafts_alone_and_estimates_the_waiting_ones(project: Project, tmp_path: Path) -> None:
    units = _units(project, tmp_path, 48)
    _history(project, units[:46])
    left_out_unit = units[46]
    plan = plan_pretranslation(project, "en", "model-a", OPTIONS, leave_poor_out=True)
    poor = Draft(left_out_unit, "article article article", -4.0, (), {"signals": _signals(-4.0, runaway=True)})
    assert save_batch(project, plan, "model-a", [poor]).left_out == (left_out_unit.segment_ids[0],)
    _confirm(project, units[:40])
    edited = units[40].segment_ids[0]  # a person changed the draft without confirming it yet
    project.save_translation(edited, "en", "Changed by hand.", Status.DRAFT, Origin.HUMAN, "lan")
    waiting = [u.segment_ids[0] for u in units[41:46]] + [left_out_unit.segment_ids[0]]
    decided = [u.segment_ids[0] for u in units[:40]] + [edited]

    before = notes_for(project, "en")
    calibration = band_calibration(project, "en")
    fit_quality(project, "en", tmp_path / "history.sqlite")  # fitted on the 40 confirmed drafts
    assert score_segments(project, "en") == len(waiting)
    after = notes_for(project, "en")
    assert [(after[s].quality, after[s].band) for s in decided] == [
        (before[s].quality, before[s].band) for s in decided
    ]
    assert all(after[s].quality != before[s].quality for s in waiting)  # the fitted model scored these anew
    confirmed_rows = [(f.band, f.confirmed, f.kept, f.rewritten) for f in band_calibration(project, "en")]
    assert confirmed_rows == [(f.band, f.confirmed, f.kept, f.rewritten) for f in calibration]
    assert notes_for(project, "en", [units[47].segment_ids[0]]) == {}  # never drafted: nothing to estimate
    # a back-translation arriving after the person confirmed its draft does not re-estimate it either
    assert score_segments(project, "en", [decided[0], waiting[0]]) == 1
    assert notes_for(project, "en", [decided[0]])[decided[0]].quality == before[decided[0]].quality
