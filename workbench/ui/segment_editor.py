"""Editing a translation in its grid cell: a multi-line editor whose keyboard shortcuts reach the window.

While the editor has focus it would swallow Ctrl+Enter, Ctrl+Up/Down, Ctrl+1..9 and the like as text
keys; instead it hands any key that is one of the window's action shortcuts to that action, so the
same keys work whether a cell is being edited or not. Esc and Tab keep the delegate's usual meaning.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from workbench.core.store.segment_numbers import segment_label
from workbench.ui.segment_table_model import DOCUMENT_START_ROLE, SEGMENT_ID_ROLE
from workbench.ui.tag_chip_editor import ChipTextEdit
from workbench.ui.tag_chips import cell_tags
from workbench.ui.tag_editing import guard_key

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
MIN_EDITOR_HEIGHT = 84
#: adds items to an editor's context menu for the click at a point (spelling suggestions)
MenuHook = Callable[["SegmentEditor", QMenu, QPoint], None]


class SegmentEditor(ChipTextEdit):
    """The translation's editor: window keys reach their actions, tags show as chips and stay whole."""

    def __init__(self, parent: QWidget, actions: Callable[[], list[QAction]]) -> None:
        super().__init__(parent)
        self._actions = actions
        self.setTabChangesFocus(True)
        # Khmer has no spaces: wrap at word boundaries where there are some, anywhere else
        self.setWordWrapMode(self.wordWrapMode().WrapAtWordBoundaryOrAnywhere)
        self.segment_id = 0
        self.language = ""
        self.original = ""
        self.menu_hooks: list[MenuHook] = []

    def context_menu(self, pos: QPoint) -> QMenu:
        """The context menu for a right click at `pos`: Qt's own items after what the hooks add."""
        menu = self.createStandardContextMenu(pos)
        for hook in self.menu_hooks:
            try:
                hook(self, menu, pos)
            except Exception:  # a failing hook still leaves cut, copy and paste
                log.exception("editor context menu hook failed")
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _action_for(self, event: QKeyEvent) -> QAction | None:
        pressed = QKeySequence(event.keyCombination())
        for action in self._actions():
            if action.isEnabled() and any(
                s.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch for s in action.shortcuts()
            ):
                return action
        return None

    def event(self, event: QEvent) -> bool:
        try:
            if (
                event.type() == QEvent.Type.ShortcutOverride
                and isinstance(event, QKeyEvent)
                and self._action_for(event)
            ):
                event.accept()  # the key is ours: keyPressEvent gets it, the text control does not
                return True
        except Exception:  # an exception must never leave a Qt virtual
            log.exception("editor shortcut check failed")
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        try:
            action = self._action_for(event)
        except Exception:
            log.exception("editor shortcut check failed")
            action = None
        if action is not None:
            action.trigger()
            return
        if guard_key(self, self.tags, event):
            return
        super().keyPressEvent(event)

    def replace_text(self, text: str) -> None:
        """Replace everything, as one step of the editor's own undo (Ctrl+Z brings the typed text back)."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self.setTextCursor(cursor)


class SegmentDelegate(QStyledItemDelegate):
    """Opens a SegmentEditor on target cells; leaving the cell hands the text to `commit` (unconfirmed)."""

    editor_opened = Signal(object)  # SegmentEditor
    text_edited = Signal(object)  # SegmentEditor
    edit_left = Signal(object, str)  # SegmentEditor, text: closed without Ctrl+Enter, e.g. by a click elsewhere

    def __init__(self, parent: QWidget, actions: Callable[[], list[QAction]], font: Callable[[], Any]) -> None:
        super().__init__(parent)
        self._actions = actions
        self._font = font
        self.open_editor: SegmentEditor | None = None

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        """Status icons sit at the top of the cell like its text: a tall row read from its top shows its
        rings. A document's first row in the all-documents view reads "le-hoi.txt #1"."""
        super().initStyleOption(option, index)
        try:
            option.decorationAlignment = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter
            if index.column() == 0:
                document = index.data(DOCUMENT_START_ROLE)
                if document:  # a long name is shortened in its middle: the # column stays narrow, "#1" shown
                    label = segment_label(str(document), int(index.data(Qt.ItemDataRole.DisplayRole)) - 1)
                    metrics = option.fontMetrics
                    option.text = metrics.elidedText(
                        label, Qt.TextElideMode.ElideMiddle, 24 * metrics.averageCharWidth()
                    )
        except Exception:  # never let an exception out of a Qt virtual
            log.exception("styling a cell failed")

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = SegmentEditor(parent, self._actions)
        editor.setFont(self._font())
        editor.textChanged.connect(lambda: self.text_edited.emit(editor))
        editor.destroyed.connect(lambda: self._forget(editor))
        self.open_editor = editor
        return editor

    def _forget(self, editor: object) -> None:
        if self.open_editor is editor:
            self.open_editor = None

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if not isinstance(editor, SegmentEditor):
            return
        if editor.segment_id:  # already showing this cell (Qt calls this again when the row is refreshed)
            return
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        editor.segment_id = int(index.data(SEGMENT_ID_ROLE))
        language_of = getattr(index.model(), "language_of", None)
        editor.language = (language_of(index.column()) if language_of else None) or ""
        editor.original = text
        editor.set_tags(cell_tags(index))
        editor.blockSignals(True)
        editor.setPlainText(text)
        editor.blockSignals(False)
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        self.editor_opened.emit(editor)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, SegmentEditor) and editor.segment_id:
            self.edit_left.emit(editor, editor.toPlainText())

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        rect = QRect(option.rect)
        rect.setHeight(max(rect.height(), MIN_EDITOR_HEIGHT))
        editor.setGeometry(rect)
