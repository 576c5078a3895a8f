"""The interface is in Vietnamese or English: from the settings, else the system locale; the Vietnamese
file covers every text in the code and the compiled .qm matches it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QFontDatabase

from tests.conftest import REPO
from workbench.context import AppContext
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
    sources = sorted(str(p) for p in (REPO / "workbench" / "ui").rglob("*.py"))
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


def _font_database_with(monkeypatch: pytest.MonkeyPatch, khmer: list[str]) -> list[object]:
    """QFontDatabase answers `khmer` for Khmer and a Latin font for anything else; returns what was asked."""
    asked: list[object] = []

    def families(writing_system: object = QFontDatabase.WritingSystem.Any) -> list[str]:
        asked.append(writing_system)
        return list(khmer) if writing_system == QFontDatabase.WritingSystem.Khmer else ["DejaVu Sans"]

    monkeypatch.setattr(QFontDatabase, "families", families)
    return asked


def test_khmer_fonts_are_the_families_that_can_write_khmer(qapp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    asked = _font_database_with(monkeypatch, ["Khmer OS", "Noto Sans Khmer"])
    assert khmer_fonts() == ["Khmer OS", "Noto Sans Khmer"]
    assert asked == [QFontDatabase.WritingSystem.Khmer]
    _font_database_with(monkeypatch, [])
    assert khmer_fonts() == []


def test_the_start_page_says_when_no_khmer_font_is_installed(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from workbench.ui.start_window import StartWindow

    _font_database_with(monkeypatch, [])
    without = StartWindow(AppContext.load())
    qtbot.addWidget(without)
    assert without.status.text().startswith("No Khmer font is installed: Khmer text will show as boxes.")
    _font_database_with(monkeypatch, ["Khmer OS"])
    with_font = StartWindow(AppContext.load())
    qtbot.addWidget(with_font)
    assert with_font.status.text() == ""
