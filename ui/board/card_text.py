"""Card texts: the planned window, why a card is late and owner initials, as a
coordinator reads them."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from app.dates_text import day, day_month
from app.words import count


def _day(when: dt.datetime, year: bool | str) -> str:
    if year == "short":  # a window across New Year: both years, kept narrow for the card
        return f"{day_month(when)} ’{when.year % 100:02}"
    return day(when) if year else day_month(when)


def window_text(card: Any) -> str:
    """Planned window as a coordinator reads it: ``3 Mar – 14 Mar 2026``, or
    ``29 Dec ’26 – 22 Feb ’27`` across New Year."""
    r = card.release
    start, end = r.planned_start, r.planned_end
    if start is None and end is None:
        return "No planned window"
    if start and end:
        if start.year != end.year:
            return f"{_day(start, 'short')} – {_day(end, 'short')}"
        return f"{_day(start, False)} – {_day(end, True)}"
    return _day(start or end, True)  # type: ignore[arg-type]


def late_text(card: Any) -> str:
    """Why a card shows its late badge ("" when it does not): ``Plan finishes Thu 21 Jan,
    22 days after the planned end (30 Dec) and after the deadline (15 Jan)``."""
    if not card.late:
        return ""
    r, finish = card.release, card.scheduled_finish
    missed = []
    if card.misses_planned_end:
        missed.append(("the planned end", r.planned_end))
    if card.misses_deadline:
        missed.append(("the deadline", r.deadline))
    days = (finish.date() - missed[0][1].date()).days
    parts = [f"after {what} ({_day(when, False)})" for what, when in missed]
    return f"Plan finishes {finish:%a} {_day(finish, False)}, {count(days, 'day')} " + (
        " and ".join(parts)
    )


def conflicts_badge(n: int) -> str:
    """A card's conflicts badge: ``1 conflict``, ``3 conflicts``."""
    return count(n, "conflict")


MAX_TOOLTIP_CONFLICTS = 5  # sentences a card's tooltip lists; the rest are counted


def conflict_lines(card: Any) -> list[str]:
    """The tooltip lines of a card's open conflicts (rich text), none without any."""
    clashes = getattr(card, "conflicts", ())
    if not clashes:
        return []
    lines = [f"<span style='font-weight:600'>{conflicts_badge(len(clashes))}:</span>"]
    lines += [f"• {html.escape(s)}" for s in clashes[:MAX_TOOLTIP_CONFLICTS]]
    if len(clashes) > MAX_TOOLTIP_CONFLICTS:
        lines.append(f"… and {len(clashes) - MAX_TOOLTIP_CONFLICTS} more")
    return lines


def initials(name: str) -> str:
    """``Priya Raman`` → ``PR`` (the owner avatar on a card)."""
    parts = [p for p in name.replace("-", " ").split() if p[:1].isalpha()]
    if not parts:
        return ""
    return (parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")).upper()


NAME_CHARS = 16  # room (in average characters) a card needs for domain names, not codes


def domain_text(release: Any, room_chars: int) -> str:
    """One name for a domain on every card of the board: cards (all as wide as their
    column) with room for ``NAME_CHARS`` show every domain's name, narrower ones every
    domain's code ("DATA" reads better than "Data Platfo…"); the tooltip names it in full."""
    if room_chars < NAME_CHARS and release.domain_code:
        return release.domain_code
    return release.domain_name or "No domain"
