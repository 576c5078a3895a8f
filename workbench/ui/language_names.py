"""Language names as the interface shows them (translated with the interface)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def language_names() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "vi": translate("languages", "Vietnamese"),
        "en": translate("languages", "English"),
        "km": translate("languages", "Khmer"),
    }
