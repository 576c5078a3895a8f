"""The Split dialog on a segment with tags: the parts it shows are the parts the split makes."""

from __future__ import annotations

from workbench.core.records import SegmentRecord
from workbench.core.tags.inline_tags import TagInfo
from workbench.ui.segment_structure_dialogs import SplitDialog

SOURCE = "<b1>Quyết định số 12 của tỉnh</b1> ban hành kế hoạch."


def test_a_place_inside_a_bold_stretch_shows_both_parts_bold(qtbot) -> None:  # type: ignore[no-untyped-def]
    segment = SegmentRecord(1, 1, 0, 0, SOURCE, True, "", (), {}, tags={1: TagInfo(1, "b", True, {"bold": True})})
    dialog = SplitDialog(segment, "ke-hoach.docx #1", "", None)
    qtbot.addWidget(dialog)
    dialog.set_place(SOURCE.index("của"))
    assert dialog.split_button.isEnabled()
    assert (
        dialog.preview.text()
        == "First part: <b1>Quyết định số 12</b1>\nSecond part: <b1>của tỉnh</b1> ban hành kế hoạch."
    )
    dialog.set_place(SOURCE.index("</b1>") + 2)  # inside the closing marker: it stays whole, with the bold words
    assert dialog.cut() == SOURCE.index(" ban")
