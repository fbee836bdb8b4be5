"""The chart side of the plan view: the canvas, the scroll bar that moves the table and
the chart together (at the right edge, as in Microsoft Project) and the one that pans
through time under the chart (as high as the table's, so the rows stay level)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QScrollBar, QWidget

from ui.plan.gantt_canvas import GanttCanvas
from ui.plan.task_table import TaskTable

_MARGIN = dt.timedelta(days=30)  # how far past the plan the time bar lets one pan


class ChartPanel(QWidget):
    """Canvas plus scroll bars; follows ``table`` row for row."""

    def __init__(self, table: TaskTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.canvas = GanttCanvas()
        self.rows_bar = QScrollBar(Qt.Orientation.Vertical)
        self.rows_bar.setAccessibleName("Scroll tasks")
        self.time_bar = QScrollBar(Qt.Orientation.Horizontal)
        self.time_bar.setAccessibleName("Scroll through time")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.canvas, 0, 0)
        layout.addWidget(self.rows_bar, 0, 1)
        layout.addWidget(self.time_bar, 1, 0)
        mirror = table.verticalScrollBar()
        mirror.rangeChanged.connect(self._on_mirror_range_changed)
        mirror.valueChanged.connect(self.rows_bar.setValue)
        self.rows_bar.valueChanged.connect(mirror.setValue)
        table.rows_moved.connect(self._on_table_rows_moved)
        self.canvas.mouse.scroll_by.connect(self._on_canvas_scroll_by)
        self.canvas.span_changed.connect(self._sync_time_bar)
        self.time_bar.valueChanged.connect(self._on_time_bar_value_changed)
        self._syncing = False

    def _on_mirror_range_changed(self, low: int, high: int) -> None:
        self.rows_bar.setRange(low, high)
        self.rows_bar.setPageStep(self.table.verticalScrollBar().pageStep())
        self.rows_bar.setSingleStep(self.table.row_px)

    def _on_table_rows_moved(self, row_px: int, scroll: int, top: int, height: int) -> None:
        # The canvas starts where the table does (same splitter row), so the table's
        # viewport top is the height of the chart's date band.
        self.canvas.set_rows_geometry(row_px, scroll, top, height)

    def _on_canvas_scroll_by(self, pixels: int) -> None:
        bar = self.table.verticalScrollBar()
        bar.setValue(bar.value() + pixels)

    # -- time ------------------------------------------------------------------------------
    def _origin(self) -> dt.datetime | None:
        plan = self.canvas.plan
        return plan.start - _MARGIN if plan is not None and plan.start else None

    def _sync_time_bar(self) -> None:
        plan, origin = self.canvas.plan, self._origin()
        if plan is None or origin is None or plan.finish is None:
            self.time_bar.setRange(0, 0)
            return
        w = self.canvas.span_view
        total = w.x_of(plan.finish + _MARGIN) - w.x_of(origin)
        self._syncing = True
        self.time_bar.setRange(0, max(int(total - w.width_px), 0))
        self.time_bar.setPageStep(max(w.width_px, 1))
        self.time_bar.setSingleStep(max(w.width_px // 10, 1))
        self.time_bar.setValue(int(w.x_of(w.left) - w.x_of(origin)))
        self._syncing = False

    def _on_time_bar_value_changed(self, value: int) -> None:
        origin = self._origin()
        if self._syncing or origin is None:
            return
        w = self.canvas.span_view
        self.canvas.span_view.left = origin + dt.timedelta(days=value / w.day_px)
        self.canvas.request_redraw()
