"""Starting the Qt application and its first window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from workbench.ui.start_window import StartWindow


def run_window() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Translation Workbench")
    app.setOrganizationName("workbench")
    window = StartWindow()
    window.show()
    return app.exec()
