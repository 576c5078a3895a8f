"""The project window's size, splitters and View toggles, remembered between sessions (QSettings), and a
size that fits the screen it opens on: an office laptop's 1366×768 or a projector's 1280×720 shows the whole
window, status bar included, even when it was last closed on a bigger monitor."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

PREFIX = "project_window"
#: the window's first size on a screen big enough for it
PREFERRED_SIZE = QSize(1280, 780)
FRAME_ALLOWANCE = QSize(8, 40)


def fit_to_screen(window: QWidget, wanted: QSize = PREFERRED_SIZE) -> None:
    """Size `window` to `wanted`, or to its screen's available area (without panels) when that is smaller."""
    screen = window.screen()
    if screen is None:
        window.resize(wanted)
        return
    room = screen.availableGeometry()
    # the title bar and borders: known once the window is shown, before that a usual window manager's
    frame = window.frameGeometry().size() - window.geometry().size() if window.isVisible() else FRAME_ALLOWANCE
    width = min(wanted.width(), room.width() - max(frame.width(), 0))
    height = min(wanted.height(), room.height() - max(frame.height(), 0))
    window.resize(max(width, 1), max(height, 1))
    if not room.contains(window.frameGeometry()):
        window.move(room.topLeft())


def restore(window: QMainWindow, splitters: dict[str, QSplitter], toggles: dict[str, QAction]) -> None:
    """Put back what `save` kept; what was never saved keeps the window's defaults."""
    stored = QSettings()
    geometry = stored.value(f"{PREFIX}/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
        fit_to_screen(window, window.size())  # saved on a bigger screen: shrunk to this one
    for key, splitter in splitters.items():
        state = stored.value(f"{PREFIX}/{key}")
        if state is not None:
            splitter.restoreState(state)
    for key, action in toggles.items():
        action.setChecked(bool(stored.value(f"{PREFIX}/{key}", True, type=bool)))


def save(window: QMainWindow, splitters: dict[str, QSplitter], toggles: dict[str, QAction]) -> None:
    stored = QSettings()
    stored.setValue(f"{PREFIX}/geometry", window.saveGeometry())
    for key, splitter in splitters.items():
        stored.setValue(f"{PREFIX}/{key}", splitter.saveState())
    for key, action in toggles.items():
        stored.setValue(f"{PREFIX}/{key}", action.isChecked())
