"""New project: a name, where the file goes, Vietnamese source, English and/or Khmer targets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PROJECT_SUFFIX = ".wbp"


class NewProjectDialog(QDialog):
    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New project"))
        self.folder = folder
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Tin tức An Giang 2026"))
        self.location = QLineEdit(str(folder))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.location, 1)
        where.addWidget(browse)
        self.english = QCheckBox(self.tr("English"))
        self.khmer = QCheckBox(self.tr("Khmer"))
        self.english.setChecked(True)
        self.khmer.setChecked(True)
        targets = QHBoxLayout()
        targets.addWidget(self.english)
        targets.addWidget(self.khmer)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Folder:"), where)
        form.addRow(self.tr("Source language:"), QLabel(self.tr("Vietnamese")))
        form.addRow(self.tr("Translate into:"), targets)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for widget in (self.name, self.location):
            widget.textChanged.connect(self._validate)
        for box in (self.english, self.khmer):
            box.toggled.connect(self._validate)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._validate()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the project"), self.location.text())
        if chosen:
            self.location.setText(chosen)

    def _validate(self) -> None:
        ok = bool(self.name.text().strip()) and bool(self.targets()) and Path(self.location.text()).is_dir()
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if button is not None:
            button.setEnabled(ok)

    def targets(self) -> list[str]:
        return [code for code, box in (("en", self.english), ("km", self.khmer)) if box.isChecked()]

    def path(self) -> Path:
        """The project file: the name made safe for a file name, in the chosen folder."""
        stem = "".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in self.name.text().strip())
        return Path(self.location.text()) / f"{stem or 'project'}{PROJECT_SUFFIX}"
