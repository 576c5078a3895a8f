"""The banner a project opens with when the program stopped while someone was typing: the unconfirmed
text was kept, and the translator keeps it as drafts (still to be confirmed) or discards it."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from workbench.core.changes import SegmentChanges
from workbench.core.errors import WorkbenchError
from workbench.core.ops.unconfirmed_edits import (
    UnconfirmedEdit,
    discard_all_unconfirmed,
    keep_unconfirmed,
    unconfirmed_edits,
)
from workbench.ui.error_dialog import show_error
from workbench.ui.window_context import WindowContext


class RecoveryBanner(QFrame):
    def __init__(self, window: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = window  # not `self.window`: QWidget.window() is the top-level widget
        self.recovered: list[UnconfirmedEdit] = []
        self.setStyleSheet("QFrame { background: #fff4d6; border: 1px solid #e0a100; }")
        row = QHBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        row.addWidget(self.label, 1)
        self.keep_button = QPushButton(self.tr("Keep them as drafts"))
        self.discard_button = QPushButton(self.tr("Discard"))
        self.keep_button.clicked.connect(self.keep_recovered)
        self.discard_button.clicked.connect(self.discard_recovered)
        row.addWidget(self.keep_button)
        row.addWidget(self.discard_button)
        self.hide()

    def offer(self) -> None:
        """Show the banner if the last session left unconfirmed text."""
        self.recovered = unconfirmed_edits(self.host.project)
        if not self.recovered:
            return
        self.label.setText(
            self.tr(
                "An unconfirmed edit from your last session was kept when the program stopped. "
                "Keep it as a draft (you still confirm it), or discard it?"
            )
            if len(self.recovered) == 1
            else self.tr(
                "{0} unconfirmed edits from your last session were kept when the program stopped. "
                "Keep them as drafts (you still confirm each), or discard them?"
            ).format(len(self.recovered))
        )
        self.show()

    def keep_recovered(self) -> None:
        window = self.host
        try:
            ids = keep_unconfirmed(window.project, self.recovered, window.settings.user_name)
        except WorkbenchError as exc:
            show_error(window.dialog_parent(), self.tr("Cannot keep the recovered text"), str(exc))
            return
        self.hide()
        window.apply(SegmentChanges.of(ids, *(edit.language for edit in self.recovered)))
        if ids:
            window.go_to(ids[0], self.recovered[0].language)
        self.recovered = []

    def discard_recovered(self) -> None:
        discard_all_unconfirmed(self.host.project)
        self.recovered = []
        self.hide()
