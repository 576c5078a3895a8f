"""Settings: who you are (name, translator or editor), the interface language, fonts, machine translation.

The dialog never changes the settings it is shown: Save makes new ones (`settings`), which the caller
hands to `AppContext.update_settings`, so every holder of the context sees them and they are saved once.
The model or route drafting each target language is shown with its licence(s), read-only: it is chosen
in the model manager ("Models…"), which applies a choice at once; the dialog then shows the new one
and keeps it when saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.core.language.language_rules import TARGET_LANGUAGES
from workbench.core.settings import Settings
from workbench.mt.catalogue import MODELS_DIR
from workbench.mt.engine import BEAM_SIZES
from workbench.mt.model_choice import default_choice
from workbench.mt.model_store import ModelStore
from workbench.mt.routes import models_of
from workbench.ui.route_editor import choice_label

UI_LANGUAGES = [("", "System language"), ("vi", "Tiếng Việt"), ("en", "English")]


class SettingsDialog(QDialog):
    def __init__(
        self, settings: Settings, parent: QWidget | None = None, store: ModelStore | None = None,
        languages: Sequence[str] = TARGET_LANGUAGES, open_models: Callable[[], Settings] | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        #: what the dialog was opened on until Save; then the new settings it made
        self.settings = settings
        self.store = store or ModelStore(settings.models_path() or MODELS_DIR)
        #: opens the model manager and gives the settings it leaves (None: no button)
        self._open_models = open_models
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
        self.back_translate = QCheckBox(self.tr("Back-translate machine drafts into Vietnamese"))
        self.back_translate.setToolTip(
            self.tr("In the background after the drafts, for an editor who reads the target language less well")
        )
        self.back_translate.setChecked(settings.back_translate)
        form.addRow("", self.back_translate)
        self.leave_poor_drafts_out = QCheckBox(self.tr("Leave poor drafts out of the cell (keep them as suggestions)"))
        self.leave_poor_drafts_out.setChecked(settings.leave_poor_drafts_out)
        form.addRow("", self.leave_poor_drafts_out)
        self.word_scores = QCheckBox(self.tr("Score every word of a machine draft (pre-translation about 25 % slower)"))
        self.word_scores.setToolTip(
            self.tr("The quality estimate then also knows how sure the model was of its least sure word.")
        )
        self.word_scores.setChecked(settings.word_scores)
        form.addRow("", self.word_scores)
        self.spell_check = QCheckBox(self.tr("Check spelling as you type (and in the checks)"))
        self.spell_check.setChecked(settings.spell_check)
        form.addRow("", self.spell_check)
        self.spell_check_source = QCheckBox(self.tr("Also check the spelling of the Vietnamese source (a warning)"))
        self.spell_check_source.setToolTip(
            self.tr("Finds typos in what was imported; needs the Vietnamese dictionary.")
        )
        self.spell_check_source.setChecked(settings.spell_check_source)
        form.addRow("", self.spell_check_source)
        self.propagate = QComboBox()
        for value, text in (
            ("translated", self.tr("fill them as translated")),
            ("draft", self.tr("fill them as drafts to review")),
            ("off", self.tr("leave them")),
        ):
            self.propagate.addItem(text, value)
        self.propagate.setCurrentIndex(max(0, self.propagate.findData(settings.propagate_repetitions)))
        self.propagate.setToolTip(self.tr("Never over a person's work; one undo step with the confirmation"))
        form.addRow(self.tr("Confirming a segment, its repetitions:"), self.propagate)
        self.mt_choices: dict[str, QLabel] = {}
        for code in languages:
            shown = QLabel()
            shown.setWordWrap(True)
            self.mt_choices[code] = shown
            form.addRow(self.tr("Drafts {0}:").format(code), shown)
        self.models_button = QPushButton(self.tr("&Models…"))
        self.models_button.setToolTip(self.tr("Choose a model or a route per language in the model manager"))
        self.models_button.clicked.connect(self.open_models)
        self.models_button.setVisible(open_models is not None)
        form.addRow("", self.models_button)
        self.team_server = QLineEdit(settings.team_server)
        self.team_server.setPlaceholderText("postgresql://login@office-server/workbench")
        form.addRow(self.tr("Team server:"), self.team_server)
        self.team_password = QLineEdit()
        self.team_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.team_password.setPlaceholderText(self.tr("unchanged; kept in a pgpass file, never in the settings"))
        form.addRow(self.tr("Team server password:"), self.team_password)
        self.team_problem = QLabel()
        self.team_problem.setWordWrap(True)
        self.team_problem.hide()
        form.addRow("", self.team_problem)
        self._show_choices()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _show_choices(self) -> None:
        """Each language's model or route, with the licence(s) its drafts are under, and what is missing."""
        installed = {m.name for m in self.store.installed()}
        for code, shown in self.mt_choices.items():
            choice = self.settings.mt_models.get(code, "")
            try:
                drafting = choice or default_choice(self.store, "vi", code) or ""
                text = choice_label(drafting, self.store) if drafting else self.tr("none")
                missing = [m for m in models_of(drafting) if m not in installed] if drafting else []
            except WorkbenchError as exc:  # a route text edited by hand: shown as it is, with why
                shown.setText(f"{choice} ({exc})")
                continue
            if not choice:
                text = self.tr("catalogue default: {0}").format(text)
            if missing:
                text += " — " + self.tr("not installed: {0}").format(", ".join(missing))
            shown.setText(text)

    def open_models(self) -> None:
        """The model manager; the choices it made are shown, and kept by Save (Cancel keeps them too:
        the manager applied them already)."""
        if self._open_models is None:
            return
        chosen = self._open_models()
        self.settings = replace(self.settings, mt_models=dict(chosen.mt_models))
        self._show_choices()

    def save(self) -> None:
        """Accept with new settings made from the fields (the ones shown stay as they were). The team server
        is kept without a password; a password typed (or in the address) goes to the pgpass file."""
        from workbench.core.team.team_credentials import keep_team_address  # psycopg: loaded when saved

        try:
            team_server = keep_team_address(self.team_server.text(), self.team_password.text() or None)
        except WorkbenchError as exc:  # an address that is not one: said under the field, the dialog stays
            self.team_problem.setText(str(exc))
            self.team_problem.show()
            return
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
            back_translate=self.back_translate.isChecked(),
            leave_poor_drafts_out=self.leave_poor_drafts_out.isChecked(),
            word_scores=self.word_scores.isChecked(),
            spell_check=self.spell_check.isChecked(),
            spell_check_source=self.spell_check_source.isChecked(),
            propagate_repetitions=self.propagate.currentData(),
            team_server=team_server,
        )
        self.accept()
