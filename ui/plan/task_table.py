"""The plan's task table: fixed-height rows scrolled by the pixel, so that the chart
beside it can draw bar ``i`` exactly level with row ``i``.

Its vertical scroll bar is hidden: the one at the chart's right edge moves both (as in
Microsoft Project). ``rows_moved`` tells the chart where the rows are now.

A summary's marker (▾ / ▸) before its name folds and unfolds its subtasks when clicked;
so do Alt+Shift+- / Alt+Shift++ (and - / + on a summary row) as in Microsoft Project.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.plan.cell_delegate import CellDelegate
from ui.plan.plan_columns import COLUMNS, KEYS
from ui.plan.task_table_model import TaskTableModel

ROW_PADDING = 10  # pixels above and below the text of a row
MARKER_SLACK_PX = 6  # how far past its marker a click still folds a summary

_ALT_SHIFT = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
_NONE, _SHIFT = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier
# (key, modifiers) -> unfold (True) or fold (False); Shift+- reads as _, Shift+= as +.
_OUTLINE_KEYS = {
    (Qt.Key.Key_Minus, _ALT_SHIFT): False,
    (Qt.Key.Key_Underscore, _ALT_SHIFT): False,
    (Qt.Key.Key_Plus, _ALT_SHIFT): True,
    (Qt.Key.Key_Equal, _ALT_SHIFT): True,
    (Qt.Key.Key_Minus, _NONE): False,
    (Qt.Key.Key_Plus, _NONE): True,
    (Qt.Key.Key_Plus, _SHIFT): True,
}


class TaskTable(QTableView):
    """A :class:`TaskTableModel` in fixed rows; ``rows_moved(row_px, scroll_px,
    viewport_top, viewport_height)`` after every scroll, resize or font change;
    ``fold_requested(rows, unfold)`` when summaries are to be folded (False), unfolded
    (True) or toggled (None)."""

    rows_moved = Signal(int, int, int, int)
    fold_requested = Signal(list, object)

    def __init__(self, model: TaskTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planTable")
        self.setModel(model)
        self.delegate = CellDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setCornerButtonEnabled(False)
        self.verticalHeader().hide()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(1)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._size_rows()
        self._size_columns()
        self.verticalScrollBar().valueChanged.connect(self._on_moved)
        self.verticalScrollBar().rangeChanged.connect(self._on_moved)
        header.geometriesChanged.connect(self._on_moved)

    @property
    def row_px(self) -> int:
        return self.verticalHeader().defaultSectionSize()

    def _size_rows(self) -> None:
        line = QFontMetrics(self.font()).height()
        self.verticalHeader().setDefaultSectionSize(line + ROW_PADDING)
        # The chart's date scale sits beside the header: two tiers (month over week…).
        self.horizontalHeader().setMinimumHeight(2 * line + 2 * ROW_PADDING)

    def _size_columns(self) -> None:
        metrics = QFontMetrics(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        header = QFontMetrics(bold)
        for n, column in enumerate(COLUMNS):
            sample = "8" * column.chars if column.numeric else "x" * column.chars
            self.setColumnWidth(
                n,
                max(metrics.horizontalAdvance(sample), header.horizontalAdvance(column.header))
                + 20,
            )

    def show_columns(self, keys: set[str]) -> None:
        """Show only the columns in ``keys`` (number and name always show)."""
        for key, n in KEYS.items():
            self.setColumnHidden(n, key not in keys | {"number", "name"})

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        index = self.indexAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and self._on_marker(index, event):
            self.fold_requested.emit([index.row()], None)

    def _on_marker(self, index, event: QMouseEvent) -> bool:
        if not index.isValid() or index.column() != KEYS["name"]:
            return False
        model: TaskTableModel = self.model()  # type: ignore[assignment]
        row = model.rows()[index.row()]
        if not row.summary:
            return False
        bold = QFont(self.font())
        bold.setBold(True)
        marker_end = QFontMetrics(bold).horizontalAdvance(model.name_prefix(row))
        x = event.position().x() - self.visualRect(index).left()
        return x <= marker_end + MARKER_SLACK_PX

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        unfold = _OUTLINE_KEYS.get((Qt.Key(event.key()), mods))
        if unfold is not None and self.state() != QAbstractItemView.State.EditingState:
            model: TaskTableModel = self.model()  # type: ignore[assignment]
            rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
            summaries = [r for r in rows if model.rows()[r].summary]
            if summaries:
                self.fold_requested.emit(summaries, unfold)
                event.accept()
                return
        super().keyPressEvent(event)

    def viewport_top(self) -> int:
        """Where the rows begin, in the table's own coordinates (under its header)."""
        return self.viewport().geometry().top()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_rows()
            self._on_moved()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._on_moved()

    def _on_moved(self, *_args: object) -> None:
        self.rows_moved.emit(
            self.row_px,
            self.verticalScrollBar().value(),
            self.viewport_top(),
            self.viewport().height(),
        )
