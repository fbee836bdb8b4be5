"""Counts as a coordinator reads them: "1 calendar", "3 calendars", never "item(s)"."""

from __future__ import annotations


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` things: ``count(1, "task")`` is "1 task", ``count(2, "task")`` "2 tasks"."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"
