"""The mouse on the chart: wheel to scroll (Ctrl: zoom, Shift: pan), click a bar to
select its row, drag a bar's right end to change its duration or the bar itself to set
a start-no-earlier-than, drag the background to pan, hover a bar for its tooltip.

Hit testing is done here from the rows and the chart's time window (the same numbers
the drawing used), so it costs nothing per bar and never waits for a redraw. While a
bar is dragged only an outline is painted over the last drawing; the edit is made (and
the chart redrawn from the new schedule) when the button is released.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QToolTip

from app.charts.gantt_plan import GanttRow
from ui.plan.chart_window import ZOOM_STEP

END_GRIP_PX = 6  # how near a bar's right end the pointer changes its duration
DRAG_START_PX = 4  # movement below this is a click


@dataclass
class BarDrag:
    """A bar being dragged: its row, "move" or "finish", and the pointer's travel."""

    row: int
    mode: str
    x0: float
    dx: float = 0.0


def snapped(window_day_px: float, days: float) -> dt.timedelta:
    """A dragged distance rounded to what the zoom can show: hours when a day is wide,
    whole days otherwise."""
    if window_day_px >= 96:
        return dt.timedelta(hours=round(days * 24))
    return dt.timedelta(days=round(days))


class BarMouse(QObject):
    """Mouse handling for a :class:`~ui.plan.gantt_canvas.GanttCanvas`.

    ``row_clicked(row, modifiers)``, ``bar_dragged(row, mode, moment)`` (mode "move":
    the new start; "finish": the new finish), ``scroll_by(pixels)``.
    """

    row_clicked = Signal(int, object)
    bar_dragged = Signal(int, str, object)
    scroll_by = Signal(int)

    def __init__(self, canvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.drag: BarDrag | None = None
        self._pan_from: float | None = None
        self._press: QPoint | None = None
        self.describe = lambda _row: ""  # tooltip text of a row, set by the view

    # -- hit testing -----------------------------------------------------------------------
    def hit(self, x: float, y: float) -> tuple[int, str] | None:
        """(row, "finish" | "move") of the bar under a canvas pixel, else None."""
        plan = self.canvas.plan
        y_axes = y - self.canvas.header_px
        if plan is None or y_axes < 0:
            return None
        w = self.canvas.span_view
        row = w.row_at(y_axes)
        if not 0 <= row < len(plan.rows):
            return None
        if abs((y_axes + w.scroll_px) - (row + 0.5) * w.row_px) > w.row_px * 0.4:
            return None
        bar = plan.rows[row]
        left, right = w.x_of(bar.start), w.x_of(bar.finish)
        if bar.milestone or right - left < 2:
            left, right = left - 6, left + 6
        if not left - 2 <= x <= right + END_GRIP_PX:
            return None
        if _resizable(bar) and x >= right - END_GRIP_PX:
            return row, "finish"
        return row, "move"

    # -- events (called by the canvas) -----------------------------------------------------
    def wheel(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        steps = (delta.y() or delta.x()) / 120
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier:
            self.canvas.zoom(ZOOM_STEP**steps, event.position().x())
        elif mods & Qt.KeyboardModifier.ShiftModifier or (delta.x() and not delta.y()):
            self.canvas.pan(-steps * self.canvas.width() / 8)
        else:
            self.scroll_by.emit(int(-steps * 3 * self.canvas.span_view.row_px))
        event.accept()

    def press(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position()
        self._press = pos.toPoint()
        found = self.hit(pos.x(), pos.y())
        if found is None:
            self._pan_from = pos.x()
            self.canvas.setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        row, mode = found
        self.row_clicked.emit(row, event.modifiers())
        if not self.canvas.plan.rows[row].summary:
            self.drag = BarDrag(row, mode, pos.x())

    def move(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._pan_from is not None:
            self.canvas.pan(self._pan_from - pos.x())
            self._pan_from = pos.x()
            return
        if self.drag is not None:
            self.drag.dx = pos.x() - self.drag.x0
            self.canvas.update()
            return
        found = self.hit(pos.x(), pos.y())
        shape = Qt.CursorShape.ArrowCursor
        if found is not None:
            shape = (
                Qt.CursorShape.SizeHorCursor
                if found[1] == "finish"
                else (Qt.CursorShape.OpenHandCursor)
            )
            text = self.describe(found[0])
            if text:
                QToolTip.showText(event.globalPosition().toPoint(), text, self.canvas)
        else:
            QToolTip.hideText()
        self.canvas.setCursor(shape)

    def release(self, event: QMouseEvent) -> None:
        drag, self.drag = self.drag, None
        self._pan_from = None
        self.canvas.unsetCursor()
        if drag is None or abs(drag.dx) < DRAG_START_PX:
            self.canvas.update()
            return
        w = self.canvas.span_view
        shift = snapped(w.day_px, drag.dx / w.day_px)
        bar = self.canvas.plan.rows[drag.row]
        if shift:
            when = (bar.finish if drag.mode == "finish" else bar.start) + shift
            self.bar_dragged.emit(drag.row, drag.mode, when)
        self.canvas.update()

    def paint_ghost(self, painter: QPainter) -> None:
        """The outline of the dragged bar where it would go."""
        drag, plan = self.drag, self.canvas.plan
        if drag is None or plan is None or abs(drag.dx) < DRAG_START_PX:
            return
        w = self.canvas.span_view
        bar = plan.rows[drag.row]
        left, right = w.x_of(bar.start), w.x_of(bar.finish)
        if drag.mode == "move":
            left += drag.dx
        right += drag.dx
        top = self.canvas.header_px + (drag.row + 0.15) * w.row_px - w.scroll_px
        pen = QPen(QColor(self.canvas.palette().highlight().color()), 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRect(QRectF(left, top, max(right - left, 2), w.row_px * 0.7))


def _resizable(bar: GanttRow) -> bool:
    return not (bar.summary or bar.milestone)
