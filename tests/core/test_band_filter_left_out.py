"""The band filter and "poor drafts first" find a cell left empty because its poor draft was left out
(Settings.leave_poor_drafts_out), as the grid marks it poor; once a person fills the cell it is no longer one."""

from __future__ import annotations

from pathlib import Path

from tests.core.test_quality_estimate import OPTIONS, _signals, _units
from workbench.core.ops.pretranslation import Draft, plan_pretranslation, save_batch
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project
from workbench.core.store.segment_filter import SegmentFilter, filter_segment_ids


def test_a_left_out_poor_draft_is_found_by_the_poor_filter_and_comes_first(project: Project, tmp_path: Path) -> None:
    units = _units(project, tmp_path, 3)
    plan = plan_pretranslation(project, "en", "model-a", OPTIONS, leave_poor_out=True)
    fine = [Draft(u, f"Article {i} is about An Giang province.", -0.1, (), {"signals": _signals(-0.1)})
            for i, u in enumerate(units[:2])]  # fmt: skip
    poor = Draft(units[2], "article article article", -4.0, (), {"signals": _signals(-4.0, runaway=True)})
    left_out = units[2].segment_ids[0]
    assert save_batch(project, plan, "model-a", [*fine, poor]).left_out == (left_out,)
    poor_en = SegmentFilter(language="en", bands=frozenset({"poor"}))
    assert filter_segment_ids(project, None, poor_en) == [left_out]
    assert filter_segment_ids(project, None, SegmentFilter(language="km", bands=frozenset({"poor"}))) == []
    ordered = filter_segment_ids(project, None, SegmentFilter(language="en", poor_first=True))
    assert ordered[0] == left_out and sorted(ordered) == sorted(project.segment_ids())
    project.save_translation(left_out, "en", "Written by hand.", Status.TRANSLATED, Origin.HUMAN, "lan")
    assert filter_segment_ids(project, None, poor_en) == []
