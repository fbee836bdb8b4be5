"""The items a moved item could conflict with, so a drag need not check them all.

A drag asks, on every mouse move, which conflicts the moved item would have. An
overlap conflict needs the two items to share time, and an order conflict (dependency,
promotion) only looks at the items of the moved item's release and of the releases it
depends on or that depend on it. :meth:`Neighbourhood.around` gives exactly those items
(found by bisection on the items sorted once per load), and the engine's own sweep
runs on them: the same conflicts of the moved item, at the cost of its neighbours.
"""

from __future__ import annotations

import datetime as dt
import uuid
from bisect import bisect_left
from collections import defaultdict

from app.conflicts.calendar_item import CalendarItem, ItemKind


class Neighbourhood:
    """The items of one load, indexed by time, by id, by row and by release."""

    def __init__(self, items: list[CalendarItem]) -> None:
        self.items = sorted(items, key=lambda i: i.start)
        self.starts = [i.start for i in self.items]
        self.longest = max((i.end - i.start for i in self.items), default=dt.timedelta(0))
        self.by_id = {i.id: i for i in self.items}
        self.by_row: dict[uuid.UUID, list[CalendarItem]] = defaultdict(list)
        self.by_release: dict[uuid.UUID, list[CalendarItem]] = defaultdict(list)
        self.related: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
        for item in self.items:
            if item.row_id is not None:
                self.by_row[item.row_id].append(item)
            if item.release_id is not None:
                self.by_release[item.release_id].append(item)
            if item.kind is ItemKind.RELEASE_WINDOW and item.release_id is not None:
                for needed in item.depends_on:  # both ways: it waits, or is waited for
                    self.related[item.release_id].add(needed)
                    self.related[needed].add(item.release_id)

    def overlapping(self, start: dt.datetime, end: dt.datetime) -> list[CalendarItem]:
        """The items sharing any time with ``[start, end]`` (touching ones too)."""
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end, lo)
        return [i for i in self.items[lo : hi + 1] if i.start <= end and i.end >= start]

    def around(self, moved: list[CalendarItem]) -> list[CalendarItem]:
        """``moved`` (items at their new times, in place of the loaded ones with their
        ids) and every loaded item that could be in a conflict with one of them."""
        out = {m.id: m for m in moved}
        for m in moved:
            for item in self.overlapping(m.start, m.end):
                out.setdefault(item.id, item)
        releases = {m.release_id for m in moved if m.release_id is not None}
        for release in set(releases):
            releases |= self.related.get(release, set())
        for release in releases:
            for item in self.by_release.get(release, ()):
                out.setdefault(item.id, item)
        return list(out.values())
