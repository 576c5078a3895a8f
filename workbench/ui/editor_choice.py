"""Which editor edits the target cell: the editor pane's while the pane is shown, else the grid cell's own.

One rule, so two editors never hold one cell's text: with the pane shown, every way of starting to edit a
target cell (Enter, F2, a double click, a typed key, a command that writes into the editor) goes to the
pane, and the cell editor does not open; with the pane hidden the grid edits in the cell as before.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QAction

from workbench.ui.editing_controller import EditingController
from workbench.ui.editor_pane import EditorPane
from workbench.ui.segment_editor import SegmentEditor
from workbench.ui.segment_grid import SegmentGrid


class EditorChoice:
    def __init__(self, grid: SegmentGrid, pane: EditorPane, editing: EditingController, shown: QAction) -> None:
        self.grid = grid
        self.pane = pane
        self.editing = editing
        self.shown = shown  # View > Editor pane
        pane.cancelled.connect(grid.setFocus)

    def pane_in_use(self) -> bool:
        return self.shown.isChecked()

    def switch(self, pane: bool) -> None:
        """Show or hide the pane; the text of an open cell editor is saved first (it moves to the pane)."""
        editor = self.grid.delegate.open_editor
        if pane and editor is not None and editor.segment_id:
            self.editing.set_text(editor.segment_id, editor.language, editor.toPlainText(), confirmed=False)
            self.grid.close_segment_editor(editor)
        if not pane:
            self.pane.leave()
        self.pane.setVisible(pane)
        self.grid.edit_redirect = (lambda _index, event: self.pane.take_edit(event)) if pane else None

    def current(self) -> SegmentEditor | None:
        """The editor in use, if it shows a cell."""
        if self.pane_in_use():
            return self.pane.editor if self.pane.editor.segment_id else None
        return self.grid.delegate.open_editor

    def open(self, index: QModelIndex | None) -> SegmentEditor | None:
        """The editor of the target cell `index`, opened (the cell's) or shown (the pane's) if need be."""
        if index is None:
            return None
        if not self.pane_in_use():
            return self.grid.open_editor_at(index)
        if index != self.grid.currentIndex():
            self.grid.setCurrentIndex(index)  # the pane follows the current cell
        return self.pane.editor if self.pane.editor.segment_id else None

    def close(self, editor: SegmentEditor) -> None:
        """The caller saved the editor's text: the cell editor closes, the pane stays with its text as the cell's."""
        if editor is self.pane.editor:
            self.pane.saved()
        else:
            self.grid.close_segment_editor(editor)

    def move_to(self, row: int, column: int, edit: bool) -> None:
        self.grid.move_to(row, column, edit and not self.pane_in_use())
        if edit and self.pane_in_use():
            self.pane.editor.setFocus()
