"""A translator's session that is killed mid-typing: run by test_recovery.py as its own process.

Opens the project window offscreen, types into the English cell of the first segment without
confirming, waits until the window has kept the text on disk, says so on stdout, then waits to be killed.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from workbench.context import AppContext
from workbench.core.ops.unconfirmed_edits import unconfirmed_edits
from workbench.core.store.project_store import Project
from workbench.ui.project_window import ProjectWindow


def main(path: str, text: str) -> None:
    app = QApplication([])
    window = ProjectWindow(Project.open(Path(path)), AppContext.load())
    window.show()
    window.grid.setCurrentIndex(window.model.index(0, 2))
    QTest.keyClick(window.grid, Qt.Key.Key_F2)
    QTest.keyClicks(window.delegate.open_editor, text)
    deadline = time.monotonic() + 10
    while not unconfirmed_edits(window.project) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)
    print("kept" if unconfirmed_edits(window.project) else "not kept", flush=True)
    while True:  # typing goes on until the process is killed
        app.processEvents()
        time.sleep(0.05)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
