"""The project window: documents on the left, the segment grid in the centre (read-only for now).

Editing, the side panel and pre-translation from the window come with the workbench issue; this
window already shows a real project at any size, with either target column hideable.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QHeaderView, QListWidget, QListWidgetItem, QMainWindow, QSplitter, QTableView

from workbench.core.khmer_breaks import for_display
from workbench.core.project_store import Project
from workbench.ui.segment_table_model import SegmentTableModel

ALL_DOCUMENTS = -1


class KhmerWrappingModel(SegmentTableModel):
    """Shows Khmer cells with break opportunities so long lines wrap; the stored text is untouched."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        value = super().data(index, role)
        if role == Qt.ItemDataRole.DisplayRole and isinstance(value, str):
            return for_display(value)
        return value


class ProjectWindow(QMainWindow):
    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.setWindowTitle(f"{project.info.name} — {self.tr('Translation Workbench')}")
        self.resize(1100, 700)

        self.documents = QListWidget()
        everything = QListWidgetItem(self.tr("All documents"))
        everything.setData(Qt.ItemDataRole.UserRole, ALL_DOCUMENTS)
        self.documents.addItem(everything)
        for doc in project.documents():
            item = QListWidgetItem(f"{doc.name}  ({doc.segment_count})")
            item.setData(Qt.ItemDataRole.UserRole, doc.id)
            self.documents.addItem(item)

        self.grid = QTableView()
        self.grid.setWordWrap(True)
        self.grid.setAlternatingRowColors(False)
        self.grid.verticalHeader().setVisible(False)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.model: SegmentTableModel = KhmerWrappingModel(project, parent=self)
        self._attach_model(self.model)

        splitter = QSplitter()
        splitter.addWidget(self.documents)
        splitter.addWidget(self.grid)
        splitter.setStretchFactor(1, 4)
        self.setCentralWidget(splitter)
        self.documents.currentItemChanged.connect(self._document_chosen)
        self.documents.setCurrentRow(0)

        view = self.menuBar().addMenu(self.tr("&View"))
        self.language_actions: dict[str, QAction] = {}
        for offset, code in enumerate(self.model.languages):
            action = QAction(
                self.tr("Show {0}").format(self.model.headerData(2 + offset, Qt.Orientation.Horizontal)), self
            )
            action.setCheckable(True)
            action.setChecked(True)
            action.setShortcut(QKeySequence(f"Ctrl+Shift+{offset + 1}"))
            action.toggled.connect(lambda shown, column=2 + offset: self.grid.setColumnHidden(column, not shown))
            view.addAction(action)
            self.language_actions[code] = action
        self._restore_geometry()

    def _attach_model(self, model: SegmentTableModel) -> None:
        """Swap the grid's model; the old one (owned by the window, not Python) is deleted by Qt later,
        after the view has let go of it."""
        old = self.grid.model()
        self.model = model
        self.grid.setModel(model)
        if old is not None and old is not model:
            old.deleteLater()
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for code, action in getattr(self, "language_actions", {}).items():
            self.grid.setColumnHidden(2 + model.languages.index(code), not action.isChecked())
        self.statusBar().showMessage(self.tr("{0} segments").format(model.rowCount()))

    def _document_chosen(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        document_id = current.data(Qt.ItemDataRole.UserRole)
        wanted = None if document_id == ALL_DOCUMENTS else int(document_id)
        if wanted != self.model.document_id:
            self._attach_model(KhmerWrappingModel(self.project, wanted, parent=self))

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("project_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("project_window/geometry", self.saveGeometry())
        self.grid.setModel(None)  # the view must not ask a closed project for rows during its last repaint
        self.project.close()
        super().closeEvent(event)
