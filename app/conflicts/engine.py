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
from app.conflicts.conflict import Conflict, ConflictKind, Explanation, Severity
from app.conflicts.lookup import utc
from app.conflicts.ordering import order_conflicts
from app.conflicts.slots import SlotFinder
from app.gc_pause import gc_paused

Heap = list[tuple[dt.datetime, int, CalendarItem]]
Pair = tuple[ConflictKind, CalendarItem, CalendarItem]


@gc_paused()
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
    found.sort(key=lambda c: (c.severity.rank, c.start, c.kind.value, c.items[0].id))
    return found


def overlaps(ordered: list[CalendarItem]) -> Iterator[Pair]:
    """Every overlapping pair that is a conflict, as ``(kind, item to move, other)``.

    ``ordered`` is sorted by start. Each pair is found once, when its later item
    arrives; that item is the one to move (for a window: the deploying item). Windows
    and deploying items are kept per domain, so a domain's holiday only meets that
    domain's deployments (a window for every domain meets them all).
    """
    envs: dict[uuid.UUID | None, Heap] = defaultdict(list)
    people: dict[uuid.UUID, Heap] = defaultdict(list)
    windows: dict[uuid.UUID | None, Heap] = defaultdict(list)
    deploying: dict[uuid.UUID | None, Heap] = defaultdict(list)
    for seq, item in enumerate(ordered):
        kind = item.kind
        if kind is ItemKind.RELEASE_WINDOW or item.start >= item.end:
            continue  # a moment (deadline, milestone) occupies no time
        entry = (item.end, seq, item)
        if kind is ItemKind.DEPLOYMENT:
            yield from _deployment_pairs(item, entry, envs, people)
        if kind in DEPLOYING_KINDS:
            for scope in (None, item.domain_id) if item.domain_id is not None else (None,):
                for window in _running(windows[scope], item.start):
                    found = _window_conflict(window, item)
                    if found is not None:
                        yield found, item, window
            heapq.heappush(deploying[item.domain_id], entry)
        elif kind in WINDOW_KINDS or kind is ItemKind.HOLIDAY:
            heaps = [deploying[item.domain_id]] if item.domain_id else list(deploying.values())
            for heap in heaps:
                for other in _running(heap, item.start):
                    found = _window_conflict(item, other)
                    if found is not None:
                        yield found, other, item
            heapq.heappush(windows[item.domain_id], entry)


def _deployment_pairs(
    item: CalendarItem,
    entry: tuple[dt.datetime, int, CalendarItem],
    envs: dict[uuid.UUID | None, Heap],
    people: dict[uuid.UUID, Heap],
) -> Iterator[Pair]:
    heap = envs[item.environment_id]
    for other in _running(heap, item.start):
        if _clash(item, other):
            yield ConflictKind.ENVIRONMENT_OVERLAP, item, other
    heapq.heappush(heap, entry)
    booked = set()  # two people on both deployments are one conflict
    for person in item.people:
        heap = people[person]
        for other in _running(heap, item.start):
            if other.id not in booked and _clash(item, other):
                booked.add(other.id)
                yield ConflictKind.DOUBLE_BOOKING, item, other
        heapq.heappush(heap, entry)


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
    moving, staying = item, other
    if kind is ConflictKind.ENVIRONMENT_OVERLAP or kind is ConflictKind.DOUBLE_BOOKING:
        if item.done:  # the open one is the one to move
            moving, staying = other, item
        severity = Severity.HIGH if kind is ConflictKind.ENVIRONMENT_OVERLAP else Severity.MEDIUM
    else:
        severity = Severity.HIGH if kind is ConflictKind.FREEZE else Severity.LOW

    def explain() -> Explanation:
        return _sentence(kind, moving, staying), slots.fix(moving, staying.end)

    return Conflict(kind, severity, (moving, staying), explain)


def _sentence(kind: ConflictKind, moving: CalendarItem, staying: CalendarItem) -> str:
    if kind is ConflictKind.ENVIRONMENT_OVERLAP:
        return sentences.overlap(staying, moving)
    if kind is ConflictKind.DOUBLE_BOOKING:
        shared = next(p for p in moving.people if p in staying.people)
        who = moving.people_names[moving.people.index(shared)]
        return sentences.double_booking(who, staying, moving)
    if kind is ConflictKind.FREEZE:
        return sentences.in_window(moving, staying)
    return sentences.on_holiday(moving, staying)
