"""What the calendar paints: :class:`Bar`, one per item, in local wall-clock time.

Bars are built from the conflict engine's calendar items (and from bookings, which the
engine does not know); the painter, the month grid, the hit tests and the drags only
read bars. ``key`` is the item's id, stable between loads, so a selection survives a
reload.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, replace

from app import clock

RELEASE = "release_window"
PRODUCTION = "production_window"
DEPLOYMENT = "deployment"
BOOKING = "booking"
FREEZE = "freeze"
BLACKOUT = "blackout"
HOLIDAY = "holiday"
MILESTONE = "milestone"
DEADLINE = "deadline"

KIND_LABELS = {
    RELEASE: "Release windows",
    DEPLOYMENT: "Deployments",
    BOOKING: "Environment bookings",
    FREEZE: "Freezes",
    BLACKOUT: "Blackouts",
    HOLIDAY: "Public holidays",
    MILESTONE: "Milestones",
    DEADLINE: "Deadlines",
}
"""The kinds a coordinator filters by (a production window counts as a release window)."""

BANDS = frozenset({FREEZE, BLACKOUT, HOLIDAY})
"""Kinds painted as a shaded band behind the lane (or every lane) they apply to."""
MARKS = frozenset({MILESTONE, DEADLINE})
"""Kinds painted as a point in time (a diamond, a flag)."""
MOVABLE = frozenset({RELEASE, DEPLOYMENT, BOOKING, FREEZE, BLACKOUT})
"""Kinds a drag may move (a production window follows its release; marks are dates of
rows edited elsewhere)."""

NO_DOMAIN = "Shared"
NO_ENVIRONMENT = "No environment"


@dataclass(frozen=True, slots=True)
class Bar:
    """One item, its time in local wall-clock time (naive) and what it belongs to."""

    key: str
    kind: str
    title: str
    start: dt.datetime
    end: dt.datetime
    table: str = ""
    row_id: uuid.UUID | None = None
    version: int | None = None
    domain_id: uuid.UUID | None = None
    domain_name: str = ""
    colour: str = "#8a8f98"
    environment_id: uuid.UUID | None = None
    environment_name: str = ""
    release_id: uuid.UUID | None = None
    release_title: str = ""
    status: str = ""
    recurring: bool = False
    done: bool = False

    @property
    def filter_kind(self) -> str:
        """The kind the filter knows it by."""
        return RELEASE if self.kind == PRODUCTION else self.kind

    @property
    def movable(self) -> bool:
        """A drag may move it: a row of its own, not done; of a repeated window, a drag
        of one occurrence moves the series."""
        return (
            self.kind in MOVABLE
            and self.row_id is not None
            and (not self.recurring or self.kind in BANDS)
            and not self.done
        )

    def moved(self, start: dt.datetime, end: dt.datetime) -> Bar:
        """The same bar over another window."""
        return replace(self, start=start, end=end)


def local(moment: dt.datetime) -> dt.datetime:
    """An item's aware (or naive UTC) moment as local wall-clock time."""
    return clock.to_local(moment)


def stored(wall: dt.datetime) -> dt.datetime:
    """A local wall-clock time as the naive UTC a service stores."""
    return clock.from_local(wall)
