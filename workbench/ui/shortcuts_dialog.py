"""Help > Keyboard shortcuts: read from the window's actions, so the list is always the real one."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.ui.rows_model import RowsModel


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(560, 600)
        rows = [
            (
                action.text().replace("&", ""),
                ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()),
            )
            for action in actions
            if action.shortcuts()
        ]
        rows += [
            (self.tr("Edit the current cell"), "F2, Enter"),
            (self.tr("Cancel editing"), "Esc"),
            (self.tr("Leave the cell, keeping the text as a draft"), "Tab"),
            (self.tr("New line inside a translation"), "Enter"),
        ]
        self.model = RowsModel([self.tr("Action"), self.tr("Keys")], rows, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
