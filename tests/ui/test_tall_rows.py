"""A 1,500-character sentence (the An Giang article has one) makes a row taller than the grid: its text starts
at the top of the row, scrolling walks through the row instead of jumping over it, and its cell editor
stays on screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractSlider

from tests.ui.settle import settle

EN = 2
PLACES = [
    "Châu Đốc", "Long Xuyên", "Tân Châu", "Tịnh Biên", "Tri Tôn", "Chợ Mới", "Phú Tân", "An Phú", "Châu Thành",
    "Thoại Sơn", "Châu Phú", "núi Cấm", "núi Sam", "rừng tràm Trà Sư", "hồ Tà Pạ", "chợ nổi Long Xuyên",
]  # fmt: skip


def _long_sentence() -> str:
    parts, n = [], 0
    while sum(map(len, parts)) < 1500:
        parts.append(f"lễ hội thứ {n + 1} ở {PLACES[n % len(PLACES)]} với đua bò, hát dù kê và múa lâm thôn")
        n += 1
    return "Năm nay tỉnh tổ chức " + ", ".join(parts) + "."


def _window_with_a_tall_row(qtbot, open_window, tmp_path: Path):  # type: ignore[no-untyped-def]
    article = tmp_path / "le-hoi.txt"
    article.write_text(f"Lễ hội An Giang.\n\n{_long_sentence()}\n\nHết.\n", encoding="utf-8")
    window = open_window(article)
    window.resize(QSize(1280, 648))
    window.documents.select_document(next(d.id for d in window.project.documents() if d.name == "le-hoi.txt"))
    row = next(r for r in range(window.model.rowCount()) if len(window.model.record(r).source) >= 1500)
    window.grid.scrollTo(window.model.index(row, 1))
    qtbot.waitUntil(lambda: window.grid.rowHeight(row) > window.grid.viewport().height())
    return window, row


def test_a_tall_row_reads_from_its_top_and_scrolls_through(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window, row = _window_with_a_tall_row(qtbot, open_window, tmp_path)
    grid = window.grid
    alignment = window.model.data(window.model.index(row, 1), Qt.ItemDataRole.TextAlignmentRole)
    assert Qt.AlignmentFlag(alignment) & Qt.AlignmentFlag.AlignTop  # not centred out of sight

    grid.scrollTo(window.model.index(row, 1), grid.ScrollHint.PositionAtTop)
    tops = []
    for _ in range(4):
        tops.append(grid.visualRect(window.model.index(row, 1)).top())
        grid.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderSingleStepAdd)
        assert grid.rowAt(0) == row  # still inside the tall row: its middle comes into view
    assert tops == sorted(tops, reverse=True) and tops[0] > tops[-1]
    window.close()


def test_the_cell_editor_of_a_tall_row_stays_on_screen(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window, row = _window_with_a_tall_row(qtbot, open_window, tmp_path)
    grid = window.grid
    index = window.model.index(row, EN)
    grid.setCurrentIndex(index)
    grid.scrollTo(index, grid.ScrollHint.PositionAtTop)
    for _ in range(3):
        grid.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderSingleStepAdd)
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    editor = window.delegate.open_editor
    assert editor is not None
    settle(window)
    assert grid.viewport().rect().contains(editor.geometry())
    window.close()
