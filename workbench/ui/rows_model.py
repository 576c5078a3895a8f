"""A small read-only table model over rows of text, for the dialogs' lists (check findings, merge
plans, find-and-replace previews): tens of thousands of rows cost one Python list, not a widget item
per cell. Rows can carry a tick the user flips (`checkable`), and a tooltip per row.

`HeadedTableModel` is the part every dialog's flat table shares (a header per column, no children);
a dialog whose rows are its own records (concordance hits, analysis lines) builds on it directly."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

Index = QModelIndex | QPersistentModelIndex


class HeadedTableModel(QAbstractTableModel):
    """A flat table with a header per column; the subclass says how many rows it has (`row_total`)."""

    def __init__(self, headers: Sequence[str], parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.headers = list(headers)

    def row_total(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None


class RowsModel(HeadedTableModel):
    #: (row, ticked) when the user flips a row's tick
    toggled = Signal(int, bool)
    #: unticked rows are drawn grey (a choice to leave the row out)
    grey_unchecked = False

    def __init__(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], checkable: Sequence[bool] | None = None,
        checked: Sequence[bool] | None = None, tooltips: Sequence[str] | None = None, parent: object = None,
    ) -> None:  # fmt: skip
        super().__init__(headers, parent)
        self.rows = [list(row) for row in rows]
        self.checkable = list(checkable) if checkable is not None else [False] * len(self.rows)
        self.checked = list(checked) if checked is not None else [False] * len(self.rows)
        self.tooltips = list(tooltips) if tooltips is not None else []

    def row_total(self) -> int:
        return len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            values = self.rows[row]
            return values[index.column()] if index.column() < len(values) else ""
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0 and self.checkable[row]:
            return Qt.CheckState.Checked if self.checked[row] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and row < len(self.tooltips) and self.tooltips[row]:
            return self.tooltips[row]
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and self.grey_unchecked
            and self.checkable[row]
            and not self.checked[row]
        ):
            return QColor(Qt.GlobalColor.gray)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() == 0 and self.checkable[index.row()]:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or not self.checkable[index.row()]:
            return False
        state = value.value if isinstance(value, Qt.CheckState) else value
        row = index.row()
        self.checked[row] = state == Qt.CheckState.Checked.value
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))
        self.toggled.emit(row, self.checked[row])
        return True

    def set_rows(
        self, rows: Sequence[Sequence[str]], checkable: Sequence[bool] | None = None,
        checked: Sequence[bool] | None = None, tooltips: Sequence[str] | None = None,
    ) -> None:  # fmt: skip
        """New rows in place (a reset): views keep their model, selection model and settings."""
        self.beginResetModel()
        self.rows = [list(row) for row in rows]
        self.checkable = list(checkable) if checkable is not None else [False] * len(self.rows)
        self.checked = list(checked) if checked is not None else [False] * len(self.rows)
        self.tooltips = list(tooltips) if tooltips is not None else []
        self.endResetModel()

    def set_checked(self, row: int, checked: bool) -> None:
        if self.checkable[row]:
            self.setData(self.index(row, 0), Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked,
                         Qt.ItemDataRole.CheckStateRole)  # fmt: skip

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        for values in (self.rows, self.checkable, self.checked):
            del values[row]
        if row < len(self.tooltips):
            del self.tooltips[row]
        self.endRemoveRows()
