"""A duration typed in the plan table, as Microsoft Project reads it: ``3d``, ``4h``,
``2d 4h``, ``1w``, ``30m``, ``5ed`` (elapsed days), a bare number meaning days.

Working units count the plan's working day and week (480 and 2,400 minutes unless the
plan says otherwise); an ``e`` before the unit makes it elapsed (wall-clock) time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.errors import ValidationError

_PART = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*(e?)(mo|min|m|h|d|w)?\s*", re.IGNORECASE)
_UNIT_WORDS = {"min": "m"}


@dataclass(frozen=True)
class Duration:
    """Minutes, and whether they are elapsed (wall-clock) time."""

    minutes: int
    elapsed: bool = False


def parse_duration(text: str, minutes_per_day: int = 480) -> Duration:
    """Read ``text``; :class:`ValidationError` names what could not be read."""
    cleaned = text.strip().casefold()
    if not cleaned:
        raise ValidationError("Type a duration such as 3d, 4h or 2d 4h.")
    per = {
        "m": 1,
        "h": 60,
        "d": minutes_per_day,
        "w": minutes_per_day * 5,
        "mo": minutes_per_day * 20,
    }
    elapsed_per = {"m": 1, "h": 60, "d": 1440, "w": 10080, "mo": 43200}
    total, elapsed_seen, pos = 0.0, set(), 0
    while pos < len(cleaned):
        match = _PART.match(cleaned, pos)
        if match is None or match.end() == pos:
            raise ValidationError(
                f"Cannot read '{text.strip()[pos:].strip()}' in the duration '{text.strip()}': "
                "write a number with m, h, d, w or mo (e.g. 3d, 2d 4h, 5ed for elapsed days)."
            )
        amount = float(match.group(1).replace(",", "."))
        elapsed = bool(match.group(2))
        unit = _UNIT_WORDS.get(match.group(3) or "d", match.group(3) or "d")
        total += amount * (elapsed_per if elapsed else per)[unit]
        elapsed_seen.add(elapsed)
        pos = match.end()
    if len(elapsed_seen) > 1:
        raise ValidationError("A duration is either working time or elapsed time, not both.")
    return Duration(round(total), elapsed_seen == {True})
