"""The month grid: six weeks of days, each listing the items that touch it, like a
wall calendar; freezes, blackouts and holidays tint the days they cover. Painted in one
widget, like the timeline. Dragging an item to another day moves it by as many days:
the day it would land on is outlined (in the conflict colour, with the conflict in a
tip, when the move would clash) before the button is let go."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from app import clock
from app.dates_text import moment
from ui import theme
from ui.calendar.bars import BANDS, HOLIDAY, Bar
from ui.calendar.timeline_paint import CONFLICT_COLOUR, band_colour

HEAD = 26  # the weekday names
CHIP = 18  # one item line in a day


class MonthGrid(QWidget):
    """``set_month`` shows a month of ``bars``; a click on an item emits its key."""

    item_clicked = Signal(str)
    item_activated = Signal(str)
    move_requested = Signal(object, object, object)  # Bar, new local start, new end

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarMonthGrid")
        self.setMinimumSize(560, 420)
        self.month = clock.today().replace(day=1)
        self.bars: list[Bar] = []
        self.conflicted: set[str] = set()
        self.selected: set[str] = set()
        self._hits: list[tuple[QRectF, str]] = []
        self.check_move: Callable[[Bar], list[str]] = lambda _bar: []
        self._drag: tuple[Bar, int] | None = None  # the item, the day it was taken from
        self._target: tuple[int, bool] | None = None  # the day it would land on, clashes

    def set_month(self, month: dt.date, bars: list[Bar]) -> None:
        self.month = month.replace(day=1)
        # A day lists what happens on it first, the windows it lies in after.
        self.bars = sorted(bars, key=lambda b: (b.kind in BANDS, b.end - b.start, b.start))
        self.update()

    def first_day(self) -> dt.date:
        return self.month - dt.timedelta(days=self.month.weekday())

    def _cell(self, i: int) -> QRectF:
        w = self.width() / 7
        h = (self.height() - HEAD) / 6
        return QRectF((i % 7) * w, HEAD + (i // 7) * h, w, h)

    def cell_at(self, pos: QPointF) -> int:
        """The index (0-41) of the day under ``pos``, or -1 above the days."""
        if pos.y() < HEAD:
            return -1
        col = min(6, max(0, int(pos.x() / (self.width() / 7))))
        row = min(5, max(0, int((pos.y() - HEAD) / ((self.height() - HEAD) / 6))))
        return row * 7 + col

    def paintEvent(self, _event: QPaintEvent) -> None:
        c = theme.colours()
        p = QPainter(self)
        try:
            self._paint(p, c)
        finally:
            p.end()

    def _paint(self, p: QPainter, c: theme.Colours) -> None:
        p.fillRect(self.rect(), QColor(c.surface))
        fm = QFontMetrics(self.font())
        w = self.width() / 7
        p.setPen(QColor(c.muted))
        for i in range(7):
            p.drawText(
                QRectF(i * w, 0, w, HEAD), Qt.AlignmentFlag.AlignCenter, calendar.day_name[i]
            )
        first = self.first_day()
        today = clock.today()
        self._hits = []
        by_day = self._by_day(first)
        for i in range(42):
            day = first + dt.timedelta(days=i)
            cell = self._cell(i)
            inside = day.month == self.month.month
            p.fillRect(cell, QColor(c.surface if inside else c.surface_alt))
            bands = [b for b in by_day[i] if b.kind in BANDS]
            for band in bands[:1]:
                tint = QColor(band_colour(band.kind))
                tint.setAlpha(40 if c.dark else 24)
                p.fillRect(cell, tint)
                if band.kind != HOLIDAY:
                    tint.setAlpha(60)
                    p.fillRect(cell, QBrush(tint, Qt.BrushStyle.BDiagPattern))
            p.setPen(QColor(c.border))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(cell)
            if day == today:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(c.accent))
                p.drawEllipse(QPointF(cell.left() + 14, cell.top() + 12), 10, 10)
                p.setPen(QColor(c.on_accent))
            else:
                p.setPen(QColor(c.text if inside else c.muted))
            p.drawText(
                QRectF(cell.left() + 4, cell.top() + 2, 20, 20),
                Qt.AlignmentFlag.AlignCenter,
                str(day.day),
            )
            y = cell.top() + 24
            if bands:
                p.setPen(QColor(band_colour(bands[0].kind)))
                text = fm.elidedText(
                    bands[0].title, Qt.TextElideMode.ElideRight, int(cell.width() - 30)
                )
                p.drawText(
                    QRectF(cell.left() + 28, cell.top() + 2, cell.width() - 30, 20),
                    Qt.AlignmentFlag.AlignVCenter,
                    text,
                )
            items = [b for b in by_day[i] if b.kind not in BANDS]
            room = int((cell.bottom() - y - 2) // CHIP)
            shown = items if len(items) <= room else items[: max(room - 1, 0)]
            for bar in shown:
                self._chip(p, c, fm, bar, QRectF(cell.left() + 3, y, cell.width() - 6, CHIP - 2))
                y += CHIP
            if len(shown) < len(items):
                p.setPen(QColor(c.muted))
                p.drawText(
                    QRectF(cell.left() + 6, y, cell.width() - 8, CHIP - 2),
                    Qt.AlignmentFlag.AlignVCenter,
                    f"+{len(items) - len(shown)} more",
                )
        if self._target is not None:
            index, clashes = self._target
            p.setPen(QPen(QColor(CONFLICT_COLOUR if clashes else c.accent), 2.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self._cell(index).adjusted(2, 2, -2, -2))

    def _by_day(self, first: dt.date) -> list[list[Bar]]:
        days: list[list[Bar]] = [[] for _ in range(42)]
        origin = dt.datetime.combine(first, dt.time())
        for bar in self.bars:
            a = max(0, (bar.start - origin).days)
            b = min(41, ((bar.end - dt.timedelta(seconds=1)) - origin).days)
            for i in range(a, b + 1):
                days[i].append(bar)
        return days

    def _chip(self, p: QPainter, c: theme.Colours, fm: QFontMetrics, bar: Bar, r: QRectF) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        fill = QColor(bar.colour)
        fill.setAlpha(70 if c.dark else 45)
        conflicted = bar.key in self.conflicted
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(fill)
        p.drawRoundedRect(r, 3, 3)
        p.setBrush(QColor(CONFLICT_COLOUR if conflicted else bar.colour))
        p.drawRoundedRect(QRectF(r.left(), r.top(), 4, r.height()), 2, 2)
        if bar.key in self.selected:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QColor(c.accent))
            p.drawRoundedRect(r, 3, 3)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setPen(QColor(c.danger_text if conflicted else c.text))
        label = ("! " if conflicted else "") + bar.title
        text = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(r.width() - 10))
        p.drawText(r.adjusted(7, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter, text)
        self._hits.append((r, bar.key))

    def key_at(self, pos: QPointF) -> str:
        return next((key for rect, key in self._hits if rect.contains(pos)), "")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        key = self.key_at(event.position())
        self.item_clicked.emit(key)
        bar = next((b for b in self.bars if b.key == key), None) if key else None
        if event.button() == Qt.MouseButton.LeftButton and bar is not None and bar.movable:
            self._drag = (bar, self.cell_at(event.position()))

    def _moved(self, pos: QPointF) -> tuple[Bar, int] | None:
        """The dragged bar moved to the day under ``pos``, and that day's index."""
        if self._drag is None:
            return None
        bar, taken = self._drag
        index = self.cell_at(pos)
        if index < 0 or index == taken:
            return None
        days = dt.timedelta(days=index - taken)
        return bar.moved(bar.start + days, bar.end + days), index

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is None:
            return
        moved = self._moved(event.position())
        self._target = None
        tip = ""
        if moved is not None:
            bar, index = moved
            clashes = self.check_move(bar)
            self._target = (index, bool(clashes))
            tip = clashes[0] if clashes else f"{moment(bar.start)} – {moment(bar.end)}"
            QToolTip.showText(event.globalPosition().toPoint(), tip, self)
        self.setToolTip(tip)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        moved = self._moved(event.position())
        self._drag, self._target = None, None
        self.setToolTip("")
        QToolTip.hideText()
        self.update()
        if moved is not None and event.button() == Qt.MouseButton.LeftButton:
            bar = moved[0]
            was = next(b for b in self.bars if b.key == bar.key)
            self.move_requested.emit(was, bar.start, bar.end)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        key = self.key_at(event.position())
        if key:
            self.item_activated.emit(key)
