"""What the coordinator narrowed the board to: domain, owner, free text, date range."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any


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
        if self.date_from or self.date_to:
            return self._overlaps(r.planned_start, r.planned_end)
        return True

    def _overlaps(self, start: dt.datetime | None, end: dt.datetime | None) -> bool:
        """The planned window overlaps the range (releases without a window drop out)."""
        if start is None and end is None:
            return False
        first = (start or end).date()  # type: ignore[union-attr]
        last = (end or start).date()  # type: ignore[union-attr]
        if self.date_from and last < self.date_from:
            return False
        return not (self.date_to and first > self.date_to)
