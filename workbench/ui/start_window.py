"""The start page: recent projects, a new project (name, targets), or open one; it comes back when a project closes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.context import AppContext
from workbench.core.errors import WorkbenchError
from workbench.core.recent_projects import forgotten, remembered
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.ui.new_project_dialog import NewProjectDialog
from workbench.ui.project_window import ProjectWindow
from workbench.ui.ui_language import khmer_fonts

PROJECT_FILTER = "Workbench projects (*.wbp)"


class StartWindow(QMainWindow):
    """The first window; every project window it opens shares its application context."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setWindowTitle(self.tr("Translation Workbench"))
        self.resize(720, 480)
        self.project_window: ProjectWindow | None = None

        central = QWidget(self)
        layout = QVBoxLayout(central)
        heading = QLabel(self.tr("<h2>Translation Workbench</h2><p>Vietnamese → English, Khmer</p>"))
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        self.new_button = QPushButton(self.tr("&New project…"))
        self.open_button = QPushButton(self.tr("&Open project…"))
        layout.addWidget(self.new_button)
        layout.addWidget(self.open_button)
        layout.addWidget(QLabel(self.tr("Recent projects:")))
        self.recent = QListWidget()
        self.recent.addItems(self.settings.recent_projects)
        layout.addWidget(self.recent, 1)
        self.status = QLabel("")
        layout.addWidget(self.status)
        if not khmer_fonts():
            self.status.setText(
                self.tr(
                    "No Khmer font is installed: Khmer text will show as boxes. Install Khmer OS or Noto Sans Khmer."
                )
            )
        self.setCentralWidget(central)

        self.new_button.clicked.connect(self.new_project)
        self.open_button.clicked.connect(self.choose_project)
        self.recent.itemActivated.connect(lambda item: self.open_project(Path(item.text())))
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for text, shortcut, slot in (
            (self.tr("&New project…"), QKeySequence.StandardKey.New, self.new_project),
            (self.tr("&Open project…"), QKeySequence.StandardKey.Open, self.choose_project),
            (self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close),
        ):
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            file_menu.addAction(action)

    @property
    def settings(self) -> Settings:
        return self.context.settings

    def new_project(self) -> None:
        folder = Path(self.settings.recent_projects[0]).parent if self.settings.recent_projects else Path.home()
        dialog = NewProjectDialog(folder if folder.is_dir() else Path.home(), self)
        if not dialog.exec():
            return
        try:
            project = Project.create(dialog.path(), dialog.name.text().strip(), "vi", dialog.targets())
        except WorkbenchError as exc:
            QMessageBox.warning(self, self.tr("Cannot create the project"), str(exc))
            return
        self._show_project(project)

    def choose_project(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open project"), "", PROJECT_FILTER)
        if name:
            self.open_project(Path(name))

    def open_project(self, path: Path) -> None:
        if str(path.resolve()) == self._open_path():
            return  # already open (File > Recent projects lists it too)
        try:
            project = Project.open(path)
        except WorkbenchError as exc:
            if not path.exists():  # gone since it was listed: off the list
                self.context.update_settings(
                    replace(self.settings, recent_projects=forgotten(self.settings.recent_projects, str(path)))
                )
                self._list_recent()
            QMessageBox.warning(self, self.tr("Cannot open the project"), str(exc))
            return
        self._show_project(project)

    @property
    def project(self) -> Project | None:
        window = self.project_window
        return window.project if window is not None and window.isVisible() else None

    def _open_path(self) -> str | None:
        project = self.project
        return str(project.path.resolve()) if project is not None else None

    def _list_recent(self) -> None:
        self.recent.clear()
        self.recent.addItems(self.settings.recent_projects)

    def _show_project(self, project: Project) -> None:
        if self.project_window is not None and not self.project_window.close():
            project.close()  # the open window could not save its text: it stays, with it
            return
        self.context.update_settings(
            replace(self.settings, recent_projects=remembered(self.settings.recent_projects, project.path))
        )
        self._list_recent()
        docs = project.documents()
        segments = sum(d.segment_count for d in docs)
        documents = self.tr("1 document") if len(docs) == 1 else self.tr("{0} documents").format(len(docs))
        counted = self.tr("1 segment") if segments == 1 else self.tr("{0} segments").format(segments)
        self.status.setText(self.tr("{0}: {1}, {2}").format(project.info.name, documents, counted))
        self.project_window = ProjectWindow(project, self.context)
        self.project_window.closed.connect(self._project_closed)
        # File > Recent projects: the chosen project opens in place of this one, once its action has returned
        self.project_window.navigation.open_requested.connect(
            lambda path: self.open_project(Path(path)), Qt.ConnectionType.QueuedConnection
        )
        self.project_window.show()
        self.hide()

    def _project_closed(self) -> None:
        """Back to the start page (unless the whole program is quitting)."""
        if not self.isVisible() and QApplication.instance() is not None and not QApplication.closingDown():
            self.show()
