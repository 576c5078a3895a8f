"""The merge dialog says how each unit of a returned file was matched: by id, or by source text when
translate-toolkit's xliff2po dropped our context."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from PySide6.QtCore import Qt

from tests.core.test_peer_handoff import _edited_po, _project
from workbench.core.memory.translation_memory import SharedMemory
from workbench.core.ops.merge_back import Match
from workbench.ui.merge_dialog import MergeDialog


def test_each_row_says_which_rule_matched_its_unit(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with _project(tmp_path) as project:
        edited = _edited_po(tmp_path, project)
        dialog = MergeDialog(project, edited, "km", {"km": "Khmer"}, "Lan")
        qtbot.addWidget(dialog)
        assert dialog.plan is not None and dialog.merge_button.isEnabled()
        shown = {
            dialog.rows[r].matched_by: dialog.model.data(dialog.model.index(r, 4), Qt.ItemDataRole.DisplayRole)
            for r in range(dialog.model.rowCount())
        }
        assert shown[Match.SOURCE].endswith("(matched by source text)")
        assert shown[Match.ORDER].endswith("(matched by source text and order)")
        dialog.merge()
        third = project.segment_ids()[2]
        assert project.segment(third).translations["km"].text == "ផ្សារបណ្តែតទឹកបើកព្រឹក។"


def test_the_dialog_says_what_it_did_not_trust_in_the_file(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.core.test_merge_hostile import _changed_here_after_handoff
    from tests.core.test_merge_hostile import _project as _hostile_project

    with _hostile_project(tmp_path) as project:
        returned = _changed_here_after_handoff(tmp_path, project, "9999-12-31T00:00:00Z")
        dialog = MergeDialog(project, returned, "km", {"km": "Khmer"}, "Lan")
        qtbot.addWidget(dialog)
        assert "'9999-12-31T00:00:00Z' is in the future, so it is not trusted" in dialog.summary.text()


def test_merging_from_the_dialog_teaches_the_shared_memory_it_is_given(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with _project(tmp_path) as project, closing(SharedMemory(tmp_path / "shared.sqlite")) as shared:
        edited = _edited_po(tmp_path, project)
        dialog = MergeDialog(project, edited, "km", {"km": "Khmer"}, "Lan", memory=shared)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.merged) as merged:
            dialog.merge()
        third = project.segment_ids()[2]
        assert third in merged.args[0]
        found = [m.unit.target for m in shared.lookup(project.segment(third).source, "km") if m.score == 100]
        assert found == ["ផ្សារបណ្តែតទឹកបើកព្រឹក។"]
