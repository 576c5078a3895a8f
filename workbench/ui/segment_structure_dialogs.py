"""Segment > Split and Join: the two small dialogs that say what will happen before it does.

Split: the source with a cursor the translator moves to where the segment should end. The place is
checked as the core checks it (`split_point`): out of a word to its nearer edge, never at the start or
the end, never inside a protected number, date or code. The two parts are shown as they would be, and
the Split button is off while the place is refused, with the reason beside it. Join: both sources and
what happens to their translations. Each offers to remember the place for the next imports (an
exception in the project's segmentation), never silently.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import ProjectError
from workbench.core.importing.segmentation_exceptions import SegmentationException, exception_at
from workbench.core.ops.segment_structure import split_point
from workbench.core.records import SegmentRecord
from workbench.core.tags.tag_cuts import cut_tagged
from workbench.ui.text_positions import python_index, qt_position


def _cancel_or(dialog: QDialog, action: str) -> tuple[QDialogButtonBox, QPushButton]:
    """Cancel and the dialog's one action (the default button: Enter does it), wired to reject and accept."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    button = QPushButton(action)
    button.setDefault(True)
    buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, button


def initial_place(source: str, selected: str) -> int:
    """Where the cursor starts: before the words selected in the source view, else the space nearest the middle."""
    found = source.find(selected) if selected.strip() else -1
    if found > 0:
        return found
    middle = len(source) // 2
    spaces = [i for i, ch in enumerate(source) if ch.isspace()]
    return min(spaces, key=lambda i: abs(i - middle)) + 1 if spaces else middle


class SplitDialog(QDialog):
    def __init__(self, segment: SegmentRecord, label: str, selected: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.segment = segment
        self._label = label
        self._spans = [(s.kind, s.start, s.end) for s in segment.spans]
        self.setWindowTitle(self.tr("Split {0}").format(label))
        self.resize(620, 320)
        intro = QLabel(self.tr("Put the cursor where the first part should end, then press Split."))
        intro.setWordWrap(True)
        self.source = QPlainTextEdit(segment.source)
        self.source.setReadOnly(True)
        self.source.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.remember = QCheckBox(self.tr("Also always break here in future imports (add an exception)"))
        buttons, self.split_button = _cancel_or(self, self.tr("&Split"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.source)
        layout.addWidget(self.preview)
        layout.addWidget(self.remember)
        layout.addWidget(buttons)
        self.source.cursorPositionChanged.connect(self._update)
        self.set_place(initial_place(segment.source, selected))
        self.source.setFocus()

    def set_place(self, at: int) -> None:
        """Put the cursor before character `at` of the source (Qt counts UTF-16 units)."""
        before = self.segment.source[: max(0, at)]
        cursor = self.source.textCursor()
        cursor.setPosition(qt_position(before, len(before)), QTextCursor.MoveMode.MoveAnchor)
        self.source.setTextCursor(cursor)
        self._update()

    def place(self) -> int:
        """The cursor's place in the source (characters; the editor counts in UTF-16 only beyond the BMP)."""
        position = self.source.textCursor().position()
        return python_index(self.segment.source, position)

    def cut(self) -> int | None:
        """Where the split would fall, None (with the reason shown) when it is refused there."""
        try:
            return split_point(self.segment.source, self._spans, self.place(), self._label, self.segment.tags)
        except ProjectError as exc:
            self.preview.setText(str(exc))
            return None

    def _update(self) -> None:
        cut = self.cut()
        self.split_button.setEnabled(cut is not None)
        self.remember.setEnabled(cut is not None)
        if cut is None:
            return
        first, second = self.segment.source[:cut].rstrip(), self.segment.source[cut:].lstrip()
        if self.segment.tags:  # a pair cut in two shows closed and reopened, as the split makes it
            parts = cut_tagged(self.segment.source, self.segment.tags, cut)
            first, second = parts.left, parts.right
        self.preview.setText(self.tr("First part: {0}\nSecond part: {1}").format(first, second))

    def exception(self) -> SegmentationException | None:
        """The exception to add, if the translator asked for one."""
        cut = self.cut()
        if cut is None or not self.remember.isChecked():
            return None
        return exception_at(self.segment.source[:cut], self.segment.source[cut:], breaks=True)


class JoinDialog(QDialog):
    """What a join makes: one source, and one translation per language where both had one."""

    def __init__(self, first: SegmentRecord, second: SegmentRecord, label: str, merged: list[str],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.first, self.second = first, second
        self.setWindowTitle(self.tr("Join {0}").format(label))
        self.resize(620, 260)
        text = QLabel(self.tr("Join {0} with the next segment:\n{1}\n{2}").format(label, first.source, second.source))
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        if merged:
            note = QLabel(
                self.tr(
                    "Their translations ({0}) are joined too; where either was not confirmed, the joined one is a "
                    "draft to review."
                ).format(", ".join(merged))
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        self.remember = QCheckBox(self.tr("Also never break here in future imports (add an exception)"))
        layout.addWidget(self.remember)
        buttons, self.join_button = _cancel_or(self, self.tr("&Join"))
        layout.addWidget(buttons)

    def exception(self) -> SegmentationException | None:
        if not self.remember.isChecked():
            return None
        return exception_at(self.first.source, self.second.source, breaks=False)
