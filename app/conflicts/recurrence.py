"""The occurrences of a calendar exception (freeze, blackout, holiday) over a range.

A ``calendar_exception`` row stores its first window (``start``/``finish``, naive UTC)
and, in ``rrule``, how it repeats: either a bare RRULE value (``FREQ=YEARLY``, as the
rows written so far hold) or RFC 5545 lines (``RRULE:…`` plus optional ``EXDATE:…`` /
``RDATE:…`` lines, as an iCalendar import keeps them). The rule is expanded in the
window's local zone, so a nightly blackout from 22:00 stays at 22:00 on the wall clock
when daylight saving time starts or ends; the occurrences come back as aware UTC.

Values in the text may be UTC (``…Z``), in a named zone (``EXDATE;TZID=Europe/Paris:…``),
floating (local wall-clock time) or dates (``VALUE=DATE``); all are read as the wall
time of the local zone before the expansion. A rule without COUNT or UNTIL is bounded by
the range asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from dateutil import tz
from dateutil.rrule import rruleset, rrulestr

from app import clock
from app.errors import ValidationError

MAX_OCCURRENCES = 100_000
"""A rule that repeats more often than this before the range ends is refused (a
``FREQ=SECONDLY`` rule, or one started centuries ago), rather than hanging the caller."""

_LIST_LINES = ("EXDATE", "RDATE")


def occurrences(
    start: dt.datetime,
    finish: dt.datetime,
    rule: str,
    *,
    range_start: dt.datetime,
    range_end: dt.datetime,
    zone: dt.tzinfo | None = None,
    name: str = "",
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Every ``(start, end)`` of the window that overlaps ``[range_start, range_end)``.

    ``start``/``finish`` are the stored first window (naive UTC, or aware), ``rule`` the
    row's ``rrule`` text (empty: the window happens once); ``zone`` is where wall-clock
    times are kept (default: :func:`app.clock.zone`). Results are aware UTC, in order. An
    unreadable rule, or one that repeats absurdly often, raises :class:`ValidationError`
    naming the window ``name``.
    """
    first, last = _utc(start), _utc(finish)
    lo, hi = _utc(range_start), _utc(range_end)
    span = last - first
    if not rule.strip():
        return [(first, last)] if first < hi and last > lo else []
    zone = zone or clock.zone()
    wall_start = _wall(first, zone)
    try:
        rules = rrulestr(_floating(rule, zone), dtstart=wall_start, forceset=True)
        assert isinstance(rules, rruleset)
        found = list(_until(rules, _wall(hi, zone), name or rule))
    except (ValueError, TypeError, OverflowError, KeyError) as exc:
        raise ValidationError(
            f"The window '{name or rule}' repeats by an unreadable rule '{one_line(rule)}' ({exc})."
        ) from None
    out = []
    for wall in found:
        a = _utc(wall.replace(tzinfo=zone))
        b = a + span
        if a < hi and b > lo:
            out.append((a, b))
    return out


def one_line(rule: str) -> str:
    """The rule text on one line (lines joined by ``; ``), for a message."""
    return "; ".join(line.strip() for line in rule.splitlines() if line.strip())


