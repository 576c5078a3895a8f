"""Finding segments: status and language filters, search that can ignore diacritics, find & replace with a preview."""

from __future__ import annotations

from PySide6.QtCore import Qt

from workbench.core.records import Origin, Status


def _sources(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [window.model.data(window.model.index(r, 1)) for r in range(window.model.rowCount())]


def test_search_ignoring_diacritics_finds_hoa_in_hoa_binh(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    qtbot.keyClick(window.grid, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_bar.search.hasFocus()
    qtbot.keyClicks(window.filter_bar.search, "hoa")
    window.filter_bar.apply_now()
    assert _sources(window) == []
    window.filter_bar.ignore_diacritics.setChecked(True)
    assert _sources(window) == ["Hòa Bình có hồ lớn."]
    window.filter_bar.search.clear()
    window.filter_bar.apply_now()
    assert window.model.rowCount() == 3
    window.close()


def test_status_filter_per_language_and_the_current_segment_is_kept(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    ids = window.model.ids
    window.project.save_translation(ids[1], "km", "ភ្នំ", Status.DRAFT, Origin.MT, "m")
    window.grid.setCurrentIndex(window.model.index(1, 3))
    window.filter_bar.status.setCurrentIndex(window.filter_bar.status.findText("Draft"))
    assert window.model.ids == [ids[1]]
    assert window.grid.currentIndex().row() == 0 and window.current_segment_id() == ids[1]
    window.filter_bar.language.setCurrentIndex(window.filter_bar.language.findData("en"))
    assert window.model.ids == []  # nothing is a draft in English
    window.filter_bar.status.setCurrentIndex(window.filter_bar.status.findText("Needing work"))
    assert window.model.ids == ids
    assert window.filter_bar.qa.isEnabled()  # the quality checks feed it
    window.filter_bar.set_qa_provider(lambda: frozenset({ids[2]}))
    window.filter_bar.qa.setChecked(True)
    assert window.model.ids == [ids[2]]
    window.close()


def test_find_and_replace_previews_every_change_and_undoes_in_one_step(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    from workbench.ui.find_replace_dialog import FindReplaceDialog

    window = open_window()
    ids = window.model.ids
    window.project.save_translation(ids[0], "en", "Mount Cam in An giang.", Status.TRANSLATED, Origin.HUMAN, "a")
    window.project.save_translation(
        ids[1], "en", "Hoa Binh has a lake, not An giang.", Status.APPROVED, Origin.HUMAN, "a"
    )
    window.project.save_translation(ids[2], "en", "Long Xuyen, An giang.", Status.DRAFT, Origin.MT, "m")
    dialog = FindReplaceDialog(window.project, window.model.ids, "en", window.names, window.editing, window)
    qtbot.addWidget(dialog)
    dialog.find_edit.setText("an giang")
    dialog.replace_edit.setText("An Giang")
    dialog.preview_button.click()
    assert dialog.model.rowCount() == 3 and dialog.model.rows[0][2] == "Mount Cam in An Giang."
    assert window.project.segment(ids[0]).translations["en"].text == "Mount Cam in An giang."  # preview only
    dialog.model.setData(dialog.model.index(1, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    dialog.replace_button.click()
    assert dialog.replaced == 2
    texts = {i: window.project.segment(i).translations["en"] for i in ids}
    assert texts[ids[0]].text == "Mount Cam in An Giang." and texts[ids[0]].status is Status.TRANSLATED
    assert texts[ids[1]].text == "Hoa Binh has a lake, not An giang." and texts[ids[1]].status is Status.APPROVED
    assert texts[ids[2]].status is Status.DRAFT and texts[ids[2]].origin is Origin.HUMAN
    window.undo_action.trigger()
    assert [window.project.segment(i).translations["en"].text for i in (ids[0], ids[2])] == [
        "Mount Cam in An giang.",
        "Long Xuyen, An giang.",
    ]
    window.close()
