"""Conflicts of order rather than overlap: dependencies and promotion.

- A release goes to production before a release it depends on (``release_dependency``)
  has deployed: its first production deployment (or, without one, its production
  window) starts before the other's production ends, and the other is not settled.
- A deployment is planned before the release's deployment to the previous stage of its
  promotion path has finished (``promotion_step`` order, else the environments' stage
  order), or after that deployment failed or was backed out.

Both are one pass over the items grouped by release: linear, no pairs.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator
from functools import partial
from itertools import pairwise

from app.conflicts import sentences
from app.conflicts.calendar_item import CalendarItem, ItemKind
from app.conflicts.conflict import Conflict, ConflictKind, Explanation, Severity
from app.conflicts.slots import SlotFinder

PRODUCTION = "prod"
BROKEN = ("failed", "backed_out")


def order_conflicts(items: Iterable[CalendarItem], slots: SlotFinder) -> Iterator[Conflict]:
    """Dependency and promotion conflicts among ``items``."""
    windows: dict[uuid.UUID, CalendarItem] = {}
    deployments: dict[uuid.UUID, list[CalendarItem]] = defaultdict(list)
    production: dict[uuid.UUID, list[CalendarItem]] = defaultdict(list)
    deployment, release, go_live = (
        ItemKind.DEPLOYMENT,
        ItemKind.RELEASE_WINDOW,
        ItemKind.PRODUCTION_WINDOW,
    )
    for item in items:
        rid, kind = item.release_id, item.kind
        if rid is None:
            continue
        if kind is deployment:
            deployments[rid].append(item)
            if item.stage == PRODUCTION:
                production[rid].append(item)
        elif kind is release:
            windows[rid] = item
        elif kind is go_live:
            production[rid].append(item)
    for rid, window in windows.items():
        yield from _dependencies(window, production, windows, slots)
        yield from _promotion(window, deployments[rid], slots)


def _dependencies(
    window: CalendarItem,
    production: dict[uuid.UUID, list[CalendarItem]],
    windows: dict[uuid.UUID, CalendarItem],
    slots: SlotFinder,
) -> Iterator[Conflict]:
    mine = [i for i in production[window.release_id] if not i.done]  # type: ignore[index]
    if not mine:
        return
    first = min(mine, key=lambda i: (i.start, i.id))
    for needed_id in window.depends_on:
        needed = windows.get(needed_id)
        theirs = production[needed_id]
        if needed is None or needed.done or not theirs or all(i.done for i in theirs):
            continue
        last = max(theirs, key=lambda i: (i.end, i.id))
        if first.start < last.end:
            yield Conflict(
                ConflictKind.DEPENDENCY,
                Severity.HIGH,
                (first, last),
                partial(_dependency, first, last, slots),
            )


def _promotion(
    window: CalendarItem, deployments: list[CalendarItem], slots: SlotFinder
) -> Iterator[Conflict]:
    """Steps are the release's promotion path (environments) when it has one, else the
    stages of the environments it deploys to; each step waits for the one before."""
    steps: dict[Hashable, list[CalendarItem]] = defaultdict(list)
    for d in deployments:
        steps[d.environment_id if window.promotion else d.stage_order].append(d)
    path = [e for e in window.promotion if e in steps] if window.promotion else sorted(steps)
    for before, step in pairwise(path):
        pending = [d for d in steps[before] if d.status != "verified"]
        if not pending:
            continue
        broken = next((d for d in pending if d.status in BROKEN), None)
        earlier = broken or max(pending, key=lambda i: (i.end, i.id))
        for item in steps[step]:
            if item.done or not (broken or item.start < earlier.end):
                continue
            yield Conflict(
                ConflictKind.PROMOTION_ORDER,
                Severity.HIGH if item.stage == PRODUCTION else Severity.MEDIUM,
                (item, earlier),
                partial(_promotion_explained, item, earlier, slots),
            )


def _dependency(item: CalendarItem, needed: CalendarItem, slots: SlotFinder) -> Explanation:
    return sentences.dependency(item, needed), slots.fix(item, needed.end)


def _promotion_explained(
    item: CalendarItem, earlier: CalendarItem, slots: SlotFinder
) -> Explanation:
    broken = earlier.status in BROKEN  # a failed stage is redeployed, not waited for
    return sentences.promotion(item, earlier), None if broken else slots.fix(item, earlier.end)
