"""Counts as a coordinator reads them: "1 calendar", "3 calendars", never "item(s)"."""

from __future__ import annotations


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` things: ``count(1, "task")`` is "1 task", ``count(2, "task")`` "2 tasks"."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def listing(parts: list[str]) -> str:
    """``["20 tasks", "3 sign-offs", "2 deployments"]`` as "20 tasks, 3 sign-offs and
    2 deployments" (one part alone, two joined by "and")."""
    if len(parts) < 2:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"
