"""Segment > Split and Join: change where a segment ends, within its paragraph, as one undo step (being built)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from workbench.ui.actions.new_action import new_action
from workbench.ui.window_context import WindowContext


class SegmentStructureActions(QObject):
    def __init__(self, window: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.split_action = new_action(self, self.tr("S&plit the segment…"), self.split)
        self.join_action = new_action(self, self.tr("&Join with the next segment"), self.join)

    def split(self) -> None:
        self.window.show_status("split: not built yet", 3000)

    def join(self) -> None:
        self.window.show_status("join: not built yet", 3000)
