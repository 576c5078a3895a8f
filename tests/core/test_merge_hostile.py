"""Merging back a hand-off that is odd or hostile: unit ids that are not ours, a hand-off date from the
future, a file whose text is the project's own, conflicts asked for that are not conflicts. Each ends in a
plan that says what it did, or one message, and nothing is overwritten unseen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest
from lxml import etree

from tests.builders.returned_handoff import returned_xliff
from tests.conftest import REPO
from workbench.core.errors import WorkbenchError
from workbench.core.exporting.export_formats import handoff
from workbench.core.exporting.po_export import HANDOFF_HEADER
from workbench.core.exporting.xliff import NS
from workbench.core.importing.file_import import prepare_import
from workbench.core.ops.approval import send_back
from workbench.core.ops.merge_back import Match, Outcome, apply_merge, plan_merge, would_write
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project

X = f"{{{NS}}}"
TEXT = "Núi Cấm cao.\n\nChợ nổi họp sớm.\n\nLễ hội Bà Chúa Xứ đông vui.\n"


def _project(tmp_path: Path) -> Project:
    source = tmp_path / "an-giang.txt"
    source.write_text(TEXT, encoding="utf-8")
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"])
    project.store_document(prepare_import(source))
    first, second, _third = project.segment_ids()
    project.save_translation(first, "km", "ភ្នំកម្ពស់។", Status.APPROVED, Origin.HUMAN, "Hoa")
    project.save_translation(second, "km", "ផ្សារបណ្តែតទឹក។", Status.TRANSLATED, Origin.HUMAN, "Dara")
    return project


def _edit(path: Path, ids: dict[str, str] | None = None, date: str | None = None) -> Path:
    """The returned XLIFF with its unit ids replaced (old -> new) and its <file> date set."""
    tree = etree.parse(str(path))
    for unit in tree.getroot().iter(f"{X}trans-unit"):
        unit.set("id", (ids or {}).get(unit.get("id", ""), unit.get("id", "")))
    if date is not None:
        for file_el in tree.getroot().iter(f"{X}file"):
            file_el.set("date", date)
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    return path


@pytest.mark.parametrize("hostile_id", ["²", "99999999999999999999999", "٣", "-1", "1e3"])
def test_a_unit_id_that_is_not_one_of_ours_is_matched_by_its_source(tmp_path: Path, hostile_id: str) -> None:
    with _project(tmp_path) as project:
        _first, _second, third = project.segment_ids()
        returned = returned_xliff(project, tmp_path, ["ភ្នំកម្ពស់។", "ផ្សារបណ្តែតទឹក។", "ពិធីបុណ្យ។"])
        _edit(returned, {str(third): hostile_id})
        row = next(r for r in plan_merge(project, returned, "km").rows if r.context == hostile_id)
        assert (row.segment_id, row.matched_by, row.outcome) == (third, Match.SOURCE, Outcome.UPDATE)


def _changed_here_after_handoff(tmp_path: Path, project: Project, date: str) -> Path:
    """A hand-off, then Dara changes segment 2 here, then the file comes back with other text for it."""
    second = project.segment_ids()[1]
    returned = returned_xliff(project, tmp_path, ["ភ្នំកម្ពស់។", "ផ្សារ។", "ពិធីបុណ្យ។"])
    project.save_translation(second, "km", "ផ្សារបណ្តែតទឹកព្រឹក។", Status.TRANSLATED, Origin.HUMAN, "Dara")
    return _edit(returned, date=date)


def test_a_handoff_dated_in_the_future_is_not_trusted_and_the_plan_says_so(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        returned = _changed_here_after_handoff(tmp_path, project, "9999-12-31T00:00:00Z")
        plan = plan_merge(project, returned, "km")
        assert any("'9999-12-31T00:00:00Z' is in the future, so it is not trusted" in n for n in plan.notes)
    done = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "merge", "p.wbp", str(returned), "--to", "km", "--dry-run"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "note: <file original='an-giang.txt'> date '9999-12-31T00:00:00Z' is in the future" in done.stdout


def test_a_handoff_date_with_a_time_zone_is_compared_as_the_moment_it_names(tmp_path: Path) -> None:
    # an hour ago written in UTC+7 reads as a later clock time: compared as text, no conflict was found
    from datetime import UTC, datetime, timedelta, timezone

    with _project(tmp_path) as project:
        hour_ago = (datetime.now(UTC) - timedelta(hours=1)).astimezone(timezone(timedelta(hours=7)))
        returned = _changed_here_after_handoff(tmp_path, project, hour_ago.isoformat(timespec="seconds"))
        row = next(r for r in plan_merge(project, returned, "km").rows if r.segment_id == project.segment_ids()[1])
        assert row.outcome is Outcome.CONFLICT and "since the hand-off" in row.why


def test_a_po_handoff_date_in_the_future_is_not_trusted(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        handoff(project, "po", "km", tmp_path / "handoff.po")
        po = polib.pofile(str(tmp_path / "handoff.po"))
        po.metadata[HANDOFF_HEADER] = "9999-12-31T00:00:00+00:00"
        po.save(str(tmp_path / "returned.po"))
        plan = plan_merge(project, tmp_path / "returned.po", "km")
        assert [n for n in plan.notes if f"the header's {HANDOFF_HEADER} '9999-12-31T00:00:00+00:00'" in n]
        garbage = po.metadata[HANDOFF_HEADER] = "tomorrow"
        po.save(str(tmp_path / "returned.po"))
        plan = plan_merge(project, tmp_path / "returned.po", "km")
        assert [n for n in plan.notes if f"'{garbage}' is not a date" in n]


def test_an_old_handoff_with_the_same_text_after_a_send_back_is_unchanged_not_a_conflict(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        second = project.segment_ids()[1]
        # an old hand-off comes back with the text it had (a space doubled) after the editor sent it back
        returned = returned_xliff(project, tmp_path, ["ភ្នំកម្ពស់។", "ផ្សារបណ្តែត  ទឹក។", "ពិធីបុណ្យ។"])
        _edit(returned, date="2000-01-01T00:00:00Z")
        project.save_translation(second, "km", "ផ្សារបណ្តែត ទឹក។", Status.TRANSLATED, Origin.HUMAN, "Dara")
        send_back(project, second, "km", "Check the word order", "Lan", "editor")
        row = next(r for r in plan_merge(project, returned, "km").rows if r.segment_id == second)
        assert (row.outcome, row.why) == (Outcome.SAME, "")
        apply_merge(project, plan_merge(project, returned, "km"), "Dara")
        assert project.segment(second).translations["km"].status is Status.NEEDS_WORK  # the send-back stands


def test_the_same_text_confirmed_in_the_file_turns_a_draft_into_a_translation(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        third = project.segment_ids()[2]
        project.save_translation(third, "km", "ពិធីបុណ្យ។", Status.DRAFT, Origin.MT, "nllb")
        returned = returned_xliff(project, tmp_path, ["ភ្នំកម្ពស់។", "ផ្សារបណ្តែតទឹក។", "ពិធីបុណ្យ។"])
        assert apply_merge(project, plan_merge(project, returned, "km"), "Dara").segment_ids == (third,)
        assert project.segment(third).translations["km"].status is Status.TRANSLATED


def test_taking_an_id_that_is_not_a_conflict_is_refused_naming_it(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        first, second, third = project.segment_ids()
        returned = returned_xliff(project, tmp_path, ["ភ្នំខ្ពស់។", "ផ្សារបណ្តែតទឹក។", "ពិធីបុណ្យ។"])
        plan = plan_merge(project, returned, "km")
        assert [r.segment_id for r in plan.of(Outcome.CONFLICT)] == [first]
        with pytest.raises(WorkbenchError, match=rf"segments {third}, 99 are not a conflict of this merge \(its conflicts: {first}\)"):  # fmt: skip
            apply_merge(project, plan, "Lan", take=[third, 99])
        with pytest.raises(WorkbenchError, match="segment 99 is not a conflict"):
            would_write(plan, take=[99])
        assert project.segment(third).translations["km"].text == ""  # nothing was merged
    for extra in ([], ["--dry-run"]):
        done = subprocess.run(
            [sys.executable, str(REPO / "main.py"), "merge", "p.wbp", str(returned), "--to", "km", "--take", "99", *extra],
            cwd=tmp_path, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 2
        assert "error: returned.xlf: segment 99 is not a conflict of this merge" in done.stderr
    with Project.open(tmp_path / "p.wbp", read_only=True) as project:
        assert project.segment(third).translations["km"].text == ""
        assert project.segment(second).translations["km"].text == "ផ្សារបណ្តែតទឹក។"


def test_the_merge_plan_quotes_a_long_text_shortened(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        returned = returned_xliff(project, tmp_path, ["ភ្នំកម្ពស់។", "ផ្សារបណ្តែតទឹក។", "ពិធី" * 100_000])
    done = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "merge", "p.wbp", str(returned), "--to", "km", "--dry-run"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0 and len(done.stdout) < 5_000
    assert "file 'ពិធីពិធី" in done.stdout and "…'" in done.stdout
