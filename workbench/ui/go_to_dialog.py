"""Go to segment (Ctrl+J): a number typed as the grid's # column, the QA report and the CLI show it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from workbench.core.errors import WorkbenchError


class GoToDialog(QDialog):
    """Asks for "8", "#8" (in the current document) or "le-hoi.docx #8"; a ref that names nothing is said
    in the dialog, which stays open to be corrected. `chosen` is the segment id once accepted."""

    def __init__(self, resolve: Callable[[str], int], document: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._resolve = resolve
        self.chosen: int | None = None
        self.setWindowTitle(self.tr("Go to segment"))
        hint = (
            self.tr("Segment number in {0}, or a document and number (le-hoi.docx #8):").format(document)
            if document
            else self.tr("A document and segment number (le-hoi.docx #8):")
        )
        self.field = QLineEdit()
        self.field.setPlaceholderText("8")
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.go)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(hint))
        layout.addWidget(self.field)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def go(self) -> None:
        """Accept with the segment the text names, or say why it names none."""
        text = self.field.text().strip()
        if not text:
            self.problem.setText(self.tr("Type a segment number."))
            return
        try:
            self.chosen = self._resolve(text)
        except WorkbenchError as exc:
            self.problem.setText(str(exc))
            self.field.selectAll()
            return
        self.accept()
