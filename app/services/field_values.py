"""Field values as a conflict compares them.

Display strings (``app.errors.show``) lose detail — minutes, time zones, an enum's
member vs its text — so a conflict is *found* by comparing the values themselves.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any


def _comparable(value: Any) -> Any:
    # Stored times are naive UTC; an aware time the user entered means the same moment.
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def same_value(a: Any, b: Any) -> bool:
    """Whether two field values are the same, at full precision (seconds and
    microseconds count; an aware and a naive UTC time of the same moment are equal)."""
    return bool(_comparable(a) == _comparable(b))
