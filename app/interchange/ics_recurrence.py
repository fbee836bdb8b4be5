"""Recurrences between an ``.ics`` event and a stored window's ``rrule`` text.

A window keeps its recurrence as RFC 5545 lines in the time of its stored start (naive:
UTC for a timed window, the local day for an all-day one), e.g.::

    RRULE:FREQ=YEARLY;UNTIL=20301215T000000
    EXDATE:20271215T000000

so python-dateutil expands it against the naive start (``rrulestr(text, dtstart=start,
forceset=True)``), as the scheduler and the conflict engine do. dateutil (already a
dependency, and what expands windows everywhere else) is used rather than
``recurring-ical-events``: that package expands whole ``icalendar`` components, while
here a rule has to be checked once on import and written back on export, never
expanded from a file. On export the naive values get back their iCalendar form:
``Z`` (UTC) for a timed window, ``VALUE=DATE`` for an all-day one.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable

from dateutil.rrule import rrulestr
from icalendar import vDDDTypes, vRecur

MAX_PER_YEAR = 400
"""The most occurrences a window may have in a year (a daily window has 365)."""
NAIVE = "%Y%m%dT%H%M%S"


class RuleError(ValueError):
    """A recurrence that cannot be kept (the message says why, in a coordinator's words)."""


def stored_rule(
    rule: vRecur | None, exdates: Iterable[dt.datetime], rdates: Iterable[dt.datetime]
) -> str:
    """The stored text of an event's RRULE, EXDATE and RDATE, all given as naive values."""
    lines: list[str] = []
    if rule is not None:
        rule = vRecur(rule)  # a copy: UNTIL becomes naive here
        if "UNTIL" in rule:
            rule["UNTIL"] = [_naive_until(u) for u in rule["UNTIL"]]
        lines.append("RRULE:" + rule.to_ical().decode())
    for name, values in (("EXDATE", exdates), ("RDATE", rdates)):
        texts = sorted({v.strftime(NAIVE) for v in values})
        if texts:
            lines.append(f"{name}:" + ",".join(texts))
    return "\n".join(lines)


def _naive_until(until: dt.date | dt.datetime) -> dt.datetime:
    if not isinstance(until, dt.datetime):
        return dt.datetime.combine(until, dt.time(23, 59, 59))  # the whole last day
    if until.tzinfo is not None:
        return until.astimezone(dt.UTC).replace(tzinfo=None)
    return until


def check_rule(text: str, start: dt.datetime) -> None:
    """Raise :class:`RuleError` unless ``text`` repeats a window starting at ``start`` sanely.

    A rule must read, must occur at least once, and may not repeat more than
    :data:`MAX_PER_YEAR` times a year: a never-ending rule every minute would make every
    range the calendar looks at expand into hundreds of thousands of windows.
    """
    if not text:
        return
    try:
        rules = rrulestr(text, dtstart=start, forceset=True)
        year = list(itertools.islice(rules.xafter(start, inc=True), MAX_PER_YEAR + 1))
    except (ValueError, TypeError, OverflowError) as exc:
        raise RuleError(f"the recurrence cannot be read ({exc})") from None
    if not year:
        raise RuleError("the recurrence never occurs (every date is excluded, or it ends first)")
    if len(year) > MAX_PER_YEAR and year[-1] - year[0] < dt.timedelta(days=366):
        ends = "" if _ends(text) else " and never ends (no COUNT or UNTIL)"
        raise RuleError(
            f"the recurrence repeats more than {MAX_PER_YEAR} times a year{ends}; a freeze, "
            "blackout or holiday repeats at most daily"
        )


def _ends(text: str) -> bool:
    upper = text.upper()
    return "COUNT=" in upper or "UNTIL=" in upper


def ical_properties(text: str, all_day: bool) -> list[tuple[str, str, bytes]]:
    """``(name, parameters, value)`` of the RRULE, EXDATE and RDATE lines of stored ``text``.

    A bare rule (``FREQ=YEARLY``, as windows made in ReleaseDesk hold) is an RRULE.
    """
    out: list[tuple[str, str, bytes]] = []
    for line in filter(None, (raw.strip() for raw in text.splitlines())):
        name, sep, value = line.partition(":")
        if not sep:
            name, value = "RRULE", line
        name = name.split(";", 1)[0].upper()
        if name == "RRULE":
            rule = vRecur.from_ical(value)
            if "UNTIL" in rule:
                rule["UNTIL"] = [_until_out(u, all_day) for u in rule["UNTIL"]]
            out.append(("RRULE", "", rule.to_ical()))
        elif name in ("EXDATE", "RDATE"):
            moments = [dt.datetime.strptime(v.strip()[:15], NAIVE) for v in value.split(",")]
            params = ";VALUE=DATE" if all_day else ""
            out.append((name, params, b",".join(_moment_out(m, all_day) for m in moments)))
    return out


def _until_out(until: dt.date | dt.datetime, all_day: bool) -> dt.date | dt.datetime:
    if not isinstance(until, dt.datetime):
        return until if all_day else dt.datetime.combine(until, dt.time(23, 59, 59), dt.UTC)
    if all_day:
        return until.date()
    return until if until.tzinfo else until.replace(tzinfo=dt.UTC)


def _moment_out(moment: dt.datetime, all_day: bool) -> bytes:
    value = moment.date() if all_day else moment.replace(tzinfo=dt.UTC)
    return vDDDTypes(value).to_ical()
