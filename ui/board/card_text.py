"""Card texts: the planned window and owner initials as a coordinator reads them."""

from __future__ import annotations

import datetime as dt
from typing import Any


def _day(when: dt.datetime, year: bool) -> str:
    return f"{when.day} {when:%b}" + (f" {when.year}" if year else "")


def window_text(card: Any) -> str:
    """Planned window as a coordinator reads it: ``3 Mar – 14 Mar 2026``."""
    r = card.release
    start, end = r.planned_start, r.planned_end
    if start is None and end is None:
        return "No planned window"
    if start and end:
        return f"{_day(start, start.year != end.year)} – {_day(end, True)}"
    return _day(start or end, True)  # type: ignore[arg-type]


def initials(name: str) -> str:
    """``Priya Raman`` → ``PR`` (the owner avatar on a card)."""
    parts = [p for p in name.replace("-", " ").split() if p[:1].isalpha()]
    if not parts:
        return ""
    return (parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")).upper()
