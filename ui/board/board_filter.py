"""What the coordinator narrowed the board to: domain, owner, free text, date range and
the quick filters (mine, late, high risk, this month)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from app import clock

# Quick filters: key, chip label, what it keeps.
CHIPS = (
    ("mine", "Mine", "Releases you own or manage"),
    ("late", "Late", "Releases whose plan finishes after the planned end or the deadline"),
    ("high_risk", "High risk", "Releases with an open high risk"),
    ("this_month", "This month", "Releases whose planned window touches this month"),
)


def haystack(card: Any) -> str:
    """The lower-case text free-text search looks in (computed once per card)."""
    r = card.release
    return " ".join(
        (r.name, r.version_label, r.domain_name, r.owner_name, r.release_manager_name)
    ).casefold()


@dataclass(frozen=True)
class BoardFilter:
    """A card filter; the empty filter accepts everything."""

    text: str = ""
    domain_id: uuid.UUID | None = None
    owner_id: uuid.UUID | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    chips: frozenset[str] = frozenset()  # keys of CHIPS

    @property
    def is_empty(self) -> bool:
        return self == BoardFilter()

    def matches(self, card: Any, text: str) -> bool:
        """Whether ``card`` (whose :func:`haystack` is ``text``) passes the filter."""
        r = card.release
        if self.domain_id is not None and r.domain_id != self.domain_id:
            return False
        if self.owner_id is not None and r.owner_id != self.owner_id:
            return False
        if self.text:
            needle = self.text.casefold()
            if not all(word in text for word in needle.split()):
                return False
        if self.chips and not self._chips_keep(card):
            return False
        if self.date_from or self.date_to:
            return _overlaps(r.planned_start, r.planned_end, self.date_from, self.date_to)
        return True

    def _chips_keep(self, card: Any) -> bool:
        chips = self.chips
        if "mine" in chips and not card.mine:
            return False
        if "late" in chips and not card.late:
            return False
        if "high_risk" in chips and not card.open_high_risks:
            return False
        if "this_month" in chips:
            month = clock.today().replace(day=1)
            after = (month + dt.timedelta(days=31)).replace(day=1)
            r = card.release
            return _overlaps(r.planned_start, r.planned_end, month, after - dt.timedelta(days=1))
        return True


def _overlaps(
    start: dt.datetime | None,
    end: dt.datetime | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> bool:
    """The planned window overlaps the range (releases without a window drop out)."""
    if start is None and end is None:
        return False
    first = (start or end).date()  # type: ignore[union-attr]
    last = (end or start).date()  # type: ignore[union-attr]
    if date_from and last < date_from:
        return False
    return not (date_to and first > date_to)
