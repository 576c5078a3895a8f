"""The window on an office laptop (1366×768) and a projector (1280×720): it opens within the screen, every
part is on screen with the status bar visible, the filter bar folds instead of widening the window, and a
2,000-character string without a space in a suggestion or the history never makes the window wider."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

from tests.ui.settle import settle
from workbench.core.changes import SegmentChanges
from workbench.core.records import Origin, Status

EN = 2
#: a taskbar and the window's title bar take about this much of the screen's height
DECORATIONS = 72
SCREENS = [QSize(1366, 768), QSize(1280, 720)]


def _in_scrolled_area(widget: QWidget) -> bool:
    """Inside a scroll area's viewport: clipped and scrolled by design."""
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName() == "qt_scrollarea_viewport":
            return True
        parent = parent.parentWidget()
    return False


def _outside(window: QWidget) -> list[str]:
    """The shown widgets that reach beyond the window's own area (or are cut by a splitter)."""
    area = QRect(0, 0, window.width(), window.height())
    found = []
    for child in window.findChildren(QWidget):
        if not child.isVisible() or child.isWindow() or _in_scrolled_area(child):
            continue
        rect = QRect(child.mapTo(window, child.rect().topLeft()), child.size())
        if not area.contains(rect):
            found.append(f"{type(child).__name__} {rect}")
    return found


def _shown_at(qtbot, window, size: QSize) -> None:  # type: ignore[no-untyped-def]
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size)
    settle(window)


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("pane", [False, True], ids=["grid", "editor-pane"])
def test_the_window_fits_an_office_screen(qtbot, open_window, screen: QSize, pane: bool) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    if pane:
        window.pane_action.trigger()
    size = QSize(screen.width(), screen.height() - DECORATIONS)
    assert window.minimumSizeHint().width() <= size.width() and window.minimumSizeHint().height() <= size.height()
    _shown_at(qtbot, window, size)
    window.grid.setCurrentIndex(window.model.index(0, EN))
    settle(window)

    assert window.size() == size  # nothing forced it bigger
    status = window.statusBar()
    assert status.isVisible() and status.geometry().bottom() <= window.height() and status.height() >= 16
    assert _outside(window) == []
    assert window.grid.width() >= 400 and window.grid.height() >= 150  # room to work, not a sliver
    names = window.documents
    assert names.columnWidth(0) >= names.fontMetrics().horizontalAdvance(names.topLevelItem(1).text(0))
    bar = window.filter_bar
    assert bar.geometry().right() <= window.centralWidget().width()
    assert bar.poor_first.isVisible() and bar.poor_first.geometry().right() <= bar.width()
    if pane:
        assert window.pane.editor.height() >= 40 and window.pane.editor.segment_id == window.model.segment_id(0)
    window.close()


def test_the_window_opens_within_its_screen(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    room = window.screen().availableGeometry()
    assert window.width() <= room.width() and window.height() <= room.height()
    assert room.contains(window.geometry())
    window.close()


def test_a_long_unbroken_string_in_a_suggestion_and_the_history_does_not_widen_the_window(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    size = QSize(1280, 720 - DECORATIONS)
    _shown_at(qtbot, window, size)
    widths = window.splitter.sizes()
    unbroken = "https://angiang.gov.vn/" + "x" * 2000
    segment_id = window.model.segment_id(0)
    window.project.save_translation(segment_id, "en", unbroken, Status.DRAFT, Origin.MT, "", origin_detail="tiny")
    window.project.save_translation(segment_id, "en", unbroken + "y", Status.TRANSLATED, Origin.HUMAN, "Lan")
    window.apply(SegmentChanges.of([segment_id]))  # as every operation reports what it changed
    window.grid.setCurrentIndex(window.model.index(0, EN))
    qtbot.waitUntil(lambda: window.side_panel.history_list.count() >= 2)
    assert window.side_panel.post_edit.isVisible()  # the diff against the draft, with the long string in it
    settle(window)

    assert window.size() == size
    assert window.minimumSizeHint().width() <= size.width()
    assert window.splitter.sizes() == widths  # the side panel kept its width
    assert _outside(window) == []
    window.close()
