"""Errors as dialogs a person can act on: the message first, the technical detail folded away.

`install_excepthook` makes an unexpected exception in a slot show this dialog instead of a traceback
on a console nobody sees (or a frozen window)."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def install_excepthook() -> None:
    def hook(kind: type[BaseException], value: BaseException, trace: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, value, trace))
        if QApplication.instance() is None:
            sys.__excepthook__(kind, value, trace)
            return
        show_error(
            QApplication.activeWindow(),
            QApplication.translate("errors", "Something went wrong"),
            QApplication.translate(
                "errors",
                "{0}\n\nYour confirmed work is saved in the project file. Please report this with the details.",
            ).format(value),
            "".join(traceback.format_exception(kind, value, trace)),
        )

    sys.excepthook = hook
