"""The merge dialog says how each unit of a returned file was matched: by id, or by source text when
translate-toolkit's xliff2po dropped our context."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.core.test_peer_handoff import _edited_po, _project
from workbench.core.merge_back import Match
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
