"""The next free slot for a deployment: the suggested fix of most conflicts.

A slot for a deployment keeps its length and is free when nothing else is deployed to
its environment then, its people are on no other deployment, and no freeze, blackout
or public holiday that concerns it covers any of it. The search only knows the items
it was given (those of the range looked at, plus what the loader adds).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Hashable, Iterable
from functools import cached_property, partial

from app import clock
from app.conflicts import sentences
from app.conflicts.calendar_item import WINDOW_KINDS, CalendarItem, ItemKind
from app.conflicts.conflict import Fix

MAX_STEPS = 500  # a slot not found after this many jumps is not suggested
STEP = dt.timedelta(minutes=15)  # slots start on the quarter hour (not at 23:59)


class _Group:
    """Items sorted by start, for "what overlaps this interval" by bisection."""

    def __init__(self, items: list[CalendarItem], scoped: bool) -> None:
        self.scoped = scoped  # windows: only those that concern the moving item count
        self.items = sorted(items, key=lambda i: i.start)
        self.starts = [i.start for i in self.items]
        self.longest = max((i.end - i.start for i in self.items), default=dt.timedelta(0))

    def blocked_until(
        self, start: dt.datetime, end: dt.datetime, moving: CalendarItem
    ) -> dt.datetime | None:
        """The latest end of the items (other than ``moving``) overlapping ``[start, end)``."""
        latest = None
        i = bisect_left(self.starts, start - self.longest)
        while i < len(self.items) and self.starts[i] < end:
            other = self.items[i]
            if (
                other.end > start
                and other.id != moving.id
                and (not self.scoped or other.applies_to(moving))
            ):
                latest = other.end if latest is None else max(latest, other.end)
            i += 1
        return latest


class SlotFinder:
    """Finds free slots among ``items`` (built once, asked once per conflict)."""

    def __init__(self, items: Iterable[CalendarItem]) -> None:
        self._items = items

    @cached_property
    def _groups(self) -> dict[Hashable, _Group]:
        """Built when the first slot is asked for (most conflicts are never fixed)."""
        groups: dict[Hashable, list[CalendarItem]] = defaultdict(list)
        for item in self._items:
            if item.kind is ItemKind.DEPLOYMENT:
                groups["env", item.environment_id].append(item)
                for person in item.people:
                    groups["person", person].append(item)
            elif item.kind in WINDOW_KINDS or item.kind is ItemKind.HOLIDAY:
                groups["window", item.domain_id].append(item)
        return {key: _Group(found, key[0] == "window") for key, found in groups.items()}

    def fix(
        self, item: CalendarItem, not_before: dt.datetime, *, same_time: bool = False
    ) -> Fix | None:
        """Move ``item`` (a deployment) to its first free slot from ``not_before`` on;
        ``same_time`` keeps its local time of day (moved out of a freeze or a holiday,
        the evening deployment stays in the evening, on a later day)."""
        if item.kind is not ItemKind.DEPLOYMENT or item.row_id is None:
            return None
        start = self.free_from(item, not_before, same_time=same_time)
        if start is None:
            return None
        end = start + (item.end - item.start)
        return Fix(item.id, item.table, item.row_id, start, end, sentences.move(item, start, end))

    def free_from(
        self, item: CalendarItem, not_before: dt.datetime, *, same_time: bool = False
    ) -> dt.datetime | None:
        """The first start from ``not_before`` on at which ``item`` would clash with nothing
        (at ``item``'s local time of day with ``same_time``, else on a quarter hour)."""
        groups = [
            self._groups.get(key)
            for key in (
                ("env", item.environment_id),
                *(("person", p) for p in item.people),
                ("window", None),
                ("window", item.domain_id) if item.domain_id is not None else None,
            )
            if key is not None
        ]
        live = [g for g in groups if g is not None]
        length = item.end - item.start
        align = partial(same_time_of_day, item.start) if same_time else quarter
        start = align(not_before)
        for _ in range(MAX_STEPS):
            ends = [g.blocked_until(start, start + length, item) for g in live]
            latest = max((e for e in ends if e is not None), default=None)
            if latest is None:
                return start
            start = align(latest)
        return None


def same_time_of_day(model: dt.datetime, moment: dt.datetime) -> dt.datetime:
    """The first moment from ``moment`` on at ``model``'s local wall-clock time."""
    zone = clock.zone()
    wall = model.astimezone(zone).time()
    local = moment.astimezone(zone)
    found = dt.datetime.combine(local.date(), wall, tzinfo=zone)
    if found < local:
        found = dt.datetime.combine(local.date() + dt.timedelta(days=1), wall, tzinfo=zone)
    return found.astimezone(dt.UTC)


def quarter(moment: dt.datetime) -> dt.datetime:
    """``moment`` rounded up to the quarter hour (unchanged when it is on one)."""
    epoch = dt.datetime(2000, 1, 1, tzinfo=moment.tzinfo)
    return moment + (epoch - moment) % STEP
