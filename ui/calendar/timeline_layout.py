"""Where each bar of the timeline goes: lanes, rows inside a lane, x from time.

Pure arithmetic, no painting (the painter and the hit tests share it, and the
benchmark times it): one lane per domain (or per environment); inside a lane, bars
that overlap in time take separate rows (greedy packing, sorted once); bands (freezes,
blackouts, holidays) lie behind the lane they apply to, or behind every lane.
"""

from __future__ import annotations

import datetime as dt
import uuid
from bisect import bisect_left
from dataclasses import dataclass, field

from ui.calendar.bars import BANDS, BOOKING, MARKS, NO_DOMAIN, NO_ENVIRONMENT, Bar

ZOOMS = {"week": 150.0, "month": 38.0, "quarter": 13.0}
"""Pixels per day at each zoom."""
ROW_H = 26  # one row of bars in a lane
LANE_PAD = 6  # space above and below a lane's rows
HEADER_H = 66  # the time axis (months, then days or weeks) and the strip naming bands
STRIP_TOP = 43  # where that strip starts
LABEL_W = 168  # the lane names on the left
MIN_BAR_W = 8  # a two-hour deployment stays a visible, grabbable pill
CHAR_W = 7.0  # about how wide a character of a mark's name is (its label's room)
MARK_ROOM = 24 + CHAR_W * 30  # a mark's name after it, at most


@dataclass
class Lane:
    """One horizontal lane: its key (a domain or environment id, or None), its name."""

    key: uuid.UUID | None
    title: str
    colour: str
    top: int = 0
    rows: int = 1

    @property
    def height(self) -> int:
        return self.rows * ROW_H + 2 * LANE_PAD


@dataclass
class Placed:
    """A bar with its lane index and row inside the lane (bands: row -1, lane -1 = all)."""

    bar: Bar
    lane: int
    row: int
    x0: float = 0.0
    x1: float = 0.0
    y: float = 0.0


@dataclass
class TimelineLayout:
    """The laid-out timeline for one range, zoom and lane mode."""

    origin: dt.datetime  # local midnight of the first day shown
    days: int
    px_per_day: float
    by_environment: bool
    lanes: list[Lane] = field(default_factory=list)
    placed: list[Placed] = field(default_factory=list)
    bands: list[Placed] = field(default_factory=list)
    index: dict[str, Placed] = field(default_factory=dict)
    by_lane: list[list[Placed]] = field(default_factory=list)  # each by x0
    lane_x0: list[list[float]] = field(default_factory=list)
    widest: list[float] = field(default_factory=list)  # the widest bar of each lane

    def visible(self, left: float, right: float, top: float, bottom: float) -> list[Placed]:
        """The placed bars that may show in the content rectangle given (a bisection
        per lane in view, so a frame reads what it paints, not all that is loaded)."""
        out: list[Placed] = []
        for i, lane in enumerate(self.lanes):
            if lane.top > bottom or lane.top + lane.height < top:
                continue
            xs = self.lane_x0[i]
            lo = bisect_left(xs, left - self.widest[i] - MARK_ROOM)
            hi = bisect_left(xs, right + 1)
            out.extend(self.by_lane[i][lo:hi])
        return out

    @property
    def width(self) -> int:
        return LABEL_W + int(self.days * self.px_per_day)

    @property
    def height(self) -> int:
        return HEADER_H + sum(lane.height for lane in self.lanes)

    def x_of(self, when: dt.datetime) -> float:
        """The x (in content coordinates) of a local wall-clock time."""
        return LABEL_W + (when - self.origin).total_seconds() / 86400.0 * self.px_per_day

    def time_at(self, x: float) -> dt.datetime:
        """The local wall-clock time at content x."""
        return self.origin + dt.timedelta(days=(x - LABEL_W) / self.px_per_day)

    def bar_rect(self, item: Placed) -> tuple[float, float, float, float]:
        """``(x, y, w, h)`` of a placed bar in content coordinates."""
        return item.x0, item.y, max(item.x1 - item.x0, MIN_BAR_W), ROW_H - 4


def lane_of(bar: Bar, by_environment: bool) -> tuple[uuid.UUID | None, str, str]:
    """The lane a bar belongs in: ``(key, title, colour)``."""
    if by_environment:
        return bar.environment_id, bar.environment_name or NO_ENVIRONMENT, "#7b8494"
    if bar.kind == BOOKING and bar.domain_id is None:
        return None, NO_DOMAIN, "#7b8494"
    return bar.domain_id, bar.domain_name or NO_DOMAIN, bar.colour


def lay_out(
    bars: list[Bar],
    origin: dt.datetime,
    days: int,
    px_per_day: float,
    *,
    by_environment: bool = False,
    lane_order: list[tuple[uuid.UUID | None, str, str]] | None = None,
) -> TimelineLayout:
    """Lanes (``lane_order`` first, then any other lane a bar needs, by title) and the
    bars placed in them; bands (freezes, blackouts, holidays) are kept apart."""
    out = TimelineLayout(origin, days, px_per_day, by_environment)
    lanes: dict[uuid.UUID | None, Lane] = {}
    for key, title, colour in lane_order or ():
        lanes.setdefault(key, Lane(key, title, colour))
    items, bands = [], []
    for bar in bars:
        key, title, colour = lane_of(bar, by_environment)
        if bar.kind in BANDS:
            bands.append(bar)
            if (bar.environment_id if by_environment else bar.domain_id) is None:
                continue  # behind every lane
        lanes.setdefault(key, Lane(key, title, colour))
        items.append(bar)
    out.lanes = list(lanes.values())
    position = {lane.key: i for i, lane in enumerate(out.lanes)}
    row_ends: list[list[dt.datetime]] = [[] for _ in out.lanes]
    min_span = dt.timedelta(days=12 / px_per_day)  # a short bar still needs its pixels
    for bar in sorted(items, key=lambda b: (b.start, b.end)):
        lane = position[lane_of(bar, by_environment)[0]]
        ends = row_ends[lane]
        end = max(bar.end, bar.start + min_span)
        if bar.kind in MARKS:  # a mark's name is written after it: keep that clear too
            end = bar.start + dt.timedelta(
                days=(24 + CHAR_W * min(len(bar.title), 30)) / px_per_day
            )
        row = next((r for r, e in enumerate(ends) if e <= bar.start), len(ends))
        if row == len(ends):
            ends.append(end)
        else:
            ends[row] = end
        placed = Placed(bar, lane, row, out.x_of(bar.start), out.x_of(bar.end))
        out.placed.append(placed)
        out.index[bar.key] = placed
    top = 0
    for lane, ends in zip(out.lanes, row_ends, strict=True):
        lane.rows = max(1, len(ends))
        lane.top = HEADER_H + top
        top += lane.height
    out.by_lane = [[] for _ in out.lanes]
    for item in out.placed:  # in start order, so each lane's list is sorted by x0
        item.y = out.lanes[item.lane].top + LANE_PAD + item.row * ROW_H + 2
        out.by_lane[item.lane].append(item)
    out.lane_x0 = [[p.x0 for p in items] for items in out.by_lane]
    out.widest = [max((p.x1 - p.x0 for p in items), default=0.0) for items in out.by_lane]
    for bar in bands:
        key = bar.environment_id if by_environment else bar.domain_id
        lane = position[key] if key is not None else -1
        placed = Placed(bar, lane, -1, out.x_of(bar.start), out.x_of(bar.end))
        out.bands.append(placed)
        out.index[bar.key] = placed
    return out
