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
from collections.abc import Iterable, Iterator
from itertools import pairwise

from app.conflicts import sentences
from app.conflicts.calendar_item import CalendarItem, ItemKind
from app.conflicts.conflict import Conflict, ConflictKind, Severity
from app.conflicts.slots import SlotFinder

PRODUCTION = "prod"
BROKEN = ("failed", "backed_out")


def order_conflicts(items: Iterable[CalendarItem], slots: SlotFinder) -> Iterator[Conflict]:
    """Dependency and promotion conflicts among ``items``."""
    windows: dict[uuid.UUID, CalendarItem] = {}
    deployments: dict[uuid.UUID, list[CalendarItem]] = defaultdict(list)
    production: dict[uuid.UUID, list[CalendarItem]] = defaultdict(list)
    for item in items:
        if item.release_id is None:
            continue
        if item.kind is ItemKind.RELEASE_WINDOW:
            windows[item.release_id] = item
        elif item.kind is ItemKind.DEPLOYMENT:
            deployments[item.release_id].append(item)
        if item.kind is ItemKind.PRODUCTION_WINDOW or (
            item.kind is ItemKind.DEPLOYMENT and item.stage == PRODUCTION
        ):
            production[item.release_id].append(item)
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
                sentences.dependency(first, last),
                slots.fix(first, last.end),
            )


def _promotion(
    window: CalendarItem, deployments: list[CalendarItem], slots: SlotFinder
) -> Iterator[Conflict]:
    by_env: dict[uuid.UUID | None, list[CalendarItem]] = defaultdict(list)
    for d in deployments:
        by_env[d.environment_id].append(d)
    path = [e for e in window.promotion if e in by_env] or sorted(
        by_env, key=lambda e: (by_env[e][0].stage_order, str(e))
    )
    for earlier_env, env in pairwise(path):
        earlier = max(by_env[earlier_env], key=lambda i: (i.end, i.id))
        if earlier.status == "verified":
            continue
        broken = earlier.status in BROKEN
        for item in by_env[env]:
            if item.done or not (broken or item.start < earlier.end):
                continue
            yield Conflict(
                ConflictKind.PROMOTION_ORDER,
                Severity.HIGH if item.stage == PRODUCTION else Severity.MEDIUM,
                (item, earlier),
                sentences.promotion(item, earlier),
                None if broken else slots.fix(item, earlier.end),
            )
