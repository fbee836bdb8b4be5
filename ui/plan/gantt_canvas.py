"""The plan view's chart: a matplotlib canvas that draws only what is on screen.

The drawing itself is :func:`app.charts.gantt.draw_gantt` (the same builder as
``releasedesk plan chart`` and the report). This widget decides *what* to draw: the
rows the table shows (its scroll position and row height, so rows line up to the
pixel) and the stretch of time of the current zoom and pan. Requests to redraw are
coalesced: a burst of scroll steps, a resize and a new schedule make one drawing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QSizePolicy

from app.charts.gantt import GanttArtists, draw_gantt
from app.charts.gantt_plan import GanttPlan
from ui.plan.bar_mouse import BarMouse
from ui.plan.chart_theme import chart_theme
from ui.plan.chart_window import ChartWindow


class GanttCanvas(FigureCanvasQTAgg):
    """Draws a :class:`GanttPlan`'s visible rows over the visible span.

    ``drawn`` fires after each drawing (tests and benchmarks wait for it);
    ``span_changed`` after a zoom or pan.
    """

    drawn = Signal()
    span_changed = Signal()

    def __init__(self) -> None:
        super().__init__(Figure(dpi=100))  # sets self.figure
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumWidth(120)
        self.ax = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.span_view = ChartWindow()
        self.plan: GanttPlan | None = None
        self.artists: GanttArtists | None = None
        self.header_px = 28  # the table's header: the date scale sits there
        self.selected: Collection[int] = ()
        self.highlight: Collection[str] = ()  # task ids of the "why" chain
        self.show_baseline = True
        self.draw_count = 0
        self._band: PolyCollection | None = None
        self.setMouseTracking(True)
        self.mouse = BarMouse(self)
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.redraw_now)

    # -- what to show ----------------------------------------------------------------------
    def set_plan(self, plan: GanttPlan | None, *, fit: bool = False) -> None:
        """Show ``plan`` (``fit``: zoom to its whole span)."""
        self.plan = plan
        if fit and plan is not None and plan.start and plan.finish:
            self.span_view.fit(plan.start, plan.finish)
            self.span_changed.emit()
        self.request_redraw()

    def set_rows_geometry(
        self, row_px: int, scroll_px: int, header_px: int, height_px: int
    ) -> None:
        """Follow the table: its row height, scroll position, header and viewport height."""
        w = self.span_view
        new = (row_px, scroll_px, header_px, height_px)
        if new != (w.row_px, w.scroll_px, self.header_px, w.height_px):
            w.row_px, w.scroll_px, w.height_px = max(row_px, 1), scroll_px, max(height_px, 1)
            self.header_px = header_px
            self.request_redraw()

    def set_selected(self, rows: Collection[int]) -> None:
        self.selected = tuple(rows)
        self.request_redraw()

    def set_highlight(self, task_ids: Collection[str]) -> None:
        self.highlight = tuple(task_ids)
        self.request_redraw()

    # -- zoom and pan ----------------------------------------------------------------------
    def zoom(self, factor: float, anchor_px: float | None = None) -> None:
        self.span_view.zoom(factor, anchor_px)
        self.span_changed.emit()
        self.request_redraw()

    def pan(self, dx_px: float) -> None:
        self.span_view.pan(dx_px)
        self.span_changed.emit()
        self.request_redraw()

    def pan_to(self, left: dt.datetime) -> None:
        self.span_view.left = left
        self.span_changed.emit()
        self.request_redraw()

    def fit(self) -> None:
        """Zoom to the whole plan."""
        if self.plan is not None and self.plan.start and self.plan.finish:
            self.span_view.fit(self.plan.start, self.plan.finish)
            self.span_changed.emit()
            self.request_redraw()

    # -- drawing ---------------------------------------------------------------------------
    def request_redraw(self) -> None:
        """Draw once control returns to the event loop (requests in between merge)."""
        self._timer.start()

    def redraw_now(self) -> None:
        """Draw the visible rows and span at once."""
        self._timer.stop()
        self._place_axes()
        ax = self.ax
        self._take_off()
        w = self.span_view
        if self.plan is not None and len(self.plan):
            first, last = w.visible_rows(len(self.plan))
            self.artists = draw_gantt(
                ax,
                self.plan,
                baseline=self.show_baseline,
                highlight=self.highlight,
                rows=(first, last + 1),
                span=w.span(),
                theme=chart_theme(),
            )
            self._draw_selection(first, last)
            ax.set_axis_on()
        else:
            self.artists = None
            ax.set_axis_off()
        bottom, top = w.y_limits()
        ax.set_ylim(bottom, top)
        self.draw()
        self.draw_count += 1
        self.drawn.emit()

    def _take_off(self) -> None:
        """Remove the last drawing's artists (cheaper than clearing the axes, whose
        ticks and spines would be built again)."""
        if self.artists is not None:
            self.artists.remove()
            self.artists = None
        if self._band is not None:
            self._band.remove()
            self._band = None

    def _draw_selection(self, first: int, last: int) -> None:
        """A band behind each selected row on screen, in the table's selection colour."""
        rows = [r for r in self.selected if first <= r <= last]
        if not rows:
            return
        x0, x1 = self.ax.get_xlim()
        band = PolyCollection(
            [((x0, r - 0.5), (x1, r - 0.5), (x1, r + 0.5), (x0, r + 0.5)) for r in rows],
            facecolors=self.palette().highlight().color().name(),
            alpha=0.16,
            linewidths=0,
            zorder=0.5,
        )
        self._band = self.ax.add_collection(band, autolim=False)

    def _place_axes(self) -> None:
        """Axes as high as the table's viewport, right under a band as high as its header."""
        height = max(self.height(), 1)
        w = self.span_view
        self.span_view.width_px = max(self.width(), 1)
        top = min(self.header_px, height - 1) / height
        share = min(w.height_px / height, 1 - top)
        self.ax.set_position((0.0, 1 - top - share, 1.0, share))
        self.figure.set_facecolor(chart_theme().background)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not hasattr(self, "_timer"):  # the base class resizes during its __init__
            return
        self.span_view.width_px = max(self.width(), 1)
        self.request_redraw()

    # -- mouse -----------------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        self.mouse.wheel(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.mouse.press(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.mouse.move(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.mouse.release(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.mouse.drag is not None:
            painter = QPainter(self)
            self.mouse.paint_ghost(painter)
            painter.end()
