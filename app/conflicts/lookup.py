"""What the item loaders share: names and scopes by id, and stored moments as UTC."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field


def utc(moment: dt.datetime) -> dt.datetime:
    """A stored moment (naive UTC) or an aware one, as aware UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


@dataclass
class Names:
    """Names and scopes the items carry, by id."""

    domains: dict[uuid.UUID, tuple[str, str | None]] = field(default_factory=dict)
    environments: dict[uuid.UUID, tuple[str, str, int]] = field(default_factory=dict)
    people: dict[uuid.UUID, str] = field(default_factory=dict)
    calendars: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)  # its domains
