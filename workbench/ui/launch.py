"""Starting the Qt application: interface language, error dialogs instead of tracebacks, the start page."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from workbench.context import AppContext
from workbench.ui.error_dialog import install_excepthook
from workbench.ui.start_window import StartWindow
from workbench.ui.ui_language import install_translator, interface_language


def run_window(context: AppContext) -> int:
    """The window on `context` (built once by `workbench.app`), until the user quits."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Translation Workbench")
    app.setOrganizationName("workbench")
    install_translator(app, interface_language(context.settings))
    install_excepthook()
    window = StartWindow(context)
    window.show()
    return app.exec()
