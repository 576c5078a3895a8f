"""Tools > Concordance (Ctrl+K): every occurrence of some words in the memories and the project.

The query starts from the words selected in the editor, else in the source (side panel or editor pane);
an insert goes to the editor in use (`current_editor`, else the target cell's, opened), at the cursor it
had when Ctrl+K was pressed if that editor closed meanwhile (a cell editor closes when the window loses
focus to the concordance)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from workbench.ui.actions.new_action import new_action
from workbench.ui.concordance_dialog import ConcordanceDialog, InsertTarget
from workbench.ui.window_context import WindowContext


class ConcordanceActions(QObject):
    def __init__(self, window: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.concordance_action = new_action(self, self.tr("&Concordance…"), self.show_concordance, "Ctrl+K")
        self.dialog: ConcordanceDialog | None = None

    def show_concordance(self) -> None:
        window = self.window
        editor = window.current_editor()
        target = None
        selected = ""
        if editor is not None:
            cursor = editor.textCursor()
            selected = cursor.selectedText()
            target = InsertTarget(editor.segment_id, editor.language, cursor.selectionEnd())
        query = selected.replace("\u2029", " ").strip() or window.selected_source_text()
        if self.dialog is None:
            self.dialog = ConcordanceDialog(
                window.project.path, window.context.open_memories, list(window.project.info.target_languages),
                window.names, window.work_language, self.insert, window.dialog_parent(),
            )  # fmt: skip
        self.dialog.start(query, target)

    def insert(self, text: str, target: InsertTarget | None) -> bool:
        """`text` at the editor's cursor; False when no target cell is open or can be opened."""
        window = self.window
        editor = window.current_editor()
        reopened = editor is None
        if editor is None:
            editor = window.open_editor()
        if editor is None:
            return False
        if reopened and target is not None and (editor.segment_id, editor.language) == (
            target.segment_id, target.language,
        ):  # fmt: skip
            cursor = editor.textCursor()
            cursor.setPosition(min(target.position, len(editor.toPlainText())))
            editor.setTextCursor(cursor)
        editor.insertPlainText(text)
        if self.dialog is not None:  # the next insert follows this one
            self.dialog.target = InsertTarget(editor.segment_id, editor.language, editor.textCursor().position())
        editor.window().activateWindow()
        editor.setFocus()
        return True
