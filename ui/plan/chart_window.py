"""What part of a plan the chart shows: rows by pixel (following the table) and a
stretch of time (zoom and pan). Qt-free arithmetic, so it is tested on its own.

Row ``i`` is drawn centred on ``y = i``. The table draws row ``i`` from pixel
``i * row_px - scroll_px`` down to the next row, so the chart's y-limits put ``y = i``
at that row's centre: rows line up to the pixel whatever the scroll position.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

MIN_DAY_PX = 0.5  # about two years across a wide window
MAX_DAY_PX = 2400.0  # an hour is 100 px
ZOOM_STEP = 1.25


@dataclass
class ChartWindow:
    """The chart's visible rows (from the table's scroll position and row height) and
    time span (``left`` plus ``width_px`` at ``day_px`` pixels per day)."""

    row_px: int = 24
    scroll_px: int = 0
    height_px: int = 400
    width_px: int = 600
    day_px: float = 24.0
    left: dt.datetime = dt.datetime(2026, 1, 1)

    # -- rows ------------------------------------------------------------------------------
    def y_limits(self) -> tuple[float, float]:
        """(bottom, top) of the axes in row units (top < bottom: rows go down)."""
        top = self.scroll_px / self.row_px - 0.5
        return top + self.height_px / self.row_px, top

    def visible_rows(self, count: int) -> tuple[int, int]:
        """First and last row (inclusive) with a pixel on screen, clipped to ``count``."""
        first = max(0, self.scroll_px // self.row_px)
        last = min(count - 1, (self.scroll_px + self.height_px) // self.row_px)
        return first, last

    def row_at(self, y_px: float) -> int:
        """The row under a pixel row of the axes (may be past the last row)."""
        return math.floor((self.scroll_px + y_px) / self.row_px)

    # -- time ------------------------------------------------------------------------------
    @property
    def right(self) -> dt.datetime:
        return self.left + dt.timedelta(days=self.width_px / self.day_px)

    def span(self) -> tuple[dt.datetime, dt.datetime]:
        return self.left, self.right

    def at(self, x_px: float) -> dt.datetime:
        """The moment under a pixel column of the axes."""
        return self.left + dt.timedelta(days=x_px / self.day_px)

    def x_of(self, when: dt.datetime) -> float:
        return (when - self.left).total_seconds() / 86400 * self.day_px

    def zoom(self, factor: float, anchor_px: float | None = None) -> None:
        """Zoom by ``factor`` (> 1: in) keeping the moment under ``anchor_px`` in place."""
        anchor_px = self.width_px / 2 if anchor_px is None else anchor_px
        moment = self.at(anchor_px)
        self.day_px = min(MAX_DAY_PX, max(MIN_DAY_PX, self.day_px * factor))
        self.left = moment - dt.timedelta(days=anchor_px / self.day_px)

    def pan(self, dx_px: float) -> None:
        """Move the time span by ``dx_px`` pixels (positive: later)."""
        self.left += dt.timedelta(days=dx_px / self.day_px)

    def fit(self, start: dt.datetime, finish: dt.datetime, margin: float = 0.04) -> None:
        """Show ``start``..``finish`` across the width, with a small margin each side."""
        days = max((finish - start).total_seconds() / 86400, 1.0)
        usable = max(self.width_px * (1 - 2 * margin), 50)
        self.day_px = min(MAX_DAY_PX, max(MIN_DAY_PX, usable / days))
        self.left = start - dt.timedelta(days=self.width_px * margin / self.day_px)
