"""Add a glossary term: opened by Ctrl+T with the source and target selections filled in, saved by Enter.

The term is saved exactly as the dialog shows it, its "Keep as is" box included; so that adding a translation
to a name already in the glossary does not un-fix it, the box starts (and follows the Vietnamese text, until
the person clicks it) as the glossary has that term."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.core.language.language_rules import TARGET_LANGUAGES
from workbench.core.memory.glossary import Term, alternatives
from workbench.core.memory.match_normalization import normalize_for_matching


class TermDialog(QDialog):
    def __init__(
        self,
        source: str,
        targets: dict[str, str],
        names: dict[str, str],
        parent: QWidget | None = None,
        glossary: Iterable[Term] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a glossary term"))
        self.resize(520, 0)
        form = QFormLayout()
        self.source = QLineEdit(source.strip())
        form.addRow(names.get("vi", "vi") + ":", self.source)
        self.targets: dict[str, QLineEdit] = {}
        self.forbidden: dict[str, QLineEdit] = {}
        for code in TARGET_LANGUAGES:
            self.targets[code] = QLineEdit(targets.get(code, "").strip())
            form.addRow(names.get(code, code) + ":", self.targets[code])
            self.forbidden[code] = QLineEdit()
            self.forbidden[code].setPlaceholderText(self.tr("forbidden alternatives, separated by ;"))
            form.addRow("", self.forbidden[code])
        self.note = QLineEdit()
        form.addRow(self.tr("Note:"), self.note)
        self.fixed = QCheckBox(self.tr("Keep as is (name, do not translate)"))
        self.fixed.setToolTip(
            self.tr(
                "Machine translation puts this term's translation (or the Vietnamese, when it has none) "
                "in verbatim instead of translating it."
            )
        )
        form.addRow("", self.fixed)
        self._stored_fixed = {normalize_for_matching(t.source): t.fixed for t in glossary}
        self._fixed_touched = False
        self.fixed.clicked.connect(self._touch_fixed)
        self.source.textChanged.connect(self._follow_stored_fixed)
        self._follow_stored_fixed()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        empty = next((field for field in (self.source, *self.targets.values()) if not field.text()), None)
        (empty or self.note).setFocus()

    def _touch_fixed(self) -> None:
        self._fixed_touched = True

    def _follow_stored_fixed(self) -> None:
        """The box as the glossary has the term now written (unchecked for a new one), until clicked."""
        if not self._fixed_touched:
            self.fixed.setChecked(self._stored_fixed.get(normalize_for_matching(self.source.text()), False))

    def term(self) -> Term:
        return Term(
            self.source.text().strip(),
            {code: field.text().strip() for code, field in self.targets.items() if field.text().strip()},
            {code: alternatives(field.text()) for code, field in self.forbidden.items() if field.text().strip()},
            self.note.text().strip(),
            fixed=self.fixed.isChecked(),
        )
