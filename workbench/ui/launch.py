"""Starting the Qt application: interface language, error dialogs instead of tracebacks, the start page."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from workbench.core.settings import Settings
from workbench.ui.error_dialog import install_excepthook
from workbench.ui.start_window import StartWindow
from workbench.ui.ui_language import install_translator, interface_language


def run_window() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Translation Workbench")
    app.setOrganizationName("workbench")
    install_translator(app, interface_language(Settings.load()))
    install_excepthook()
    window = StartWindow()
    window.show()
    return app.exec()
