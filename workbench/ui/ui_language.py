"""The interface language: Vietnamese or English, from the settings or else the system locale.

Translations are Qt's own format (resources/translations/workbench_vi.ts, compiled to .qm with
`pyside6-lrelease`); English is the source language and needs no file. The standard button texts
(OK, Cancel…) come from Qt, which ships no Vietnamese, so our file carries those too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase

from workbench.core.resources import resource_path
from workbench.core.settings import Settings

TRANSLATIONS_DIR = resource_path("translations")
AVAILABLE = ("en", "vi")


def interface_language(settings: Settings, system: QLocale | None = None) -> str:
    chosen = settings.ui_language
    if chosen in AVAILABLE:
        return chosen
    locale = system or QLocale.system()
    return "vi" if locale.language() == QLocale.Language.Vietnamese else "en"


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load and install the translation; None for English or if the file is missing (the UI stays English)."""
    if language == "en":
        return None
    translator = QTranslator(app)
    if not translator.load(f"workbench_{language}", str(TRANSLATIONS_DIR)):
        return None
    app.installTranslator(translator)
    return translator


def khmer_fonts() -> list[str]:
    """Installed font families that can show Khmer; empty means Khmer would show as boxes."""
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.Khmer))
