"""File > Export: one dialog for every format the CLI writes (the same `export_formats.export` call),
and File > Hand off: every text with its state as XLIFF or PO for a translator working elsewhere.

The export runs off the GUI thread (ui/tasks.py) on a read-only connection; the report (counts, what was left out
and why, page furniture and other not-for-translation text left out of a document, open QA problems
on exported text) is shown when it is done. Format, folder and options are remembered between exports.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.exporting.export_formats import FORMATS, HANDOFF_FORMATS, export, handoff
from workbench.core.exporting.export_report import ExportReport
from workbench.core.store.project_store import Project
from workbench.ui.tasks import TaskRunner, on_read_only_copy

ALL_LANGUAGES = "*"


class ExportDialog(QDialog):
    def __init__(
        self, project: Project, names: dict[str, str], document_id: int | None, translator: str,
        handoff_mode: bool = False, parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.project_path, self.translator, self.handoff_mode = project.path, translator, handoff_mode
        self.languages = list(project.info.target_languages)
        self.report: ExportReport | None = None
        self.setWindowTitle(self.tr("Hand off to a translator elsewhere") if handoff_mode else self.tr("Export"))
        self.resize(640, 520)
        labels = {
            "po": self.tr("PO (gettext)"), "xliff": self.tr("XLIFF 1.2"), "tmx": self.tr("TMX 1.4b (every language)"),
            "csv": self.tr("CSV (spreadsheet)"), "txt": self.tr("Plain text"), "docx": self.tr("Word document"),
            "html": self.tr("Web page"),
        }  # fmt: skip
        self.format = QComboBox()
        for fmt in HANDOFF_FORMATS if handoff_mode else FORMATS:
            self.format.addItem(labels[fmt], fmt)
        self.language = QComboBox()
        for code in self.languages:
            self.language.addItem(names.get(code, code), code)
        self.document = QComboBox()
        self.document.addItem(self.tr("The whole project"), None)
        for info in project.documents():
            self.document.addItem(info.name, info.id)
        if document_id is not None:
            self.document.setCurrentIndex(max(self.document.findData(document_id), 0))
        self.include_unapproved = QCheckBox(self.tr("Include translated text not yet approved (fuzzy in PO)"))
        self.fallback = QComboBox()
        self.fallback.addItem(self.tr("the Vietnamese source"), "source")
        self.fallback.addItem(self.tr("a visible placeholder"), "placeholder")
        self.leave_out = QCheckBox(
            self.tr("Leave out not-for-translation text (captions, bylines, text marked by hand)")
        )
        self.leave_out.setToolTip(
            self.tr(
                "Otherwise it goes out as it stands in the source. Page furniture (menus, contact details, "
                "copyright lines, style sheets) is always left out, and the report lists it; figures and dates "
                "in digits always stay."
            )
        )
        self.path = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Document"), self.document)
        if not handoff_mode:
            form.addRow("", self.include_unapproved)
            form.addRow(self.tr("Text without a translation"), self.fallback)
            form.addRow("", self.leave_out)
        form.addRow(self.tr("Save as"), where)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setPlaceholderText(self.tr("The export report appears here."))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(
            self.tr("Hand off") if handoff_mode else self.tr("Export"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(self.buttons)

        self.jobs: TaskRunner[None] = TaskRunner(self)
        self.jobs.finished.connect(self._done)
        self.jobs.failed.connect(self._failed)
        self._restore()
        for combo in (self.format, self.language, self.document):
            combo.currentIndexChanged.connect(self._options_changed)
        self._options_changed()

    # --- options -------------------------------------------------------------------------------------

    def _key(self, name: str) -> str:
        return f"{'handoff' if self.handoff_mode else 'export'}/{name}"

    def _restore(self) -> None:
        stored = QSettings()
        index = self.format.findData(stored.value(self._key("format"), ""))
        if index >= 0:
            self.format.setCurrentIndex(index)
        self.include_unapproved.setChecked(bool(stored.value(self._key("include_unapproved"), False, type=bool)))
        self.fallback.setCurrentIndex(max(self.fallback.findData(stored.value(self._key("fallback"), "source")), 0))
        self.leave_out.setChecked(bool(stored.value(self._key("leave_out_not_for_translation"), False, type=bool)))

    def _remember(self) -> None:
        stored = QSettings()
        stored.setValue(self._key("format"), self.format.currentData())
        stored.setValue(self._key("include_unapproved"), self.include_unapproved.isChecked())
        stored.setValue(self._key("fallback"), self.fallback.currentData())
        stored.setValue(self._key("leave_out_not_for_translation"), self.leave_out.isChecked())
        stored.setValue(self._key("folder"), str(Path(self.path.text()).parent))

    def _options_changed(self) -> None:
        fmt = self.format.currentData()
        suffix, one_document = FORMATS[fmt]
        whole = self.document.model().item(0)  # type: ignore[attr-defined]
        whole.setEnabled(not one_document)
        if one_document and self.document.currentData() is None and self.document.count() > 1:
            self.document.setCurrentIndex(1)
        self.fallback.setEnabled(one_document)
        self.leave_out.setEnabled(one_document)
        tmx = fmt == "tmx"
        if tmx and self.language.findData(ALL_LANGUAGES) < 0 and len(self.languages) > 1:
            self.language.addItem(self.tr("All target languages"), ALL_LANGUAGES)
        elif not tmx and (index := self.language.findData(ALL_LANGUAGES)) >= 0:
            self.language.removeItem(index)
        folder = Path(str(QSettings().value(self._key("folder"), str(self.project_path.parent))))
        if not folder.is_dir():
            folder = self.project_path.parent
        stem = self.document.currentText() if self.document.currentData() is not None else self.project_path.stem
        language = self.language.currentData()
        tag = "all" if language == ALL_LANGUAGES else language
        self.path.setText(str(folder / f"{Path(stem).stem}.{tag}{suffix}"))

    def browse(self) -> None:
        suffix = FORMATS[self.format.currentData()][0]
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.windowTitle(), self.path.text(), f"{self.format.currentText()} (*{suffix})"
        )
        if chosen:
            self.path.setText(chosen)

    # --- running -------------------------------------------------------------------------------------

    def start(self, confirm_overwrite: bool = True) -> int | None:
        target = Path(self.path.text().strip())
        if not self.path.text().strip():
            self.report_view.setPlainText(self.tr("Choose where to save the file."))
            return None
        if confirm_overwrite and target.exists():
            answer = QMessageBox.question(
                self, self.windowTitle(), self.tr("{0} exists. Replace it?").format(target.name)
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        fmt = self.format.currentData()
        language = self.language.currentData()
        languages = self.languages if language == ALL_LANGUAGES else [language]
        document_id = self.document.currentData()
        include, fallback, translator, leave_out = (
            self.include_unapproved.isChecked(),
            self.fallback.currentData(),
            self.translator,
            self.leave_out.isChecked(),
        )
        self._remember()
        self.export_button.setEnabled(False)
        self.busy.show()
        self.report_view.setPlainText(self.tr("Writing {0}…").format(target.name))
        if self.handoff_mode:
            return self.jobs.start(
                on_read_only_copy(
                    self.project_path, lambda project: handoff(project, fmt, language, target, document_id, translator)
                ),
                None,
            )

        def write(project: Project) -> ExportReport:
            return export(
                project, fmt, languages, target, document_id, include, fallback, translator,
                parallel_checks=False, leave_out_not_for_translation=leave_out,
            )  # fmt: skip

        return self.jobs.start(on_read_only_copy(self.project_path, write), None)

    def _done(self, _task: int, report: ExportReport) -> None:
        self.report = report
        self.busy.hide()
        self.export_button.setEnabled(True)
        self.report_view.setPlainText("\n".join(report.lines(limit=200)))

    def _failed(self, _task: int, message: str) -> None:
        self.busy.hide()
        self.export_button.setEnabled(True)
        self.report_view.setPlainText(self.tr("Not exported: {0}").format(message))
