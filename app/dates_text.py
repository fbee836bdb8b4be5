"""One way to write dates, everywhere a coordinator reads one: ``9 Mar 2026`` and
``9 Mar 2026 14:30`` (no leading zero on the day, month abbreviated, 24-hour clock).

The UI's date editors show the same through :data:`QT_DAY` and :data:`QT_MOMENT` (Qt
display formats, plain strings here). Machine-readable output (CLI tables, files)
keeps ISO dates and does not come here.
"""

from __future__ import annotations

import datetime as dt

QT_DAY = "d MMM yyyy"
QT_MOMENT = "d MMM yyyy HH:mm"


def day_month(when: dt.date) -> str:
    """``9 Mar`` (where the year goes without saying)."""
    return f"{when.day} {when:%b}"


def day(when: dt.date) -> str:
    """``9 Mar 2026``."""
    return f"{day_month(when)} {when.year}"


def weekday_day(when: dt.date) -> str:
    """``Tue 9 Mar 2026`` (a finish date whose weekday matters)."""
    return f"{when:%a} {day(when)}"


def month(when: dt.date) -> str:
    """``Mar 2026`` (a month as a whole)."""
    return f"{when:%b} {when.year}"


def month_name(when: dt.date) -> str:
    """``Mar`` (where the year goes without saying)."""
    return f"{when:%b}"


def moment(when: dt.datetime) -> str:
    """``9 Mar 2026 14:30``."""
    return f"{day(when)} {when:%H:%M}"


def weekday_moment(when: dt.datetime) -> str:
    """``Tue 12 Jan 08:00``: a plan date in a sentence, where the weekday matters more
    than the year."""
    return f"{when:%a} {day_month(when)} {when:%H:%M}"
