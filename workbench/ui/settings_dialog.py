"""Settings: who you are (name, translator or editor), the interface language, fonts, machine translation.

The dialog never changes the settings it is shown: Save makes new ones (`settings`), which the caller
hands to `AppContext.update_settings`, so every holder of the context sees them and they are saved once.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workbench.core.settings import Settings
from workbench.mt.engine import BEAM_SIZES

UI_LANGUAGES = [("", "System language"), ("vi", "Tiếng Việt"), ("en", "English")]


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: what the dialog was opened on until Save; then the new settings it made
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        form = QFormLayout()
        self.user_name = QLineEdit(settings.user_name)
        form.addRow(self.tr("Your name:"), self.user_name)
        self.role = QComboBox()
        self.role.addItem(self.tr("Translator"), "translator")
        self.role.addItem(self.tr("Editor (may approve)"), "editor")
        self.role.setCurrentIndex(max(0, self.role.findData(settings.role)))
        form.addRow(self.tr("Role:"), self.role)
        self.ui_language = QComboBox()
        for code, name in UI_LANGUAGES:
            self.ui_language.addItem(self.tr(name) if not code else name, code)
        self.ui_language.setCurrentIndex(max(0, self.ui_language.findData(settings.ui_language)))
        self.ui_language.setToolTip(self.tr("Takes effect the next time the workbench starts"))
        form.addRow(self.tr("Interface language:"), self.ui_language)
        self.font_family = QFontComboBox()
        self.use_system_font = QCheckBox(self.tr("System font"))
        self.use_system_font.setChecked(not settings.font_family)
        if settings.font_family:
            self.font_family.setCurrentFont(QFont(settings.font_family))
        self.font_family.setEnabled(bool(settings.font_family))
        self.use_system_font.toggled.connect(lambda system: self.font_family.setEnabled(not system))
        form.addRow(self.tr("Text font:"), self.font_family)
        form.addRow("", self.use_system_font)
        self.font_size = QSpinBox()
        self.font_size.setRange(0, 40)
        self.font_size.setSpecialValueText(self.tr("default"))
        self.font_size.setValue(settings.font_size)
        form.addRow(self.tr("Text size:"), self.font_size)
        self.beam_size = QSpinBox()
        self.beam_size.setRange(*BEAM_SIZES)
        self.beam_size.setValue(settings.beam_size)
        self.beam_size.setToolTip(
            self.tr("1 is fastest; 4 gives slightly better drafts and takes about three times longer")
        )
        form.addRow(self.tr("MT beam size:"), self.beam_size)
        self.khmer_digits = QCheckBox(self.tr("Write numbers in Khmer digits (០-៩) in Khmer drafts"))
        self.khmer_digits.setChecked(settings.khmer_digits)
        form.addRow("", self.khmer_digits)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        """Accept with new settings made from the fields (the ones shown stay as they were)."""
        shown = self.settings
        self.settings = replace(
            shown,
            user_name=self.user_name.text().strip() or shown.user_name,
            role=self.role.currentData(),
            ui_language=self.ui_language.currentData(),
            font_family="" if self.use_system_font.isChecked() else self.font_family.currentFont().family(),
            font_size=self.font_size.value(),
            beam_size=self.beam_size.value(),
            khmer_digits=self.khmer_digits.isChecked(),
        )
        self.accept()
