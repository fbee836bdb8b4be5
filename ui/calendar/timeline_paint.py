"""Painting the timeline: bands, lanes, bars, marks, the today line, the time axis and
the lane names. Only what lies in the exposed rectangle is drawn, so a frame costs what
is on screen, not what is loaded.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen, QPolygonF

from app.dates_text import day_month
from ui.calendar.bars import (
    BLACKOUT,
    BOOKING,
    DEADLINE,
    DEPLOYMENT,
    FREEZE,
    HOLIDAY,
    MARKS,
    PRODUCTION,
)
from ui.calendar.timeline_layout import CHAR_W, HEADER_H, LABEL_W, STRIP_TOP, TimelineLayout
from ui.theme import Colours

FREEZE_COLOUR = "#d14343"
BLACKOUT_COLOUR = "#5b6170"
HOLIDAY_COLOUR = "#2f9e60"
CONFLICT_COLOUR = "#e5484d"


@dataclass
class Marks:
    """What the painter marks on top of the layout."""

    conflicted: set[str] = field(default_factory=set)
    selected: set[str] = field(default_factory=set)
    today: dt.datetime | None = None
    ghost: tuple[str, float, float] | None = None  # dragged key, x0, x1
    ghost_clashes: bool = False


def band_colour(kind: str) -> str:
    return {FREEZE: FREEZE_COLOUR, BLACKOUT: BLACKOUT_COLOUR}.get(kind, HOLIDAY_COLOUR)


class TimelinePainter:
    """Paints a :class:`TimelineLayout` scrolled by ``(dx, dy)`` into a viewport."""

    def __init__(self, c: Colours, font: QFont) -> None:
        self.c = c
        self.font = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.small = QFont(font)
        self.small.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        self.fm = QFontMetrics(self.font)
        self._view_left = 0.0

    def paint(
        self, p: QPainter, lay: TimelineLayout, marks: Marks, dx: int, dy: int, w: int, h: int
    ) -> None:
        c = self.c
        p.fillRect(0, 0, w, h, QColor(c.surface))
        view = QRectF(dx + LABEL_W, dy + HEADER_H, w - LABEL_W, h - HEADER_H)
        p.save()
        p.setClipRect(LABEL_W, HEADER_H, w - LABEL_W, h - HEADER_H)
        p.translate(-dx, -dy)
        self._days(p, lay, view)
        self._lanes(p, lay, view)
        self._bands(p, lay, marks, view)
        self._bars(p, lay, marks, view)
        self._today(p, lay, marks, view)
        p.restore()
        self._axis(p, lay, marks, dx, w)
        self._names(p, lay, dy, h)
        p.fillRect(0, 0, LABEL_W, HEADER_H, QColor(c.surface_alt))
        p.setPen(QColor(c.border))
        p.drawLine(LABEL_W, 0, LABEL_W, h)
        p.drawLine(0, HEADER_H, w, HEADER_H)

    # -- background ----------------------------------------------------------------------
    def _visible_days(self, lay: TimelineLayout, view: QRectF) -> range:
        first = max(0, int((view.left() - LABEL_W) / lay.px_per_day))
        last = min(lay.days, int((view.right() - LABEL_W) / lay.px_per_day) + 1)
        return range(first, last)

    def _days(self, p: QPainter, lay: TimelineLayout, view: QRectF) -> None:
        weekend = QColor(self.c.surface_alt)
        line = QColor(self.c.border)
        line.setAlpha(110)
        p.setPen(line)
        for i in self._visible_days(lay, view):
            when = lay.origin + dt.timedelta(days=i)
            x = LABEL_W + i * lay.px_per_day
            if when.weekday() >= 5 and lay.px_per_day >= 10:
                p.fillRect(QRectF(x, view.top(), lay.px_per_day, view.height()), weekend)
            if (
                lay.px_per_day >= 30
                or when.day == 1
                or (lay.px_per_day >= 10 and not when.weekday())
            ):
                p.drawLine(QPointF(x, view.top()), QPointF(x, view.bottom()))

    def _lanes(self, p: QPainter, lay: TimelineLayout, view: QRectF) -> None:
        p.setPen(QColor(self.c.border))
        for lane in lay.lanes:
            y = lane.top + lane.height
            if view.top() <= y <= view.bottom() + 1:
                p.drawLine(QPointF(view.left(), y), QPointF(view.right(), y))

    def _bands(self, p: QPainter, lay: TimelineLayout, marks: Marks, view: QRectF) -> None:
        bottom = lay.height
        ghost_key = marks.ghost[0] if marks.ghost else None
        for band in lay.bands:
            if band.bar.key == ghost_key and marks.ghost is not None:
                self._band_ghost(p, lay, band, marks)
            if band.x1 < view.left() or band.x0 > view.right():
                continue
            if band.lane >= 0:
                lane = lay.lanes[band.lane]
                top, height = lane.top, lane.height
            else:
                top, height = HEADER_H, bottom - HEADER_H
            rect = QRectF(band.x0, top, max(band.x1 - band.x0, 2), height)
            colour = QColor(band_colour(band.bar.kind))
            tint = QColor(colour)
            tint.setAlpha(46 if self.c.dark else 26)
            p.fillRect(rect, tint)
            if band.bar.kind in (FREEZE, BLACKOUT):
                hatch = QColor(colour)
                hatch.setAlpha(70 if self.c.dark else 45)
                p.fillRect(rect, QBrush(hatch, Qt.BrushStyle.BDiagPattern))
            edge = QColor(colour)
            edge.setAlpha(150)
            p.setPen(QPen(edge, 1))
            p.drawLine(rect.topLeft(), rect.bottomLeft())
            p.drawLine(rect.topRight(), rect.bottomRight())

    def _band_ghost(self, p: QPainter, lay: TimelineLayout, band, marks: Marks) -> None:
        """Where a dragged band would go: its outline, in the conflict colour if the
        move would clash."""
        assert marks.ghost is not None
        _key, x0, x1 = marks.ghost
        if band.lane >= 0:
            lane = lay.lanes[band.lane]
            top, height = lane.top, lane.height
        else:
            top, height = HEADER_H, lay.height - HEADER_H
        colour = QColor(CONFLICT_COLOUR if marks.ghost_clashes else band_colour(band.bar.kind))
        fill = QColor(colour)
        fill.setAlpha(60)
        rect = QRectF(x0, top, max(x1 - x0, 2), height)
        p.fillRect(rect, fill)
        p.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect)

    # -- items ---------------------------------------------------------------------------
    def _bars(self, p: QPainter, lay: TimelineLayout, marks: Marks, view: QRectF) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setFont(self.font)
        self._view_left = view.left()
        ghost_key = marks.ghost[0] if marks.ghost else None
        for item in lay.visible(view.left(), view.right(), view.top(), view.bottom()):
            x, y, w, h = lay.bar_rect(item)
            if y > view.bottom() or y + h < view.top():
                continue
            bar = item.bar
            rect = QRectF(x, y, w, h)
            conflicted = bar.key in marks.conflicted
            if bar.kind in MARKS:
                if x < view.left():
                    continue  # its name would show cut off without the mark it names
                self._mark(p, bar.kind, bar.colour, bar.title, rect, conflicted)
            else:
                self._bar(p, bar, rect, conflicted, faded=bar.key == ghost_key)
            if bar.key in marks.selected:
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.setPen(QPen(QColor(self.c.accent), 2.5))
                p.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), 6, 6)
            if bar.key == ghost_key and marks.ghost is not None:
                _key, x0, x1 = marks.ghost
                g = QRectF(x0, y, max(x1 - x0, 8), h)
                self._bar(p, bar, g, marks.ghost_clashes, faded=False, ghost=True)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _bar(
        self, p: QPainter, bar, rect: QRectF, conflicted: bool, *, faded: bool, ghost: bool = False
    ) -> None:
        c = self.c
        colour = QColor(bar.colour)
        text = QColor(c.text)
        if bar.kind in (DEPLOYMENT, PRODUCTION):
            fill = QColor(colour)
            text = QColor("#ffffff") if colour.lightnessF() < 0.62 else QColor("#10131a")
            pen = QPen(colour.darker(130), 1)
        elif bar.kind == BOOKING:
            fill = QColor(c.surface_alt)
            pen = QPen(QColor(c.muted), 1.2, Qt.PenStyle.DashLine)
        else:  # a release window
            fill = QColor(colour)
            fill.setAlpha(80 if c.dark else 55)
            pen = QPen(colour, 1.4)
        if bar.done:
            fill.setAlpha(fill.alpha() // 2)
        if faded:
            fill.setAlpha(fill.alpha() // 3)
            text = QColor(c.muted)
        if conflicted:
            pen = QPen(QColor(CONFLICT_COLOUR), 2.4)
            if ghost:
                fill = QColor(CONFLICT_COLOUR)
                fill.setAlpha(120)
                text = QColor(c.text)
        elif ghost:
            pen = QPen(QColor(c.accent), 2, Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setBrush(fill)
        p.drawRoundedRect(rect, 4, 4)
        if bar.kind == BOOKING:
            hatch = QColor(c.muted)
            hatch.setAlpha(60)
            p.fillRect(rect.adjusted(1, 1, -1, -1), QBrush(hatch, Qt.BrushStyle.BDiagPattern))
        left = max(rect.left(), self._view_left)  # the label follows a bar scrolled in
        room = rect.right() - left - 10 - (14 if conflicted else 0)
        if room > 18:
            p.setPen(text)
            label = self.fm.elidedText(bar.title, Qt.TextElideMode.ElideRight, int(room))
            box = QRectF(left + 6, rect.top(), room + 4, rect.height())
            p.drawText(box, Qt.AlignmentFlag.AlignVCenter, label)
        if conflicted:
            self._badge(p, QPointF(rect.right() - 8, rect.center().y()))

    def _badge(self, p: QPainter, at: QPointF) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(CONFLICT_COLOUR))
        p.drawEllipse(at, 6.5, 6.5)
        p.setPen(QColor("#ffffff"))
        p.setFont(self.bold)
        p.drawText(QRectF(at.x() - 6.5, at.y() - 7, 13, 14), Qt.AlignmentFlag.AlignCenter, "!")
        p.setFont(self.font)

    def _mark(
        self, p: QPainter, kind: str, colour: str, title: str, rect: QRectF, conflicted: bool
    ) -> None:
        cx, cy, r = rect.left() + 6, rect.center().y(), 6.5
        if kind == DEADLINE:
            p.setPen(QPen(QColor(self.c.danger), 2))
            p.drawLine(QPointF(cx - 3, cy - r - 1), QPointF(cx - 3, cy + r + 1))
            p.setBrush(QColor(self.c.danger))
            p.setPen(Qt.PenStyle.NoPen)
            p.drawPolygon(
                QPolygonF(
                    [QPointF(cx - 3, cy - r), QPointF(cx + 7, cy - r / 2), QPointF(cx - 3, cy)]
                )
            )
        else:
            p.setBrush(QColor(colour))
            p.setPen(QPen(QColor(self.c.text), 1))
            p.drawPolygon(
                QPolygonF(
                    [
                        QPointF(cx, cy - r),
                        QPointF(cx + r, cy),
                        QPointF(cx, cy + r),
                        QPointF(cx - r, cy),
                    ]
                )
            )
        p.setPen(QColor(self.c.danger_text) if conflicted else QColor(self.c.text))
        label = self.fm.elidedText(title, Qt.TextElideMode.ElideRight, int(CHAR_W * 30))
        p.drawText(QPointF(cx + 11, cy + self.fm.ascent() / 2 - 1), label)

    def _today(self, p: QPainter, lay: TimelineLayout, marks: Marks, view: QRectF) -> None:
        if marks.today is None:
            return
        x = lay.x_of(marks.today)
        if view.left() <= x <= view.right():
            p.setPen(QPen(QColor(self.c.accent), 2))
            p.drawLine(QPointF(x, view.top()), QPointF(x, max(view.bottom(), lay.height)))

    # -- fixed parts ---------------------------------------------------------------------
    def _axis(self, p: QPainter, lay: TimelineLayout, marks: Marks, dx: int, w: int) -> None:
        c = self.c
        p.fillRect(LABEL_W, 0, w - LABEL_W, HEADER_H, QColor(c.surface_alt))
        p.save()
        p.setClipRect(LABEL_W, 0, w - LABEL_W, HEADER_H)
        p.translate(-dx, 0)
        view = QRectF(dx + LABEL_W, 0, w - LABEL_W, HEADER_H)
        days = self._visible_days(lay, view)
        p.setPen(QColor(c.border))
        p.setFont(self.small)
        for i in days:
            when = lay.origin + dt.timedelta(days=i)
            x = LABEL_W + i * lay.px_per_day
            label = self._day_label(when, lay.px_per_day)
            if label:
                p.setPen(QColor(c.muted))
                p.drawText(QRectF(x + 3, 21, 120, 20), Qt.AlignmentFlag.AlignVCenter, label)
            if when.day == 1 or i == days.start:
                p.setPen(QColor(c.border))
                p.drawLine(QPointF(x, 0), QPointF(x, STRIP_TOP))
                self._month_name(p, lay, when, max(x, view.left()) + 6)
        self._strip(p, lay, view)
        if marks.today is not None:
            x = lay.x_of(marks.today)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(c.accent))
            pill = QRectF(x - 22, 23, 44, 16)
            p.drawRoundedRect(pill, 4, 4)
            p.setPen(QColor(c.on_accent))
            p.drawText(pill, Qt.AlignmentFlag.AlignCenter, "Today")
        p.restore()
        p.setFont(self.font)

    def _month_name(self, p: QPainter, lay: TimelineLayout, when: dt.datetime, left: float) -> None:
        """The month's name from ``left``, cut short before the next month begins."""
        following = (when.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        room = lay.x_of(following) - left - 8
        if room < 24:
            return
        p.setFont(self.bold)
        p.setPen(QColor(self.c.text))
        name = f"{calendar.month_name[when.month]} {when.year}"
        text = QFontMetrics(self.bold).elidedText(name, Qt.TextElideMode.ElideRight, int(room))
        p.drawText(QPointF(left, 16), text)
        p.setFont(self.small)

    def _strip(self, p: QPainter, lay: TimelineLayout, view: QRectF) -> None:
        """The bands' names on chips under the axis, so a freeze reads at a glance."""
        p.setFont(self.small)
        fm = QFontMetrics(self.small)
        for band in lay.bands:
            if band.bar.kind == HOLIDAY or band.x1 < view.left() or band.x0 > view.right():
                continue  # holidays tint their lane; the strip names the no-change windows
            rect = QRectF(band.x0, STRIP_TOP, max(band.x1 - band.x0, 3), HEADER_H - STRIP_TOP - 3)
            colour = QColor(band_colour(band.bar.kind))
            fill = QColor(colour)
            fill.setAlpha(200 if band.bar.kind != HOLIDAY else 150)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(fill)
            p.drawRoundedRect(rect, 3, 3)
            visible = rect.intersected(view)
            if visible.width() > 24:
                p.setPen(QColor("#ffffff"))
                text = fm.elidedText(
                    band.bar.title, Qt.TextElideMode.ElideRight, int(visible.width() - 8)
                )
                p.drawText(visible.adjusted(4, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter, text)
        p.setFont(self.font)

    @staticmethod
    def _day_label(when: dt.datetime, px_per_day: float) -> str:
        if px_per_day >= 90:
            return f"{calendar.day_abbr[when.weekday()]} {when.day}"
        if px_per_day >= 22:
            return str(when.day)
        return day_month(when) if when.weekday() == 0 else ""

    def _names(self, p: QPainter, lay: TimelineLayout, dy: int, h: int) -> None:
        c = self.c
        p.fillRect(0, HEADER_H, LABEL_W, h - HEADER_H, QColor(c.surface_alt))
        p.save()
        p.setClipRect(0, HEADER_H, LABEL_W, h - HEADER_H)
        p.translate(0, -dy)
        p.setFont(self.bold)
        fm = QFontMetrics(self.bold)
        for lane in lay.lanes:
            if lane.top + lane.height < dy + HEADER_H or lane.top > dy + h:
                continue
            p.fillRect(QRectF(0, lane.top + 1, 5, lane.height - 1), QColor(lane.colour))
            p.setPen(QColor(c.text))
            name = fm.elidedText(lane.title, Qt.TextElideMode.ElideRight, LABEL_W - 22)
            p.drawText(
                QRectF(14, lane.top + 4, LABEL_W - 18, 20), Qt.AlignmentFlag.AlignVCenter, name
            )
            p.setPen(QColor(c.border))
            p.drawLine(0, lane.top + lane.height, LABEL_W, lane.top + lane.height)
        p.restore()
        p.setFont(self.font)
