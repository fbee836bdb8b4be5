"""Working time as a coordinator reads it: ``1d 4h``, ``6d late``."""

from __future__ import annotations


def format_working(minutes: int, per_day: int) -> str:
    """Working minutes as days, hours and minutes (``-1d 4h``, ``45m``, ``0``)."""
    if minutes == 0:
        return "0"
    sign, rest = ("-" if minutes < 0 else ""), abs(minutes)
    days, rest = divmod(rest, per_day)
    hours, mins = divmod(rest, 60)
    parts = [f"{days}d" if days else "", f"{hours}h" if hours else "", f"{mins}m" if mins else ""]
    return sign + " ".join(p for p in parts if p)


def slip_words(minutes: int | None, per_day: int) -> str:
    """A finish variance in words: ``on its baseline``, ``2d 4h late``, ``3h early``."""
    if not minutes:
        return "on its baseline"
    how = "late" if minutes > 0 else "early"
    return f"{format_working(abs(minutes), per_day)} {how}"
