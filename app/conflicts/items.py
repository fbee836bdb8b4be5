"""What the coordination calendar shows, as plain frozen rows: :class:`CalendarItem`.

Release windows, deployments, freeze and blackout windows, holidays, milestones and
deadlines all become items with an aware UTC ``start``/``end`` (shown in local time
by whoever draws them), a kind and the ids they belong to, so the conflict engine, the
calendar view and the iCalendar export read the same thing. :func:`calendar_items`
loads them from a workspace.
"""

from __future__ import annotations

import datetime as dt

from app.conflicts.calendar_item import (
    CONFLICT_KINDS,
    DEPLOYING_KINDS,
    PRODUCTION_WINDOW_LENGTH,
    WINDOW_KINDS,
    CalendarItem,
    ItemKind,
)
from app.conflicts.item_loader import load_items
from app.workspace import Workspace

__all__ = [
    "CONFLICT_KINDS",
    "DEPLOYING_KINDS",
    "PRODUCTION_WINDOW_LENGTH",
    "WINDOW_KINDS",
    "CalendarItem",
    "ItemKind",
    "calendar_items",
]


def calendar_items(
    workspace: Workspace,
    start: dt.datetime,
    end: dt.datetime,
    *,
    kinds: frozenset[ItemKind] | None = None,
) -> list[CalendarItem]:
    """Every item overlapping ``[start, end)`` (aware, or naive UTC), sorted by start.

    ``kinds`` keeps only items of those kinds (None: all); the conflict engine needs
    no milestones or deadlines (see :data:`CONFLICT_KINDS`), and skipping them skips
    reading the tasks.

    Recurring windows are expanded over the range; public holidays come from each
    domain's ``holiday_country`` (or its calendar's) and from holiday rows. Items the
    conflict rules need to see beyond the range come too: every deployment of a
    release in range, and the releases it depends on with their deployments.
    """
    return load_items(workspace, start, end, kinds)
