"""Team > Conflicts…: the segments two desktops changed since their last sync, for an editor to settle.

Each conflict shows its segment (`tin.docx #8`), its language, and both texts with their authors and times:
the one the server kept current and the other one. The editor keeps either, or edits a text and uses it;
the choice is written on the server (conflict_resolution.resolve, through the window's background sync) and
the list is read again once the sync is back. The server decides who may: a translator's choice comes back
as the server's refusal, in words. The list is the project file's, as of the last sync.

Keyboard: the list has the focus; Alt+K keeps the kept text, Alt+O the other one, Alt+E edits, Ctrl+Enter
uses the edited text, Esc closes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.core.store.project_store import Project
from workbench.core.store.segment_numbers import labels_for
from workbench.core.team.conflict_resolution import LocalConflict, chosen_text, local_conflicts
from workbench.ui.team_sync import Resolution

Resolve = Callable[[Resolution], object]


class ConflictsDialog(QDialog):
    def __init__(self, project: Project, resolve: Resolve, names: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.project, self.resolve, self.names = project, resolve, names
        self.conflicts: list[LocalConflict] = []
        self.setWindowTitle(self.tr("Team conflicts"))
        self.resize(760, 520)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show)
        self.kept_title, self.other_title = QLabel(), QLabel()
        self.kept_text, self.other_text = QPlainTextEdit(), QPlainTextEdit()
        for box in (self.kept_text, self.other_text):
            box.setReadOnly(True)
            box.setTabChangesFocus(True)
        self.edited = QPlainTextEdit()
        self.edited.setTabChangesFocus(True)
        self.edited.setPlaceholderText(self.tr("Edit a text here and use it (Ctrl+Enter)"))
        self.keep_kept = QPushButton(self.tr("&Keep this text"))
        self.keep_other = QPushButton(self.tr("Keep the &other text"))
        self.edit_kept = QPushButton(self.tr("&Edit…"))
        self.use_edited = QPushButton(self.tr("&Use the edited text"))
        self.keep_kept.clicked.connect(lambda: self._choose("kept"))
        self.keep_other.clicked.connect(lambda: self._choose("other"))
        self.edit_kept.clicked.connect(self._edit)
        self.use_edited.clicked.connect(lambda: self._choose("edited"))
        QShortcut(QKeySequence("Ctrl+Return"), self, lambda: self._choose("edited"))
        self.working = QLabel()
        self._lay_out()
        self.reload()

    def _lay_out(self) -> None:
        sides = QGridLayout()
        sides.addWidget(self.kept_title, 0, 0)
        sides.addWidget(self.other_title, 0, 1)
        sides.addWidget(self.kept_text, 1, 0)
        sides.addWidget(self.other_text, 1, 1)
        sides.addWidget(self.keep_kept, 2, 0)
        sides.addWidget(self.keep_other, 2, 1)
        column = QVBoxLayout(self)
        column.addWidget(self.note)
        column.addWidget(self.list, 2)
        column.addLayout(sides, 3)
        column.addWidget(self.edited, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.edit_kept, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.use_edited, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        column.addWidget(self.working)
        column.addWidget(buttons)

    def reload(self) -> None:
        """The conflicts as the project file has them now (after a sync: as the server has them)."""
        wanted = self.list.currentRow()
        self.conflicts = local_conflicts(self.project)
        labels = labels_for(self.project, [c.segment_id for c in self.conflicts if c.segment_id is not None])
        self.list.clear()
        for conflict in self.conflicts:
            label = labels.get(conflict.segment_id or 0, conflict.segment_key)
            item = QListWidgetItem(f"{label} ({self.names.get(conflict.language, conflict.language)})")
            item.setToolTip(conflict.segment_key)
            self.list.addItem(item)
        self.note.setText(
            self.tr("No open conflicts (as of the last sync).")
            if not self.conflicts
            else self.tr("{0} segment(s) changed on two desktops since they last synced.").format(len(self.conflicts))
            + " "
            + self.tr("Choose the text to keep: the server lets the project's editors settle them.")
        )
        self.working.clear()
        if self.conflicts:
            self.list.setCurrentRow(min(max(wanted, 0), len(self.conflicts) - 1))
        else:
            self._show(-1)
        self.list.setFocus()

    def current(self) -> LocalConflict | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show(self, row: int) -> None:
        conflict = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        for widget in (self.keep_kept, self.keep_other, self.edit_kept, self.use_edited, self.edited):
            widget.setEnabled(conflict is not None)
        if conflict is None:
            for box in (self.kept_text, self.other_text, self.edited):
                box.clear()
            self.kept_title.clear()
            self.other_title.clear()
            return
        for title, box, (text, status, author, at), mine in (
            (self.kept_title, self.kept_text, conflict.kept, not conflict.other_is_mine),
            (self.other_title, self.other_text, conflict.other, conflict.other_is_mine),
        ):
            whose = self.tr(" (this desktop)") if mine else ""
            heading = self.tr("Kept by the server") if box is self.kept_text else self.tr("The other text")
            title.setText(f"<b>{heading}</b>: {author}{whose}, {at} [{status}]")
            box.setPlainText(text)
        self.edited.setPlainText(conflict.kept[0])

    def _edit(self) -> None:
        self.edited.setFocus()
        self.edited.selectAll()

    def _choose(self, which: str) -> None:
        conflict = self.current()
        if conflict is None or not self.keep_kept.isEnabled():
            return
        try:
            if which == "edited":
                text, status = chosen_text(self.project, conflict, None, self.edited.toPlainText())
            else:
                side = conflict.kept if which == "kept" else conflict.other
                text, status = side[0], side[1]
        except WorkbenchError as exc:
            self.working.setText(str(exc))
            return
        for widget in (self.keep_kept, self.keep_other, self.edit_kept, self.use_edited):
            widget.setEnabled(False)
        self.working.setText(self.tr("Sending the choice to the team server…"))
        self.resolve(Resolution(conflict, text, status))

    def resolution_ended(self) -> None:
        """The sync that carried a choice is back (or failed): show the list as it is now."""
        self.reload()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
