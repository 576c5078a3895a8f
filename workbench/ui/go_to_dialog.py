"""Go to segment (Ctrl+J): a number typed as the grid's # column, the QA report and the CLI show it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from workbench.core.errors import WorkbenchError
from workbench.core.store.segment_numbers import segment_label


class GoToDialog(QDialog):
    """Asks for "8", "#8" (in the current document) or "le-hoi.docx #8"; a ref that names nothing is said
    in the dialog, which stays open to be corrected. `chosen` is the segment id once accepted."""

    def __init__(
        self, resolve: Callable[[str], int], document: str | None, parent: QWidget | None = None,
        example_document: str | None = None,
    ) -> None:  # fmt: skip
        """`document`: the one a bare number is in (None: a document must be named); the example names
        `document`, else `example_document` (the project's first), so it reads as this project's."""
        super().__init__(parent)
        self._resolve = resolve
        self.chosen: int | None = None
        self.setWindowTitle(self.tr("Go to segment"))
        example = segment_label(document or example_document or "le-hoi.docx", 7)
        hint = (
            self.tr("Segment number in {0}, or a document and number ({1}):").format(document, example)
            if document
            else self.tr("A document and segment number ({0}):").format(example)
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
        self.hint = QLabel(hint)
        layout.addWidget(self.hint)
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