def _until(rules: rruleset, end: dt.datetime, name: str) -> Iterator[dt.datetime]:
    for n, wall in enumerate(rules):
        if wall >= end:
            return
        if n >= MAX_OCCURRENCES:
            raise ValidationError(
                f"The window '{name}' repeats more than {MAX_OCCURRENCES:,} times before "
                "the range ends; give its rule a coarser frequency, a COUNT or an UNTIL."
            )
        yield wall


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _wall(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """``moment`` as naive wall-clock time in ``zone``."""
    return _utc(moment).astimezone(zone).replace(tzinfo=None)


def _floating(rule: str, zone: dt.tzinfo) -> str:
    """``rule`` as RFC 5545 lines whose every date-time is naive wall time in ``zone``.

    dateutil compares occurrences with UNTIL and EXDATE values directly, so they must
    all be naive (or all aware); naive wall time is what keeps DST changes right.
    """
    lines = [line.strip() for line in rule.strip().splitlines() if line.strip()]
    if len(lines) == 1 and ":" not in lines[0]:
        lines = ["RRULE:" + lines[0]]
    out = []
    for line in lines:
        head, sep, value = line.partition(":")
        if not sep:
            raise ValueError(f"the line '{line}' has no ':'")
        name, *params = head.split(";")
        name = name.upper()
        if name == "DTSTART":
            continue  # the row's own start is the first window
        if name in ("RRULE", "EXRULE"):
            out.append(f"{name}:{_rule_value(value, zone)}")
        elif name in _LIST_LINES:
            source = _param_zone(params, zone)
            values = ",".join(_moment_text(v, source, zone) for v in value.split(","))
            out.append(f"{name}:{values}")
        else:
            raise ValueError(f"'{name}' is not a recurrence line (RRULE, EXDATE or RDATE)")
    return "\n".join(out)


def _rule_value(value: str, zone: dt.tzinfo) -> str:
    parts = []
    for part in value.split(";"):
        key, _, text = part.partition("=")
        if key.strip().upper() == "UNTIL":
            part = f"UNTIL={_moment_text(text, zone, zone)}"
        parts.append(part)
    return ";".join(parts)


def _param_zone(params: list[str], zone: dt.tzinfo) -> dt.tzinfo:
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().upper() == "TZID":
            found = tz.gettz(value.strip().strip('"'))
            if found is None:
                raise ValueError(f"'{value}' is not a time zone")
            return found
    return zone


def _moment_text(text: str, source: dt.tzinfo, zone: dt.tzinfo) -> str:
    """A DATE or DATE-TIME value as naive wall time in ``zone`` (``YYYYMMDDTHHMMSS``)."""
    text = text.strip()
    if len(text) == 8:  # a DATE: midnight, wall time
        return _basic(dt.datetime.combine(dt.date.fromisoformat(text), dt.time(0)))
    moment = dt.datetime.fromisoformat(text)  # the basic form, with a trailing Z for UTC
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=source)
    return _basic(aware.astimezone(zone))


def _basic(m: dt.datetime) -> str:
    """RFC 5545's DATE-TIME form, without a zone."""
    return f"{m.year:04}{m.month:02}{m.day:02}T{m.hour:02}{m.minute:02}{m.second:02}"


def shifted(rule: str, by: dt.timedelta) -> str:
    """``rule`` with its UNTIL, EXDATE and RDATE moments moved ``by``, in the form they
    had: a series moved on the calendar keeps its last occurrence and its exceptions.
    A DATE value moves by whole days."""
    out = []
    for line in rule.strip().splitlines() if by else ():
        bare = ":" not in line  # a bare RRULE value, as the calendar's form writes
        head, _, value = ("RRULE", ":", line) if bare else line.partition(":")
        name = head.split(";")[0].strip().upper()
        if name in ("RRULE", "EXRULE"):
            value = ";".join(_shifted_until(part, by) for part in value.split(";"))
        elif name in _LIST_LINES:
            value = ",".join(_shifted_moment(v, by) for v in value.split(","))
        out.append(value if bare else f"{head}:{value}")
    return "\n".join(out) if by else rule


def _shifted_until(part: str, by: dt.timedelta) -> str:
    key, _, text = part.partition("=")
    return f"{key}={_shifted_moment(text, by)}" if key.strip().upper() == "UNTIL" else part


def _shifted_moment(text: str, by: dt.timedelta) -> str:
    text = text.strip()
    if len(text) == 8:  # a DATE
        day = dt.date.fromisoformat(text) + dt.timedelta(days=round(by / dt.timedelta(days=1)))
        return f"{day.year:04}{day.month:02}{day.day:02}"
    moment = dt.datetime.fromisoformat(text).replace(tzinfo=None) + by
    return _basic(moment) + ("Z" if text.upper().endswith("Z") else "")
