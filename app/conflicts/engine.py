"""The conflict engine: :func:`find_conflicts` over calendar items.

Overlaps are found by one sweep line: the items are sorted by start once and scanned;
each keeps, per environment and per person, a heap of the deployments still running
(by end), and one heap each of the windows (freezes, blackouts, holidays) and of the
deploying items still open. An arriving item is compared only with what is still
running, so the work grows with the items and the overlaps, not with all pairs.
Intervals are half-open: a deployment ending at 10:00 and one starting at 10:00 do
not overlap.

Two deployments of the same release are not a clash (a release deploys its packages
together); a conflict whose moving items are all settled (deployed, verified, failed,
backed out) is history, not an open conflict.
"""

from __future__ import annotations

import datetime as dt
import heapq
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator

from app.conflicts import sentences
from app.conflicts.calendar_item import DEPLOYING_KINDS, WINDOW_KINDS, CalendarItem, ItemKind
from app.conflicts.conflict import Conflict, ConflictKind, Severity
from app.conflicts.lookup import utc
from app.conflicts.ordering import order_conflicts
from app.conflicts.slots import SlotFinder

Heap = list[tuple[dt.datetime, int, CalendarItem]]
Pair = tuple[ConflictKind, CalendarItem, CalendarItem]


def find_conflicts(
    items: Iterable[CalendarItem], *, start: dt.datetime, end: dt.datetime
) -> list[Conflict]:
    """The open conflicts among ``items`` that concern ``[start, end)``, worst and
    earliest first.

    An overlap counts when the shared time falls in the range; a dependency or
    promotion conflict when the item that would move does.
    """
    ordered = sorted(items, key=lambda i: i.start)
    lo, hi = utc(start), utc(end)
    slots = SlotFinder(ordered)
    found = [
        _explained(kind, subject, other, slots)
        for kind, subject, other in overlaps(ordered)
        if max(subject.start, other.start) < hi and min(subject.end, other.end) > lo
    ]
    found.extend(
        c for c in order_conflicts(ordered, slots) if c.items[0].start < hi and c.items[0].end > lo
    )
    found.sort(key=lambda c: (c.severity.rank, c.start, c.key))
    return found


def overlaps(ordered: list[CalendarItem]) -> Iterator[Pair]:
    """Every overlapping pair that is a conflict, as ``(kind, item to move, other)``.

    ``ordered`` is sorted by start. Each pair is found once, when its later item
    arrives; that item is the one to move (for a window: the deploying item).
    """
    envs: dict[uuid.UUID | None, Heap] = defaultdict(list)
    people: dict[uuid.UUID, Heap] = defaultdict(list)
    windows: Heap = []
    deploying: Heap = []
    for seq, item in enumerate(ordered):
        if item.start >= item.end:
            continue  # a moment (deadline, milestone) occupies no time
        entry = (item.end, seq, item)
        if item.kind is ItemKind.DEPLOYMENT:
            for other in _running(envs[item.environment_id], item.start):
                if _clash(item, other):
                    yield ConflictKind.ENVIRONMENT_OVERLAP, item, other
            heapq.heappush(envs[item.environment_id], entry)
            for person in item.people:
                for other in _running(people[person], item.start):
                    if _clash(item, other):
                        yield ConflictKind.DOUBLE_BOOKING, item, other
                heapq.heappush(people[person], entry)
        if item.kind in DEPLOYING_KINDS:
            for window in _running(windows, item.start):
                kind = _window_conflict(window, item)
                if kind is not None:
                    yield kind, item, window
            heapq.heappush(deploying, entry)
        elif item.kind in WINDOW_KINDS or item.kind is ItemKind.HOLIDAY:
            for other in _running(deploying, item.start):
                kind = _window_conflict(item, other)
                if kind is not None:
                    yield kind, other, item
            heapq.heappush(windows, entry)


def _running(heap: Heap, moment: dt.datetime) -> Iterator[CalendarItem]:
    """The items of ``heap`` still running at ``moment`` (those ended are dropped)."""
    while heap and heap[0][0] <= moment:
        heapq.heappop(heap)
    return (entry[2] for entry in heap)


def _clash(item: CalendarItem, other: CalendarItem) -> bool:
    return other.release_id != item.release_id and not (item.done and other.done)


def _window_conflict(window: CalendarItem, item: CalendarItem) -> ConflictKind | None:
    if item.done or not window.applies_to(item):
        return None
    if window.kind is ItemKind.HOLIDAY:
        return ConflictKind.HOLIDAY if item.kind is ItemKind.DEPLOYMENT else None
    return ConflictKind.FREEZE


def _explained(
    kind: ConflictKind, item: CalendarItem, other: CalendarItem, slots: SlotFinder
) -> Conflict:
    if kind is ConflictKind.ENVIRONMENT_OVERLAP:
        moving, staying = (other, item) if item.done else (item, other)
        sentence = sentences.overlap(staying, moving)
        severity = Severity.HIGH
    elif kind is ConflictKind.DOUBLE_BOOKING:
        moving, staying = (other, item) if item.done else (item, other)
        shared = [p for p in moving.people if p in staying.people]
        who = moving.people_names[moving.people.index(shared[0])]
        sentence = sentences.double_booking(who, staying, moving)
        severity = Severity.MEDIUM
    elif kind is ConflictKind.FREEZE:
        moving, staying = item, other
        sentence = sentences.in_window(item, other)
        severity = Severity.HIGH
    else:
        moving, staying = item, other
        sentence = sentences.on_holiday(item, other)
        severity = Severity.LOW
    fix = slots.fix(moving, staying.end)
    return Conflict(kind, severity, (moving, staying), sentence, fix)
