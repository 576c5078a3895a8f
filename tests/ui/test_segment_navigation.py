"""One numbering in the window: the grid's # column is the segment's number in its document whatever the
filter, Ctrl+J goes to a number, and File > Recent projects opens another project in place of this one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt

from workbench.core.importing.file_import import import_files
from workbench.core.records import Status
from workbench.core.store.project_store import Project
from workbench.ui.start_window import StartWindow


def _le_hoi(tmp_path: Path) -> Path:
    path = tmp_path / "le-hoi.txt"
    path.write_text("Lễ hội mở màn.\n\nNgười dân đến xem.\n", encoding="utf-8")
    return path


def test_the_number_column_keeps_each_segments_number_in_its_document_under_a_filter(  # type: ignore[no-untyped-def]
    qtbot, open_window, tmp_path: Path
) -> None:
    window = open_window(_le_hoi(tmp_path))
    assert [window.model.data(window.model.index(r, 0)) for r in range(5)] == [1, 2, 1, 2, 3]
    window.filter_bar.ignore_diacritics.setChecked(True)
    window.filter_bar.search.setText("hoa binh")
    window.filter_bar.apply_now()
    assert window.model.rowCount() == 1
    assert window.model.data(window.model.index(0, 0)) == 2  # "Hòa Bình có hồ lớn." is #2 of ngan.txt, not row 1
    assert window.model.data(window.model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "ngan.txt #2"
    window.close()


def test_ctrl_j_goes_to_a_number_in_the_current_document_or_a_named_one(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(_le_hoi(tmp_path))
    ids = window.model.ids
    window.grid.setCurrentIndex(window.model.index(3, 1))  # in ngan.txt
    qtbot.keyClick(window.grid, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    dialog = window.navigation.go_to_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.field, "3")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.current_segment_id() == ids[4]  # ngan.txt #3

    window.filter_bar.search.setText("Hòa")  # hides le-hoi.txt
    window.filter_bar.apply_now()
    window.grid.setCurrentIndex(window.model.index(0, 1))  # "Hòa Bình có hồ lớn.", ngan.txt #2
    window.navigation.go_to_segment()
    dialog = window.navigation.go_to_dialog
    for wrong, said in (("#9", "ngan.txt has segments #1 to #3"), ("nope.txt #1", "has no document 'nope.txt'")):
        dialog.field.setText(wrong)
        dialog.go()
        assert dialog.isVisible() and said in dialog.problem.text(), wrong
    dialog.field.setText("le-hoi.txt #2")
    dialog.go()
    assert not dialog.isVisible()
    assert window.current_segment_id() == ids[1]  # the search that hid it was cleared
    assert window.model.data(window.model.index(window.grid.currentIndex().row(), 0)) == 2

    window.grid.setCurrentIndex(window.model.index(1, 2))  # le-hoi.txt #2, English
    editor = window.open_editor()
    qtbot.keyClicks(editor, "People")
    qtbot.keyClick(editor, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)  # Ctrl+J reaches the window
    dialog = window.navigation.go_to_dialog
    dialog.field.setText("1")
    dialog.go()
    assert window.current_segment_id() == ids[0]
    left = window.project.segment(ids[1]).translations["en"]
    assert (left.text, left.status) == ("People", Status.DRAFT)  # what was typed is kept as a draft
    assert window.current_editor() is not None and window.current_editor().segment_id == ids[0]
    window.close()


def test_recent_projects_are_listed_and_open_in_place_of_this_one(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, app_context, shown_errors: list[str]
) -> None:
    paths = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.wbp"
        with Project.create(path, name.upper(), "vi", ["en", "km"]) as project:
            import_files(project, [_le_hoi(tmp_path)])
        paths.append(path)
    start = StartWindow(app_context)
    qtbot.addWidget(start)
    start.open_project(paths[0])
    start.open_project(paths[1])
    first_window = start.project_window
    assert first_window is not None
    menu = first_window.navigation.recent_menu
    menu.aboutToShow.emit()
    listed = [(action.text(), action.isEnabled()) for action in menu.actions()]
    assert listed == [("&1 b.wbp", False), ("&2 a.wbp", True)]  # the open one cannot be chosen
    menu.actions()[1].trigger()
    qtbot.waitUntil(lambda: start.project is not None and start.project.path.name == "a.wbp", timeout=5000)
    assert not first_window.isVisible()  # closed, its project released
    assert app_context.settings.recent_projects == [str(paths[0].resolve()), str(paths[1].resolve())]

    gone = str(tmp_path / "gone.wbp")
    app_context.update_settings(
        replace(app_context.settings, recent_projects=[*app_context.settings.recent_projects, gone])
    )
    window = start.project_window
    assert window is not None
    window.navigation.recent_menu.aboutToShow.emit()
    window.navigation.recent_menu.actions()[-1].trigger()
    assert shown_errors and "gone.wbp is not there any more" in shown_errors[-1]
    assert gone not in app_context.settings.recent_projects
    assert start.project is not None and start.project.path.name == "a.wbp"  # nothing else changed
    window.close()
