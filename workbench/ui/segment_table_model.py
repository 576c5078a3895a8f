"""The segment grid's item model: row ids held, records fetched a page at a time on demand.

Opening a 50,000-segment project reads only the ids; `data()` fetches the page a row belongs to and
keeps a few pages cached, with the page's draft notes (quality band, signals) read in the same step, one
query per language and page. A core change names the segments it touched; `refresh_segments` drops
their pages and emits one `dataChanged` per contiguous range of rows, never a reset.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from workbench.core.errors import WorkbenchError
from workbench.core.memory.glossary import TermFinder
from workbench.core.ops.draft_confidence import has_low_score, is_weak_draft, ran_away
from workbench.core.records import Origin, SegmentRecord, Status, Translation
from workbench.core.store.draft_notes import DraftNote, notes_for
from workbench.core.store.project_store import Project
from workbench.core.store.segment_numbers import segment_label
from workbench.ui.status_look import band_icon, confidence, quality_line, signal_lines, status_icon, status_name

log = logging.getLogger(__name__)

PAGE_ROWS = 200
CACHED_PAGES = 16

STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
SEGMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
ORIGIN_ROLE = Qt.ItemDataRole.UserRole + 3
WEAK_DRAFT_ROLE = Qt.ItemDataRole.UserRole + 4
#: glossary terms in the source: [(start, end, "term → translations")]
TERMS_ROLE = Qt.ItemDataRole.UserRole + 5
#: the quality band of the machine draft in the cell ("good", "check", "poor"; "" when none or edited since)
BAND_ROLE = Qt.ItemDataRole.UserRole + 6
#: on the # cell of a document's first row in a view of several documents: that document's name (else None)
DOCUMENT_START_ROLE = Qt.ItemDataRole.UserRole + 7

STATUS_COLOURS = {
    Status.UNTRANSLATED: QColor("#ffffff"),
    Status.DRAFT: QColor("#fff4d6"),
    Status.TRANSLATED: QColor("#e3f1ff"),
    Status.APPROVED: QColor("#e2f5e4"),
    Status.NEEDS_WORK: QColor("#fde2e1"),
}
NOT_FOR_TRANSLATION = QColor("#8a8a8a")

Index = QModelIndex | QPersistentModelIndex
ANSWERED_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.FontRole, STATUS_ROLE, SEGMENT_ID_ROLE, ORIGIN_ROLE, WEAK_DRAFT_ROLE, TERMS_ROLE, BAND_ROLE,
        DOCUMENT_START_ROLE,
    )
)  # fmt: skip


NOTE_ROLES = frozenset({int(Qt.ItemDataRole.DecorationRole), int(Qt.ItemDataRole.ToolTipRole), int(BAND_ROLE)})

LEFT_OUT_ROLES = frozenset({int(Qt.ItemDataRole.DecorationRole), int(Qt.ItemDataRole.ToolTipRole)})


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


@dataclass(frozen=True, slots=True)
class _Page:
    records: list[SegmentRecord]
    #: language -> segment id -> the notes on its machine draft
    notes: dict[str, dict[int, DraftNote]]


class SegmentTableModel(QAbstractTableModel):
    """Columns: #, source, then one per target language."""

    def __init__(
        self, project: Project, document_id: int | None = None, parent: Any = None, ids: list[int] | None = None
    ) -> None:
        """All segments of the document (or project), or only `ids` when a filter chose them."""
        super().__init__(parent)
        self.project = project
        self.document_id = document_id
        #: the # column's tooltip names the document ("le-hoi.docx #8"), as QA reports and the CLI do
        self._document_names = {doc.id: doc.name for doc in project.documents()}
        self.languages = list(project.info.target_languages)
        self._ids: list[int] = project.segment_ids(document_id) if ids is None else list(ids)
        self._row_of: dict[int, int] = {segment_id: row for row, segment_id in enumerate(self._ids)}
        self._pages: OrderedDict[int, _Page] = OrderedDict()
        self.pages_fetched = 0
        #: set by the window when the project has a glossary: the source column then highlights terms
        self.term_finder: TermFinder | None = None

    # --- shape --------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else 2 + len(self.languages)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        names = ["#", self.tr("Vietnamese"), *[self._language_name(code) for code in self.languages]]
        return names[section] if 0 <= section < len(names) else None

    def _language_name(self, code: str) -> str:
        return {"en": self.tr("English"), "km": self.tr("Khmer"), "vi": self.tr("Vietnamese")}.get(code, code)

    # --- records, a page at a time --------------------------------------------------------------------

    def _page(self, row: int) -> _Page:
        page = row // PAGE_ROWS
        found = self._pages.get(page)
        if found is None:
            ids = self._ids[page * PAGE_ROWS : (page + 1) * PAGE_ROWS]
            records = self.project.segments_by_ids(ids)
            found = _Page(records, {language: notes_for(self.project, language, ids) for language in self.languages})
            self.pages_fetched += 1
            self._pages[page] = found
            while len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return found

    def record(self, row: int) -> SegmentRecord:
        return self._page(row).records[row % PAGE_ROWS]

    def row_of(self, segment_id: int) -> int | None:
        return self._row_of.get(segment_id)

    def segment_id(self, row: int) -> int:
        return self._ids[row]

    def _terms(self, source: str) -> list[tuple[int, int, str]]:
        assert self.term_finder is not None
        return [
            (f.start, f.end, f"{f.term.source} → " + "; ".join(f"{k}: {v}" for k, v in f.term.targets.items()))
            for f in self.term_finder.find_in_text(source)
        ]

    def language_of(self, column: int) -> str | None:
        return self.languages[column - 2] if 2 <= column < 2 + len(self.languages) else None

    def column_of(self, language: str) -> int:
        return 2 + self.languages.index(language)

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ANSWERED_ROLES or not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None  # the view asks for a dozen roles per cell; most have no answer here
        column = index.column()
        if role == SEGMENT_ID_ROLE:
            return self._ids[index.row()]
        row = index.row()
        try:
            page = self._page(row)
        except WorkbenchError as exc:  # an exception must never leave a Qt virtual: show nothing, say why in the log
            log.error("cannot read row %d of %s: %s", row, self.project.path, exc)
            return None
        segment = page.records[row % PAGE_ROWS]
        if role == TERMS_ROLE:
            return self._terms(segment.source) if column == 1 and self.term_finder is not None else None
        language = self.languages[column - 2] if column >= 2 else None
        translation = segment.translations.get(language) if language else None
        if column == 0 and role == Qt.ItemDataRole.ToolTipRole:
            return self._number_tooltip(segment)
        if column == 0 and role in (DOCUMENT_START_ROLE, Qt.ItemDataRole.FontRole):
            name = self._document_start(row, segment)
            return name if role == DOCUMENT_START_ROLE or name is None else _bold()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                # the segment's number in its document, whatever filter the view has on (segment_numbers)
                return segment.position + 1
            if column == 1:
                return segment.source
            return translation.text if translation else ""
        if role == Qt.ItemDataRole.ForegroundRole and not segment.translatable:
            return QBrush(NOT_FOR_TRANSLATION)
        if role == Qt.ItemDataRole.ToolTipRole and not segment.translatable:
            return self.tr("Not for translation: {0}").format(segment.skip_reason)
        if (
            (translation is None or not translation.text)
            and role in LEFT_OUT_ROLES
            and language
            and segment.translatable
        ):
            left_out = self._left_out(page, row, language, role)
            if left_out is not None:
                return left_out
        if translation is None:
            return None
        if role == STATUS_ROLE:
            return translation.status.value
        if role == ORIGIN_ROLE:
            return translation.origin.value
        weak = is_weak_draft(translation)
        if role == WEAK_DRAFT_ROLE:
            return weak
        described = None
        if role in NOTE_ROLES and language:
            note = page.notes[language].get(self._ids[row])
            described = note if note is not None and note.band and note.describes(translation) else None
        if role == BAND_ROLE:
            return described.band if described is not None else ""
        if role == Qt.ItemDataRole.DecorationRole and segment.translatable:
            if described is not None and translation.status is Status.DRAFT and translation.origin is Origin.MT:
                return band_icon(described.band)  # the estimate weighs the weak-draft signals too: it decides
            return status_icon(translation.status, weak)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(translation, weak, described)
        if role == Qt.ItemDataRole.BackgroundRole and segment.translatable:
            return QBrush(STATUS_COLOURS[translation.status])
        if role == Qt.ItemDataRole.FontRole and translation.origin is Origin.MT and translation.status is Status.DRAFT:
            font = QFont()
            font.setItalic(True)  # machine drafts look different from human text
            return font
        return None

    def _document_start(self, row: int, segment: SegmentRecord) -> str | None:
        """The document's name if `row` is where it starts in a view of several documents (the # column's
        numbers restart there, so the row says which document follows)."""
        if self.document_id is not None or len(self._document_names) < 2:
            return None
        if row > 0 and self.record(row - 1).document_id == segment.document_id:
            return None
        return self._document_names.get(segment.document_id, "?")

    def _number_tooltip(self, segment: SegmentRecord) -> str:
        label = segment_label(self._document_names.get(segment.document_id, "?"), segment.position)
        if not segment.translatable:
            return label + "\n" + self.tr("Not for translation: {0}").format(segment.skip_reason)
        return label

    def _left_out(self, page: _Page, row: int, language: str, role: int) -> Any:
        """An empty cell whose poor machine draft pre-translation left out (Settings.leave_poor_drafts_out): the poor
        icon and why the cell is empty."""
        note = page.notes[language].get(self._ids[row])
        if note is None or note.band != "poor":
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return band_icon("poor")
        return (
            self.tr("A poor machine draft was left out of this cell: the side panel offers it")
            + "\n"
            + quality_line(note.band, note.quality)
        )

    def _tooltip(self, translation: Translation, weak: bool, note: DraftNote | None = None) -> str:
        lines = [self.tr("Status: {0}").format(status_name(translation.status))]
        if translation.origin is Origin.MT:
            lines.append(self.tr("Machine translation by {0}").format(translation.origin_detail))
            if translation.score is not None:
                lines.append(self.tr("Confidence {0:.0%}").format(confidence(translation.score)))
        elif translation.author:
            lines.append(self.tr("By {0}").format(translation.author))
        if note is not None:
            lines.append(quality_line(note.band, note.quality))
            signals = signal_lines(note.signals)
            if signals:
                lines.append("  " + " · ".join(signals))
        if weak and has_low_score(translation):
            lines.append(self.tr("Low confidence: check this draft carefully"))
        if weak and ran_away(translation):
            lines.append(self.tr("The model's output ran away: check this draft carefully"))
        lines += translation.flags  # each with its reason
        return "\n".join(lines)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() >= 2:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    # --- changes from the core ----------------------------------------------------------------------

    def refresh_segments(self, segment_ids: Iterable[int]) -> None:
        """Re-read the named segments: one dataChanged per contiguous range of their rows."""
        rows = sorted({row for i in segment_ids if (row := self._row_of.get(i)) is not None})
        for page in {row // PAGE_ROWS for row in rows}:
            self._pages.pop(page, None)
        last_column = self.columnCount() - 1
        start = previous = None
        for row in [*rows, None]:
            if row is not None and previous is not None and row == previous + 1:
                previous = row
                continue
            if start is not None and previous is not None:
                self.dataChanged.emit(self.index(start, 0), self.index(previous, last_column))
            start = previous = row
