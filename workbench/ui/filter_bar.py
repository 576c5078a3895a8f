"""The bar above the grid: search (optionally blind to Vietnamese diacritics), status, language, QA problems,
the quality band of the machine drafts, and "poor drafts first".

The search box and its scope take the first line; the other filters flow onto as many lines as the width
needs, so the bar folds in a narrow window (1280 pixels with both side panes) instead of widening it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from workbench.core.records import Status
from workbench.core.store.segment_filter import NEEDING_WORK, NOT_ESTIMATED, SegmentFilter
from workbench.ui.flow_layout import FlowLayout

SEARCH_DELAY_MS = 250
#: the quality-check hook: the ids of segments with a problem, or None when no checks are installed
QaProvider = Callable[[], frozenset[int] | None]


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, languages: list[str], language_names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qa_provider: QaProvider | None = None
        # what to look for on the first line; what to show flows below it
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout()
        rows.addLayout(layout)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search source and translations (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        layout.addWidget(self.search, 3)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("in source and translations"), (True, True))
        self.scope.addItem(self.tr("in source"), (True, False))
        self.scope.addItem(self.tr("in translations"), (False, True))
        layout.addWidget(self.scope)
        flow = FlowLayout()
        rows.addLayout(flow)
        self.ignore_diacritics = QCheckBox(self.tr("Ignore diacritics"))
        self.ignore_diacritics.setToolTip(self.tr("“hoa” also finds “hòa”, “hoà” and “Hóa”"))
        flow.addWidget(self.ignore_diacritics)
        self.match_case = QCheckBox(self.tr("Match case"))
        flow.addWidget(self.match_case)

        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), frozenset())
        self.status.addItem(self.tr("Needing work"), NEEDING_WORK)
        for status, label in (
            (Status.UNTRANSLATED, self.tr("Untranslated")),
            (Status.DRAFT, self.tr("Draft")),
            (Status.TRANSLATED, self.tr("Translated")),
            (Status.APPROVED, self.tr("Approved")),
            (Status.NEEDS_WORK, self.tr("Needs work")),
        ):
            self.status.addItem(label, frozenset({status}))
        flow.addWidget(self.status)
        self.language = QComboBox()
        self.language.addItem(self.tr("any language"), None)
        for code in languages:
            self.language.addItem(language_names.get(code, code), code)
        flow.addWidget(self.language)
        self.qa = QCheckBox(self.tr("Has QA issue"))
        self.qa.setEnabled(False)
        self.qa.setToolTip(self.tr("Quality checks are not installed yet"))
        flow.addWidget(self.qa)
        self.band = QComboBox()
        self.band.setToolTip(self.tr("The quality estimate of the machine draft in the cell"))
        self.band.addItem(self.tr("any quality"), frozenset())
        for band, label in (
            ("poor", self.tr("Poor drafts")),
            ("check", self.tr("Drafts to check")),
            ("good", self.tr("Good drafts")),
            (NOT_ESTIMATED, self.tr("Drafts not estimated")),
        ):
            self.band.addItem(label, frozenset({band}))
        flow.addWidget(self.band)
        self.poor_first = QCheckBox(self.tr("Poor drafts first"))
        self.poor_first.setToolTip(self.tr("Poor machine drafts first, then those to check, good, the rest last"))
        flow.addWidget(self.poor_first)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _text: self._timer.start(SEARCH_DELAY_MS))
        for combo in (self.scope, self.status, self.language, self.band):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for box in (self.ignore_diacritics, self.match_case, self.qa, self.poor_first):
            box.toggled.connect(lambda _on: self.changed.emit())

    def set_qa_provider(self, provider: QaProvider | None) -> None:
        self.qa_provider = provider
        self.qa.setEnabled(provider is not None)
        self.qa.setToolTip(self.tr("Only segments with a quality problem") if provider else self.qa.toolTip())

    def current(self) -> SegmentFilter:
        in_source, in_targets = self.scope.currentData()
        only = self.qa_provider() if (self.qa.isChecked() and self.qa_provider is not None) else None
        return SegmentFilter(
            statuses=self.status.currentData(),
            language=self.language.currentData(),
            text=self.search.text().strip(),
            in_source=in_source,
            in_targets=in_targets,
            ignore_diacritics=self.ignore_diacritics.isChecked(),
            match_case=self.match_case.isChecked(),
            only_ids=only,
            bands=self.band.currentData(),
            poor_first=self.poor_first.isChecked(),
        )

    def apply_now(self) -> None:
        """Skip the typing delay (tests, and Enter in the search box)."""
        self._timer.stop()
        self.changed.emit()
