"""The segment grid: a table view over the project's rows, its cell editor, and where the translator is.

It owns its item model (swapped when the document or the filter changes), sizes only the rows on
screen, and answers the questions the features ask through the window: which cell the keys act on,
which segments are selected, open or close the cell editor, go to a cell.

A row as tall as a 1,500-character sentence stays readable: text is top-aligned (a centred one starts
out of sight when the row is taller than the screen) and the grid scrolls by pixels, not by rows, so
the wheel and the scroll bar walk through such a row instead of jumping over it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QPainter
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QPlainTextEdit,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from workbench.core.language.khmer_breaks import for_display
from workbench.core.memory.glossary import TermFinder
from workbench.core.store.project_store import Project
from workbench.ui.khmer_wrap import wrap_between_syllables
from workbench.ui.segment_editor import MIN_EDITOR_HEIGHT, Index, SegmentDelegate, SegmentEditor
from workbench.ui.segment_table_model import SegmentTableModel
from workbench.ui.source_delegate import SourceDelegate
from workbench.ui.tag_chips import paint_chips

log = logging.getLogger(__name__)

#: rows are sized to their text only when shown: sizing 50,000 rows up front would read them all
ROW_SIZING_DELAY_MS = 30

_shown_khmer = lru_cache(maxsize=4096)(for_display)  # painting asks for the same cells again and again
_TOP_LEFT = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
#: asked instead of opening the cell editor (the editor pane takes the edit): True when it took it
EditRedirect = Callable[[QModelIndex, QEvent | None], bool]


class KhmerWrappingModel(SegmentTableModel):
    """Shows Khmer cells with break opportunities so long lines wrap; the stored text is untouched."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        value = super().data(index, role)
        if role == Qt.ItemDataRole.DisplayRole and isinstance(value, str):
            return _shown_khmer(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and value is None:
            return _TOP_LEFT
        return value


class GridCellDelegate(SegmentDelegate):
    """The cell editor as the grid shows it: Khmer wrapping between syllables only (ui/khmer_wrap.py), and
    on a row taller than the grid, only as tall as the part of the row on screen (it scrolls its own text)
    so the cursor is never out of sight."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        try:  # a translation's tags as chips (tag_chips); a plain cell paints as Qt paints it
            if paint_chips(self, painter, option, index):
                return
        except Exception:  # never let an exception out of a Qt virtual
            log.exception("painting tags failed")
        super().paint(painter, option, index)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QPlainTextEdit):
            wrap_between_syllables(editor)
        return editor

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        super().updateEditorGeometry(editor, option, index)
        try:
            viewport = editor.parentWidget()
            if viewport is None:
                return
            shown = editor.geometry().intersected(viewport.rect())
            if shown.height() >= MIN_EDITOR_HEIGHT and shown != editor.geometry():
                editor.setGeometry(shown)
        except Exception:  # never let an exception out of a Qt virtual
            log.exception("placing the cell editor failed")


class SegmentGrid(QTableView):
    #: the current cell moved (the new index)
    current_cell_changed = Signal(QModelIndex)

    def __init__(
        self, project: Project, editor_actions: Callable[[], list[QAction]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(20)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.delegate = GridCellDelegate(self, editor_actions, self.font)
        self.setItemDelegate(self.delegate)
        self.source_delegate = SourceDelegate(self)
        self.setItemDelegateForColumn(1, self.source_delegate)
        self.hidden_languages: set[str] = set()
        self._row_timer = QTimer(self)
        self._row_timer.setSingleShot(True)
        self._row_timer.timeout.connect(self.size_visible_rows)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self.size_rows_soon())
        self.segments: SegmentTableModel = KhmerWrappingModel(project, parent=self)
        #: set while the editor pane is shown: target cells are edited there, not in the cell
        self.edit_redirect: EditRedirect | None = None

    def show_rows(self, model: SegmentTableModel, term_finder: TermFinder | None) -> None:
        """Swap the item model; the old one (owned by the grid, not Python) is deleted by Qt later, after
        the view has let go of it."""
        old = self.model()
        self.segments = model
        self.setModel(model)
        if old is not None and old is not model:
            old.deleteLater()
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for code in model.languages:
            self.setColumnHidden(model.column_of(code), code in self.hidden_languages)
        self.selectionModel().currentChanged.connect(lambda current, _previous: self.current_cell_changed.emit(current))
        model.term_finder = term_finder
        self.size_rows_soon()

    def show_language(self, code: str, shown: bool) -> None:
        (self.hidden_languages.discard if shown else self.hidden_languages.add)(code)
        self.setColumnHidden(self.segments.column_of(code), not shown)
        self.size_rows_soon()

    def size_rows_soon(self) -> None:
        self._row_timer.start(ROW_SIZING_DELAY_MS)

    def size_visible_rows(self) -> None:
        if self.model() is None or self.segments.rowCount() == 0:
            return
        first = max(self.rowAt(0), 0)
        last = self.rowAt(self.viewport().height())
        last = self.segments.rowCount() - 1 if last < 0 else min(last + 5, self.segments.rowCount() - 1)
        for row in range(first, last + 1):
            self.resizeRowToContents(row)

    def stop(self) -> None:
        """The project is closing: no more sizing, and no more rows asked of it."""
        self._row_timer.stop()
        self.setModel(None)  # the view must not ask a closed project for rows during its last repaint

    # --- where the translator is ---------------------------------------------------------------------

    def current_segment_id(self) -> int | None:
        index = self.currentIndex()
        return self.segments.segment_id(index.row()) if index.isValid() else None

    def selected_segment_ids(self) -> list[int]:
        """The segments of the selected cells (the current one when nothing is selected), in grid order."""
        rows = sorted({index.row() for index in self.selectionModel().selectedIndexes()})
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        return [self.segments.segment_id(row) for row in rows]

    def target_cell(self, work_language: str) -> QModelIndex | None:
        """The current cell if it is a target cell, else `work_language`'s cell in the current row."""
        index = self.currentIndex()
        if not index.isValid():
            if self.segments.rowCount() == 0:
                return None
            index = self.segments.index(0, 0)
        if self.segments.language_of(index.column()):
            return index
        return self.segments.index(index.row(), self.segments.column_of(work_language))

    # --- the cell editor -----------------------------------------------------------------------------

    def edit(self, index, trigger=None, event=None):  # type: ignore[no-untyped-def]
        """Qt asks this for every edit trigger (Enter, F2, a double click, a typed key); with the editor
        pane shown a target cell is edited in the pane instead."""
        try:
            redirect = self.edit_redirect
            if (
                redirect is not None
                and isinstance(index, QModelIndex | QPersistentModelIndex)
                and index.isValid()
                and self.segments.language_of(index.column())
                and redirect(QModelIndex(index), event)
            ):
                return False
        except Exception:  # never let an exception out of a Qt virtual
            log.exception("editing in the pane failed")
        if trigger is None:
            return super().edit(index)
        return super().edit(index, trigger, event)

    def open_editor_at(self, index: QModelIndex) -> SegmentEditor | None:
        """The editor of `index`, opened if it is not open yet."""
        editor = self.delegate.open_editor
        if editor is not None and editor.segment_id == self.segments.segment_id(index.row()):
            return editor
        self.setCurrentIndex(index)
        self.edit(index)
        return self.delegate.open_editor

    def close_segment_editor(self, editor: SegmentEditor) -> None:
        """Close without handing the text to the model: the caller has saved it."""
        editor.segment_id = 0
        self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.setFocus()

    def move_to(self, row: int, column: int, edit: bool) -> None:
        target = self.segments.index(row, column)
        self.setCurrentIndex(target)
        self.scrollTo(target)
        if edit:
            self.edit(target)
