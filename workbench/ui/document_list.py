"""The list of documents, each with a progress bar per target language (translated or approved share).

It asks for the width its names and bars need (`wanted_width`), so the window opens with the names
readable and the progress visible rather than a 70-pixel strip of elided names."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QProgressBar, QTreeWidget, QTreeWidgetItem, QWidget

from workbench.core.records import CONFIRMED
from workbench.core.store.project_store import Project

ALL_DOCUMENTS = -1
#: a progress bar's column ("1234/5678" fits), and the most the list asks for however long a name is
BAR_WIDTH = 64
MOST_WIDTH = 340


class DocumentList(QTreeWidget):
    def __init__(self, project: Project, language_names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.languages = list(project.info.target_languages)
        self.setHeaderLabels([self.tr("Document"), *[language_names.get(c, c) for c in self.languages]])
        self.setRootIsDecorated(False)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(self.languages) + 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, BAR_WIDTH)
        self.bars: dict[tuple[int, str], QProgressBar] = {}
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self.refresh_progress)
        self.reload()

    def reload(self) -> None:
        """Rebuild the rows (after an import); keeps the current document selected."""
        current = self.current_document()
        self.clear()
        self.bars.clear()
        everything = QTreeWidgetItem([self.tr("All documents")])
        everything.setData(0, Qt.ItemDataRole.UserRole, ALL_DOCUMENTS)
        self.addTopLevelItem(everything)
        for doc in self.project.documents():
            item = QTreeWidgetItem([doc.name])
            item.setData(0, Qt.ItemDataRole.UserRole, doc.id)
            item.setToolTip(0, f"{doc.name}\n{doc.source_path}\n{doc.format}, {doc.encoding}")
            self.addTopLevelItem(item)
            self._add_bars(item, doc.id)
        self._add_bars(everything, ALL_DOCUMENTS)
        self.select_document(current)
        self._later.start(0)  # counting a big project waits until the window is up

    def wanted_width(self) -> int:
        """Room for the longest document name and one bar per language (at most MOST_WIDTH)."""
        metrics = self.fontMetrics()
        names = [self.topLevelItem(row).text(0) for row in range(self.topLevelItemCount())]  # type: ignore[union-attr]
        longest = max((metrics.horizontalAdvance(name) for name in names), default=0)
        frame = 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()
        return min(longest + 24 + BAR_WIDTH * len(self.languages) + frame, MOST_WIDTH)

    def _add_bars(self, item: QTreeWidgetItem, document_id: int) -> None:
        for column, code in enumerate(self.languages, start=1):
            bar = QProgressBar()
            bar.setMaximumHeight(16)
            bar.setTextVisible(True)
            self.setItemWidget(item, column, bar)
            self.bars[(document_id, code)] = bar

    def stop(self) -> None:
        """The project is closing: no more counting."""
        self._later.stop()
        self._later.timeout.disconnect()

    def refresh_progress(self) -> None:
        totals: dict[str, list[int]] = {code: [0, 0] for code in self.languages}
        for stats in self.project.stats():
            for code, counts in stats.languages.items():
                done = sum(counts.by_status.get(str(s), 0) for s in CONFIRMED)
                self._set(stats.document.id, code, done, counts.segments, counts.by_status)
                totals[code][0] += done
                totals[code][1] += counts.segments
        for code, (done, total) in totals.items():
            self._set(ALL_DOCUMENTS, code, done, total, {})

    def _set(self, document_id: int, language: str, done: int, total: int, by_status: dict[str, int]) -> None:
        bar = self.bars.get((document_id, language))
        if bar is None:
            return
        bar.setRange(0, max(total, 1))
        bar.setValue(done)
        bar.setFormat(f"{done}/{total}")
        detail = ", ".join(f"{status}: {n}" for status, n in by_status.items() if n)
        bar.setToolTip(
            self.tr("{0} of {1} segments translated or approved").format(done, total)
            + (f"\n{detail}" if detail else "")
        )

    def current_document(self) -> int | None:
        item = self.currentItem()
        if item is None:
            return None
        value = int(item.data(0, Qt.ItemDataRole.UserRole))
        return None if value == ALL_DOCUMENTS else value

    def select_document(self, document_id: int | None) -> None:
        wanted = ALL_DOCUMENTS if document_id is None else document_id
        for row in range(self.topLevelItemCount()):
            item = self.topLevelItem(row)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == wanted:
                self.setCurrentItem(item)
                return
