"""The interface is in Vietnamese or English: from the settings, else the system locale; the Vietnamese
file covers every text in the code and the compiled .qm matches it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtCore import QCoreApplication, QLocale

from tests.conftest import REPO
from workbench.core.settings import Settings
from workbench.ui.ui_language import TRANSLATIONS_DIR, install_translator, interface_language, khmer_fonts

TS = TRANSLATIONS_DIR / "workbench_vi.ts"


def test_the_language_follows_the_settings_then_the_system() -> None:
    vietnamese = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    assert interface_language(Settings(ui_language=""), vietnamese) == "vi"
    assert interface_language(Settings(ui_language=""), english) == "en"
    assert interface_language(Settings(ui_language="en"), vietnamese) == "en"


def test_the_window_speaks_vietnamese_when_chosen(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    app = QCoreApplication.instance()
    translator = install_translator(app, "vi")
    assert translator is not None
    try:
        window = open_window()
        titles = [menu.title() for menu in window.menus.values()]
        assert titles[:2] == ["&Tệp", "&Sửa"]
        assert window.filter_bar.ignore_diacritics.text() == "Bỏ qua dấu"
        window.close()
    finally:
        app.removeTranslator(translator)


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="pyside6-lupdate is not installed")
def test_every_text_in_the_code_has_a_vietnamese_translation_and_the_qm_is_current(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in (REPO / "workbench" / "ui").glob("*.py"))
    subprocess.run(["pyside6-lupdate", *sources, "-ts", str(fresh)], check=True, capture_output=True)
    unfinished = [
        m.findtext("source")
        for m in etree.parse(str(fresh)).iter("message")
        if m.find("translation") is not None and m.find("translation").get("type") == "unfinished"
    ]
    assert unfinished == [], "translate these in resources/translations/workbench_vi.ts"
    compiled = tmp_path / "fresh.qm"
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(compiled)], check=True, capture_output=True)
    assert compiled.read_bytes() == (TRANSLATIONS_DIR / "workbench_vi.qm").read_bytes(), "run pyside6-lrelease"


def test_a_khmer_font_is_found(qapp) -> None:  # type: ignore[no-untyped-def]
    assert khmer_fonts(), "install a Khmer font (fonts-khmeros) for the grid to show Khmer"
