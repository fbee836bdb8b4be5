"""The bounds every number and date read from a plan file must keep.

Defined once, so both readers (MSPDI and .gan) and both databases (SQLite, which
stores anything, and PostgreSQL, which refuses what does not fit its columns) give the
same answer: a value outside them is refused at the reader, naming the element, before
anything is written. The bounds are wide enough for any real plan.
"""

from __future__ import annotations

import datetime as dt

from app.dates_text import day

EARLIEST = dt.datetime(1900, 1, 1)
"""No plan date before this (dates near year 1 cannot be scheduled around)."""
LATEST = dt.datetime(2200, 12, 31, 23, 59, 59)
"""No plan date after this."""

MAX_DURATION_MINUTES = 50 * 52 * 5 * 8 * 60
"""Fifty years of 40-hour weeks (6,240,000 minutes): the longest duration or lag. It
fits Task.duration_minutes, a 32-bit integer on PostgreSQL (2,147,483,647), and keeps a
task on a usual calendar well within the engine's reach (a calendar spans 120 years)."""
MAX_LAG_PERCENT = 10_000.0
"""A lag given as a percentage of the predecessor's duration: at most 100 times it."""
MAX_INTEGER = 2**31 - 1
"""Any other whole number in a file (ids, codes, levels): a 32-bit integer."""
MAX_NUMBER = 1e15
"""Any other decimal number in a file (slack, percentages before their own check)."""

MAX_PLAN_FILE_BYTES = 1 << 30
"""The largest plan file read (1 GiB; a 100,000-task MSPDI file is about 660 MB)."""


def within_dates(value: dt.datetime | dt.date) -> bool:
    """True when ``value`` lies between :data:`EARLIEST` and :data:`LATEST`."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    return EARLIEST <= value <= LATEST


def date_range_words() -> str:
    """The allowed dates, for messages."""
    return f"{day(EARLIEST)} and {day(LATEST)}"
