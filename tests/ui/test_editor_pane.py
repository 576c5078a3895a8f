"""A translator who turns on the editor pane (View > Editor pane) writes long segments in a roomy editor
under the grid: the text is kept as it is typed, Ctrl+Enter confirms and goes on, moving to another cell
leaves the text and shows that cell, and the grid's Enter comes to the pane instead of a cell editor. A long Khmer line wraps between
syllables, in the pane and in the cell, never inside one."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QPlainTextEdit

from workbench.core.language.khmer_breaks import ZERO_WIDTH_SPACE, for_display
from workbench.core.ops.unconfirmed_edits import unconfirmed_edits
from workbench.core.records import Status
from workbench.core.settings import Settings
from workbench.ui.segment_editor import SegmentEditor

EN, KM = 2, 3
SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples" / "soc-trang-sample-translations.json"


def _with_pane(qtbot, open_window):  # type: ignore[no-untyped-def]
    window = open_window()
    window.pane_action.trigger()
    assert window.pane.isVisible()
    window.grid.setCurrentIndex(window.model.index(0, EN))
    qtbot.waitUntil(lambda: window.pane.editor.segment_id == window.model.segment_id(0))
    return window


def _translation(window, row: int, language: str = "en"):  # type: ignore[no-untyped-def]
    return window.project.segment(window.model.segment_id(row)).translations.get(language)


def test_typing_in_the_pane_is_kept_on_disk_and_ctrl_enter_confirms_and_goes_on(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = _with_pane(qtbot, open_window)
    editor = window.pane.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Mount Cam is famous.")
    qtbot.waitUntil(lambda: len(unconfirmed_edits(window.project)) == 1, timeout=8000)  # autosaved, unconfirmed

    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    saved = _translation(window, 0)
    assert (saved.text, saved.status) == ("Mount Cam is famous.", Status.TRANSLATED)
    assert unconfirmed_edits(window.project) == []
    assert window.grid.currentIndex().row() == 1
    assert editor.segment_id == window.model.segment_id(1) and editor.toPlainText() == ""
    assert window.delegate.open_editor is None  # the pane edits; no editor opened in the cell
    assert window.model.data(window.model.index(0, EN)) == "Mount Cam is famous."
    window.close()


def test_moving_to_another_cell_leaves_the_text_and_shows_that_cell(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = _with_pane(qtbot, open_window)
    document = window.project.documents()[0].name
    qtbot.keyClicks(window.pane.editor, "A draft of mine")
    window.grid.setCurrentIndex(window.model.index(1, EN))

    left = _translation(window, 0)
    assert left.text == "A draft of mine" and left.status is not Status.TRANSLATED
    pane = window.pane
    assert pane.editor.segment_id == window.model.segment_id(1)
    assert pane.source_view.toPlainText() == window.model.record(1).source
    assert f"{document} #{window.model.record(1).position + 1}" in pane.heading.text()
    window.grid.setCurrentIndex(window.model.index(0, EN))
    assert pane.editor.toPlainText() == "A draft of mine"
    window.close()


def test_esc_in_the_pane_drops_the_typed_text(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = _with_pane(qtbot, open_window)
    editor = window.pane.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Not this")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.toPlainText() == "" and window.grid.hasFocus()
    window.grid.setCurrentIndex(window.model.index(1, EN))  # moving on saves nothing
    assert _translation(window, 0) is None or _translation(window, 0).text == ""
    assert unconfirmed_edits(window.project) == []
    window.close()


def test_enter_on_the_grid_edits_in_the_pane_and_ctrl_b_copies_the_source_there(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = _with_pane(qtbot, open_window)
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_F2)
    assert window.delegate.open_editor is None
    assert window.pane.editor.hasFocus()
    assert window.current_editor() is window.pane.editor

    qtbot.keyClick(window.pane.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert window.pane.editor.toPlainText() == window.model.record(0).source
    window.close()


def test_without_the_pane_the_cell_editor_edits(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    assert not window.pane.isVisible() and not window.pane_action.isChecked()
    window.grid.setCurrentIndex(window.model.index(0, EN))
    qtbot.keyClick(window.grid, Qt.Key.Key_F2)
    assert window.delegate.open_editor is not None
    assert window.current_editor() is window.delegate.open_editor
    window.close()


def test_the_pane_is_remembered_for_the_next_window(qtbot, open_window, app_context) -> None:  # type: ignore[no-untyped-def]
    window = _with_pane(qtbot, open_window)
    assert window.settings.editor_pane
    assert Settings.load().editor_pane  # saved, not only in memory
    window.close()
    again = open_window()
    assert again.pane.isVisible() and again.pane_action.isChecked()
    again.pane_action.trigger()
    assert not again.pane.isVisible() and not Settings.load().editor_pane
    again.grid.setCurrentIndex(again.model.index(0, EN))
    qtbot.keyClick(again.grid, Qt.Key.Key_F2)
    assert again.delegate.open_editor is not None  # without the pane, the cell's own editor again
    again.close()


def _khmer_sample() -> str:
    """The sample Khmer translations the project ships, joined into one long line with no space in it."""
    segments = json.loads(SAMPLES.read_text(encoding="utf-8"))["segments"]
    return "".join(s["km"].replace(" ", "") for s in segments)


def _line_ends(editor: SegmentEditor) -> list[int]:
    editor.grab()  # painted: the lines are the ones the translator sees
    layout = editor.document().firstBlock().layout()
    return [layout.lineAt(i).textStart() + layout.lineAt(i).textLength() for i in range(layout.lineCount())]


def _cut_syllables(text: str, ends: list[int]) -> list[str]:
    """The line ends that fall inside a Khmer syllable (as the grid shows syllables), with their context."""
    shown = for_display(text).split(ZERO_WIDTH_SPACE)
    boundaries = {sum(len(piece) for piece in shown[:n]) for n in range(len(shown) + 1)}
    khmer = {i for i, char in enumerate(text) if "\u1780" <= char <= "\u17d3" or char == "\u17dd"}  # no ។
    return [text[end - 3 : end] + "|" + text[end : end + 3] for end in ends[:-1]
            if end - 1 in khmer and end in khmer and end not in boundaries]  # fmt: skip


def test_a_long_khmer_translation_wraps_between_syllables_in_the_pane_and_in_the_cell(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = _with_pane(qtbot, open_window)
    window.grid.setCurrentIndex(window.model.index(0, KM))
    text = _khmer_sample()
    editor = window.pane.editor
    for width in (180, 230, 310):
        window.grid_and_pane.setSizes([200, 300])
        editor.setFixedWidth(width)
        editor.setPlainText(text)
        ends = _line_ends(editor)
        assert len(ends) >= 4  # it wraps
        assert _cut_syllables(text, ends) == []
        assert editor.toPlainText() == text  # no break marks in the text itself
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.project.segment(window.model.segment_id(0)).translations["km"].text == text

    window.pane_action.trigger()  # the cell editor wraps the same way
    window.grid.setCurrentIndex(window.model.index(1, KM))
    window.grid.setColumnWidth(KM, 200)
    qtbot.keyClick(window.grid, Qt.Key.Key_F2)
    cell = window.delegate.open_editor
    assert cell is not None
    cell.setPlainText(text)
    ends = _line_ends(cell)
    assert len(ends) >= 4 and _cut_syllables(text, ends) == []
    window.close()


def test_qt_alone_would_cut_khmer_syllables(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Why ui/khmer_wrap exists: Qt's own wrapping (at its Khmer clusters) cuts syllables from their final
    consonant; if a Qt update learns Khmer syllables this fails and the layout can go."""
    text = _khmer_sample()
    plain = QPlainTextEdit()
    qtbot.addWidget(plain)
    plain.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    cut = []
    for width in (180, 230, 310):
        plain.setFixedWidth(width)
        plain.setPlainText(text)
        cut += _cut_syllables(text, _line_ends(plain))  # type: ignore[arg-type]
    assert cut
