"""A clash on the coordination calendar: :class:`Conflict`, and the :class:`Fix` for it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from app.conflicts.calendar_item import CalendarItem


class ConflictKind(StrEnum):
    """The clashes the engine finds (string values appear in ``--json`` output)."""

    ENVIRONMENT_OVERLAP = "environment_overlap"  # two deployments in one environment at once
    FREEZE = "freeze"  # a deployment or production window in a freeze or blackout
    DEPENDENCY = "dependency"  # deploys before a release it depends on has deployed
    PROMOTION_ORDER = "promotion_order"  # a later stage planned before an earlier one
    DOUBLE_BOOKING = "double_booking"  # one person on two deployments at once
    HOLIDAY = "holiday"  # a deployment on a public holiday of its domain


class Severity(StrEnum):
    """How bad a conflict is; :attr:`rank` orders them (the worst first is 0)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


LABELS = {
    ConflictKind.ENVIRONMENT_OVERLAP: "Environment clash",
    ConflictKind.FREEZE: "Freeze",
    ConflictKind.DEPENDENCY: "Dependency",
    ConflictKind.PROMOTION_ORDER: "Promotion order",
    ConflictKind.DOUBLE_BOOKING: "Double-booked",
    ConflictKind.HOLIDAY: "Holiday",
}
"""A short label per kind, for a badge or a column."""


@dataclass(frozen=True, slots=True)
class Fix:
    """Move one row to a new window: what a UI applies in one (undoable) step.

    ``table``/``row_id`` name the row (a ``deployment``), ``start``/``end`` its new
    planned window (aware UTC); ``item_id`` is the calendar item it moves and
    ``sentence`` says what the fix does, in local time.
    """

    item_id: str
    table: str
    row_id: uuid.UUID
    start: dt.datetime
    end: dt.datetime
    sentence: str


Explanation = tuple[str, Fix | None]


@dataclass(frozen=True)
class Conflict:
    """One clash between calendar items, explained for a coordinator.

    ``items`` are those involved, the one a fix would move first; ``sentence`` says
    what is wrong in local time; ``fix`` (None when there is no simple one) resolves it.
    Both are worked out by ``explain`` when first read, so that finding thousands of
    conflicts (a board's count) does not pay for sentences and free slots nobody reads.
    """

    kind: ConflictKind
    severity: Severity
    items: tuple[CalendarItem, ...]
    explain: Callable[[], Explanation] = field(repr=False, compare=False)

    @cached_property
    def _explanation(self) -> Explanation:
        return self.explain()

    @property
    def sentence(self) -> str:
        """What is wrong, in one sentence with local dates."""
        return self._explanation[0]

    @property
    def fix(self) -> Fix | None:
        """The one-step change that resolves it, if there is a simple one."""
        return self._explanation[1]

    @property
    def key(self) -> str:
        """Stable identity between loads: the kind and the items' ids."""
        return ":".join((self.kind.value, *sorted(i.id for i in self.items)))

    @property
    def release_ids(self) -> frozenset[uuid.UUID]:
        """The releases whose items are involved."""
        return frozenset(i.release_id for i in self.items if i.release_id is not None)

    @property
    def start(self) -> dt.datetime:
        """When the earliest item involved starts."""
        return min(i.start for i in self.items)
