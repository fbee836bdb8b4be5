"""The painted timeline: one widget scrolls and paints every lane and bar (no widget
per item), picks the bar under the mouse, and drags bars to move or resize them.

While a bar is dragged, ``check_move`` (set by the view) says which conflicts the new
window would create; the ghost turns to the conflict colour and a tip says the first
sentence, before the button is let go. Letting go emits ``move_requested``. Freeze and
blackout bands drag the same way (by their shading or their name in the strip); an
occurrence of a repeated window moves the whole series, and the tip says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, QRect, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from app.dates_text import moment
from ui import theme
from ui.calendar.bars import MARKS, Bar
from ui.calendar.timeline_layout import HEADER_H, LABEL_W, Placed, TimelineLayout
from ui.calendar.timeline_paint import Marks, TimelinePainter

EDGE = 6  # pixels either side of a bar's end that grab the end (a resize)
STEP_HOURS = {"week": 1, "month": 24, "quarter": 24}  # a drag moves in steps of so long


class TimelineCanvas(QAbstractScrollArea):
    """The timeline: ``set_layout`` shows a laid-out range; signals report the user."""

    item_clicked = Signal(str)  # bar key ("" = empty space)
    item_activated = Signal(str)  # double-click: edit it
    move_requested = Signal(object, object, object)  # Bar, new local start, new end
    menu_requested = Signal(str, object)  # bar key, global position
    delete_requested = Signal(str)  # bar key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarTimeline")
        self.viewport().setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.layout_ = TimelineLayout(dt.datetime(2000, 1, 1), 0, 38.0, False)
        self.marks = Marks()
        self.zoom = "month"
        self.check_move: Callable[[Bar], list[str]] = lambda _bar: []
        self._drag: tuple[Placed, str, float] | None = None  # item, "move"/"start"/"end", x0
        self._moved: Bar | None = None

    # -- content -------------------------------------------------------------------------
    def set_layout(self, lay: TimelineLayout, zoom: str) -> None:
        self.layout_, self.zoom = lay, zoom
        self._update_scrollbars()
        self.viewport().update()

    def set_marks(
        self,
        *,
        conflicted: set[str] | None = None,
        selected: set[str] | None = None,
        today: dt.datetime | None = None,
    ) -> None:
        if conflicted is not None:
            self.marks.conflicted = conflicted
        if selected is not None:
            self.marks.selected = selected
        if today is not None:
            self.marks.today = today
        self.viewport().update()

    def _update_scrollbars(self) -> None:
        size = self.viewport().size()
        lay = self.layout_
        self.horizontalScrollBar().setRange(0, max(0, lay.width - size.width()))
        self.horizontalScrollBar().setPageStep(size.width())
        self.horizontalScrollBar().setSingleStep(max(8, int(lay.px_per_day)))
        self.verticalScrollBar().setRange(0, max(0, lay.height - size.height()))
        self.verticalScrollBar().setPageStep(size.height())
        self.verticalScrollBar().setSingleStep(26)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_scrollbars()

    def scroll_to_time(self, when: dt.datetime, fraction: float = 0.15) -> None:
        """Scroll so that ``when`` (local) shows ``fraction`` of the way across."""
        visible = self.viewport().width() - LABEL_W
        x = self.layout_.x_of(when) - LABEL_W - visible * fraction
        self.horizontalScrollBar().setValue(int(x))

    def scroll_to(self, key: str) -> None:
        """Bring a bar into view (its start a little from the left, its lane visible)."""
        item = self.layout_.index.get(key)
        if item is None:
            return
        self.scroll_to_time(item.bar.start, 0.25)
        if item.lane >= 0:
            lane = self.layout_.lanes[item.lane]
            bar_y = lane.top + 6 + max(item.row, 0) * 26
            height = self.viewport().height()
            bar_y_view = bar_y - self.verticalScrollBar().value()
            if bar_y_view < HEADER_H or bar_y_view > height - 40:
                self.verticalScrollBar().setValue(bar_y - HEADER_H - 40)

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self.viewport())
        try:
            painter = TimelinePainter(theme.colours(), self.font())
            size = self.viewport().size()
            painter.paint(
                p,
                self.layout_,
                self.marks,
                self.horizontalScrollBar().value(),
                self.verticalScrollBar().value(),
                size.width(),
                size.height(),
            )
        finally:
            p.end()

    # -- picking -------------------------------------------------------------------------
    def content_point(self, pos: QPoint | QPointF) -> QPointF:
        return QPointF(
            pos.x() + self.horizontalScrollBar().value(), pos.y() + self.verticalScrollBar().value()
        )

    def item_at(self, pos: QPoint | QPointF) -> tuple[Placed | None, str]:
        """The bar under a viewport point and the part grabbed: "move", "start", "end"."""
        if pos.x() < LABEL_W or pos.y() < HEADER_H:
            return None, ""
        point = self.content_point(pos)
        for item in reversed(self.layout_.placed):
            x, y, w, h = self.layout_.bar_rect(item)
            if item.bar.kind in MARKS:
                w = max(w, 16)
            if x - EDGE <= point.x() <= x + w + EDGE and y <= point.y() <= y + h:
                if item.bar.kind not in MARKS and w > 3 * EDGE:
                    if abs(point.x() - x) <= EDGE:
                        return item, "start"
                    if abs(point.x() - (x + w)) <= EDGE:
                        return item, "end"
                return item, "move"
        return None, ""

    def grab_at(self, pos: QPoint | QPointF) -> tuple[Placed | None, str]:
        """What a press at ``pos`` would drag: a bar, else a band, and the part grabbed."""
        item, part = self.item_at(pos)
        if item is not None:
            return item, part
        band = self.band_at(pos)
        if band is None:
            return None, ""
        x = self.content_point(pos).x()
        if band.x1 - band.x0 > 3 * EDGE:
            if abs(x - band.x0) <= EDGE:
                return band, "start"
            if abs(x - band.x1) <= EDGE:
                return band, "end"
        return band, "move"

    def band_at(self, pos: QPoint | QPointF) -> Placed | None:
        """The freeze, blackout or holiday band under a viewport point (its name strip
        or its shading)."""
        point = self.content_point(QPointF(pos.x(), pos.y()))
        for band in self.layout_.bands:
            if band.x0 <= point.x() <= max(band.x1, band.x0 + 3):
                if pos.y() < HEADER_H or band.lane < 0:
                    return band
                lane = self.layout_.lanes[band.lane]
                if lane.top <= point.y() <= lane.top + lane.height:
                    return band
        return None

    # -- mouse ---------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        item, part = self.grab_at(event.position())
        self.item_clicked.emit(item.bar.key if item is not None else "")
        if item is None:
            return None
        if item.bar.movable:
            self._drag = (item, part, self.content_point(event.position()).x())
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._drag is None:
            item, part = self.grab_at(pos)
            movable = item is not None and item.bar.movable
            shape = Qt.CursorShape.ArrowCursor
            if movable:
                shape = (
                    Qt.CursorShape.SizeHorCursor
                    if part != "move"
                    else Qt.CursorShape.OpenHandCursor
                )
            self.viewport().setCursor(shape)
            return
        item, part, x0 = self._drag
        delta = self._snap(self.content_point(pos).x() - x0)
        bar = item.bar
        start, end = bar.start, bar.end
        if part in ("move", "start"):
            start = start + delta
        if part in ("move", "end"):
            end = end + delta
        if end <= start:
            return
        self._moved = bar.moved(start, end)
        clashes = self.check_move(self._moved) if delta else []
        lay = self.layout_
        self.marks.ghost = (bar.key, lay.x_of(start), lay.x_of(end))
        self.marks.ghost_clashes = bool(clashes)
        self.viewport().update()
        tip = clashes[0] if clashes else f"{moment(start)} – {moment(end)}"
        if len(clashes) > 1:
            tip += f"\n(and {len(clashes) - 1} more)"
        if bar.recurring:
            tip += "\n(moves every occurrence)"
        self.setToolTip(tip)
        QToolTip.showText(self.viewport().mapToGlobal(pos.toPoint()), tip, self.viewport())

    def _snap(self, dx: float) -> dt.timedelta:
        hours = dx / self.layout_.px_per_day * 24
        step = STEP_HOURS.get(self.zoom, 24)
        return dt.timedelta(hours=round(hours / step) * step)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, moved = self._drag, self._moved
        self._drag, self._moved = None, None
        self.marks.ghost = None
        self.marks.ghost_clashes = False
        self.viewport().update()
        QToolTip.hideText()
        self.setToolTip("")
        if drag is None or moved is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if (moved.start, moved.end) != (drag[0].bar.start, drag[0].bar.end):
            self.move_requested.emit(drag[0].bar, moved.start, moved.end)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item, _part = self.item_at(event.position())
        band = None if item is not None else self.band_at(event.position())
        chosen = item or band
        if chosen is not None:
            self.item_activated.emit(chosen.bar.key)

    def keyPressEvent(self, event) -> None:
        """Keys for the selected item: Ctrl+←/→ move it a step, Ctrl+Shift+←/→ move its
        end, Enter edits it, Delete deletes it (a booking or window)."""
        keys = self.marks.selected
        item = self.layout_.index.get(next(iter(keys))) if len(keys) == 1 else None
        key = event.key()
        if item is None:
            return super().keyPressEvent(event)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.item_activated.emit(item.bar.key)
        elif key == Qt.Key.Key_Delete:
            self.delete_requested.emit(item.bar.key)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            if not item.bar.movable:
                return None
            step = dt.timedelta(hours=STEP_HOURS.get(self.zoom, 24))
            step = step if key == Qt.Key.Key_Right else -step
            bar = item.bar
            start = (
                bar.start
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                else bar.start + step
            )
            if bar.end + step > start:
                self.move_requested.emit(bar, start, bar.end + step)
        else:
            return super().keyPressEvent(event)
        return None

    def contextMenuEvent(self, event) -> None:
        pos = self.viewport().mapFrom(self, event.pos())
        item, _part = self.item_at(pos)
        chosen = item or self.band_at(pos)
        if chosen is not None:
            self.item_clicked.emit(chosen.bar.key)
            self.menu_requested.emit(chosen.bar.key, event.globalPos())

    def viewportEvent(self, e) -> bool:
        if e.type() == e.Type.ToolTip and self._drag is None:
            item, _part = self.item_at(e.pos())
            chosen = item or self.band_at(e.pos())
            if chosen is None:
                QToolTip.hideText()
                return True
            QToolTip.showText(e.globalPos(), self.describe(chosen.bar), self.viewport(), QRect())
            return True
        return super().viewportEvent(e)

    def describe(self, bar: Bar) -> str:
        """The tooltip of a bar: what, when, where, and its conflicts."""
        lines = [bar.title, f"{moment(bar.start)} – {moment(bar.end)}"]
        where = " · ".join(x for x in (bar.domain_name, bar.environment_name) if x)
        if where:
            lines.append(where)
        if bar.recurring:
            lines.append("Repeats (a drag moves every occurrence)")
        lines.extend(self.describe_conflicts(bar.key))
        return "\n".join(lines)

    describe_conflicts: Callable[[str], list[str]] = staticmethod(lambda _key: [])
