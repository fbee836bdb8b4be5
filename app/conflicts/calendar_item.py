"""One thing on the coordination calendar: :class:`CalendarItem`, and its kinds.

Release windows, deployments, freeze and blackout windows, holidays, milestones and
deadlines all become items with an aware UTC ``start``/``end`` (shown in local time
by whoever draws them), a kind and the ids they belong to, so the conflict engine, the
calendar view and the iCalendar export read the same thing. Import them from
:mod:`app.conflicts.items`, which also loads them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum


class ItemKind(StrEnum):
    """What an item is; the string values appear in ``--json`` output and item ids."""

    RELEASE_WINDOW = "release_window"  # a release's planned start to planned end
    PRODUCTION_WINDOW = "production_window"  # go-live of a release without a prod deployment
    DEPLOYMENT = "deployment"  # a package deployed to an environment
    FREEZE = "freeze"  # change freeze: no deployments
    BLACKOUT = "blackout"  # environment or business blackout
    HOLIDAY = "holiday"  # a public holiday (package or calendar row)
    MILESTONE = "milestone"  # a milestone task with a fixed date
    DEADLINE = "deadline"  # a release's or a task's deadline


WINDOW_KINDS = frozenset({ItemKind.FREEZE, ItemKind.BLACKOUT})
"""Windows in which nothing may be deployed."""

DEPLOYING_KINDS = frozenset({ItemKind.DEPLOYMENT, ItemKind.PRODUCTION_WINDOW})
"""Items that change an environment (and so must keep out of freezes)."""

CONFLICT_KINDS = frozenset(ItemKind) - {ItemKind.MILESTONE, ItemKind.DEADLINE}
"""The kinds the conflict engine looks at."""

PRODUCTION_WINDOW_LENGTH = dt.timedelta(hours=4)
"""A release without a planned production deployment goes live in the hours before its
planned end; this long (a usual change window)."""


@dataclass(frozen=True, slots=True)
class CalendarItem:
    """One thing on the coordination calendar.

    ``id`` is unique among the items of one load and stable between loads (the kind
    and row id, plus the occurrence's start for a repeated window); ``row_id`` and
    ``table`` name the row an edit changes. ``start`` <= ``end``, both aware UTC;
    an interval is half-open, so items that touch do not overlap.

    ``domain_id`` / ``environment_id`` narrow a freeze, blackout or holiday (None:
    every domain / environment); on a deployment they say where it happens. ``stage``
    and ``stage_order`` are the environment's (``"prod"`` on a production window).
    ``people`` are the people assigned (a deployment's deployer), with their names in
    ``people_names``; ``status`` is the deployment's or release's status value;
    ``done`` says it is settled (deployed, verified, failed or backed out; a release
    deployed or closed) and so no longer the subject of an open conflict.
    ``depends_on`` (release windows only) are the releases it waits for;
    ``promotion`` (release windows only) its environments in promotion order.
    """

    id: str
    kind: ItemKind
    start: dt.datetime
    end: dt.datetime
    title: str
    row_id: uuid.UUID | None = None
    table: str = ""
    domain_id: uuid.UUID | None = None
    domain_name: str = ""
    environment_id: uuid.UUID | None = None
    environment_name: str = ""
    stage: str = ""
    stage_order: int = 0
    release_id: uuid.UUID | None = None
    release_title: str = ""
    people: tuple[uuid.UUID, ...] = ()
    people_names: tuple[str, ...] = ()
    status: str = ""
    done: bool = False
    recurring: bool = False
    depends_on: tuple[uuid.UUID, ...] = ()
    promotion: tuple[uuid.UUID, ...] = ()

    def overlaps(self, other: CalendarItem) -> bool:
        """Both share some time (touching intervals do not, nor does a moment)."""
        return max(self.start, other.start) < min(self.end, other.end)

    def applies_to(self, other: CalendarItem) -> bool:
        """This window or holiday concerns ``other``'s domain and environment."""
        if self.domain_id is not None and self.domain_id != other.domain_id:
            return False
        if self.environment_id is None:
            return True
        if other.kind is ItemKind.PRODUCTION_WINDOW:  # goes live somewhere in production
            return self.stage == "prod"
        return self.environment_id == other.environment_id
