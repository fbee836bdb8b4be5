"""Recurrences between an ``.ics`` event and a stored window's ``rrule`` text.

A window keeps its recurrence as RFC 5545 lines, which
:func:`app.conflicts.recurrence.occurrences` expands (the one expansion of the
workspace, in the local zone's wall time, so a window stays at its local hour across
daylight saving changes). On import the values are written so that expansion reads
them right:

- an all-day window: ``RRULE:FREQ=YEARLY;UNTIL=20301215`` and
  ``EXDATE;VALUE=DATE:20271215`` (local days);
- a timed window: ``RRULE:FREQ=WEEKLY;UNTIL=20260301T010000`` and
  ``EXDATE:20260112T180000``: local wall-clock times, as that expansion reads values
  without a zone (UTC and ``TZID`` values of the file are converted). Not ``…Z``: the
  scheduler and the calendar view check a rule with ``rrulestr`` against the row's
  naive start, which refuses an UNTIL in UTC and cannot compare a zoned EXDATE.

Expansion is by python-dateutil through that function, not ``recurring-ical-events``:
a window's recurrence lives in a database row, not in an ``icalendar`` component, and
the conflict engine, the scheduler and the calendar view already expand rows with it.
A recurring event from another zone repeats at its first local hour here: across a
daylight saving change that the two zones make on different days, it is an hour off.
On export the stored text (these forms, a bare rule like ``FREQ=YEARLY``, or floating
values) gets its iCalendar form back: ``Z`` for a timed window, ``VALUE=DATE`` for an
all-day one.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import vDDDTypes, vRecur

from app import clock
from app.conflicts.recurrence import occurrences
from app.errors import ValidationError

MAX_PER_YEAR = 400
"""The most occurrences a window may have in a year (a daily window has 365)."""
_YEAR = dt.timedelta(days=366)
_CHECKED_YEARS = 10  # a rule with no occurrence in this long never occurs


class RuleError(ValueError):
    """A recurrence that cannot be kept (the message says why, in a coordinator's words)."""


Moment = dt.date | dt.datetime


def stored_rule(
    rule: vRecur | None, exdates: list[Moment], rdates: list[Moment], all_day: bool
) -> str:
    """The stored text of an event's RRULE, EXDATE and RDATE values (as the file gave them)."""
    lines: list[str] = []
    if rule is not None:
        rule = vRecur(rule)  # a copy: UNTIL changes form here
        if "UNTIL" in rule:
            rule["UNTIL"] = [_kept(u, all_day) for u in rule["UNTIL"]]
        lines.append("RRULE:" + rule.to_ical().decode())
    for name, values in (("EXDATE", exdates), ("RDATE", rdates)):
        texts = sorted({vDDDTypes(_kept(v, all_day)).to_ical().decode() for v in values})
        if texts:
            lines.append(f"{name}{';VALUE=DATE' if all_day else ''}:" + ",".join(texts))
    return "\n".join(lines)


def check_rule(text: str, start: dt.datetime, finish: dt.datetime, name: str) -> None:
    """Raise :class:`RuleError` unless ``text`` repeats the window ``start``–``finish`` sanely.

    It must read, occur at least once, and repeat at most :data:`MAX_PER_YEAR` times a
    year: a never-ending rule every minute would make every range the calendar looks at
    expand into hundreds of thousands of windows.
    """
    if not text:
        return

    def count(span: dt.timedelta) -> int:
        found = occurrences(
            start, finish, text, range_start=start, range_end=start + span, name=name
        )
        return len(found)

    try:
        # A day first: a rule every second has 86,400 occurrences there, not millions.
        day_dense = count(dt.timedelta(days=1)) > MAX_PER_YEAR
        year = 0 if day_dense else count(_YEAR)
        dense = day_dense or year > MAX_PER_YEAR
        never = not dense and year == 0 and count(_CHECKED_YEARS * _YEAR) == 0
    except ValidationError as exc:
        raise RuleError(_reason(str(exc))) from None
    if never:
        raise RuleError("the recurrence never occurs (every date is excluded, or it ends first)")
    if dense:
        ends = (
            ""
            if "COUNT=" in text.upper() or "UNTIL=" in text.upper()
            else (" and never ends (no COUNT or UNTIL)")
        )
        raise RuleError(
            f"the recurrence repeats more than {MAX_PER_YEAR} times a year{ends}; a freeze, "
            "blackout or holiday repeats at most daily"
        )


def _reason(message: str) -> str:
    # "The window 'X' repeats by an unreadable rule '…' (reason)." → "the recurrence …"
    return "the recurrence cannot be read" + (
        f" ({message.rsplit('(', 1)[-1].rstrip('.')}" if "(" in message else ""
    )


def ical_properties(text: str, all_day: bool) -> list[tuple[str, str, bytes]]:
    """``(name, parameters, value)`` of the RRULE, EXDATE and RDATE of stored ``text``.

    A bare rule (``FREQ=YEARLY``, as windows made in ReleaseDesk hold) is an RRULE.
    """
    out: list[tuple[str, str, bytes]] = []
    for line in filter(None, (raw.strip() for raw in text.splitlines())):
        head, sep, value = line.partition(":")
        if not sep:
            head, value = "RRULE", line
        name, *params = head.split(";")
        name = name.strip().upper()
        if name == "RRULE":
            rule = vRecur.from_ical(value)
            if "UNTIL" in rule:
                rule["UNTIL"] = [_out(u, all_day) for u in rule["UNTIL"]]
            out.append(("RRULE", "", rule.to_ical()))
        elif name in ("EXDATE", "RDATE"):
            zone = _zone(params)
            moments = [_out(_parse(v, zone), all_day) for v in value.split(",")]
            out.append(
                (
                    name,
                    ";VALUE=DATE" if all_day else "",
                    b",".join(vDDDTypes(m).to_ical() for m in moments),
                )
            )
    return out


def same_rule(stored: str, imported: str, all_day: bool) -> bool:
    """True when two stored texts say the same recurrence (``FREQ=YEARLY`` and
    ``RRULE:FREQ=YEARLY``; parts in another order), so a re-import keeps the row as is."""
    if stored == imported:
        return True
    try:
        return _normal(stored, all_day) == _normal(imported, all_day)
    except ValueError:
        return False


def _normal(text: str, all_day: bool) -> list[tuple[str, str, object]]:
    return sorted(
        (
            name,
            params,
            sorted(vRecur.from_ical(value.decode()).items()) if name == "RRULE" else value,
        )
        for name, params, value in ical_properties(text, all_day)
    )


def _kept(value: Moment, all_day: bool) -> Moment:
    """``value`` as stored: a local date (all-day) or a naive local wall-clock time."""
    if not isinstance(value, dt.datetime):
        return value if all_day else dt.datetime.combine(value, dt.time())
    if value.tzinfo is None:
        return value.date() if all_day else value  # floating: already local
    local = clock.to_local(value)
    return local.date() if all_day else local


def _out(value: Moment, all_day: bool) -> Moment:
    """``value`` as a local date (all-day) or an aware UTC moment (timed)."""
    if not isinstance(value, dt.datetime):
        if all_day:
            return value
        value = dt.datetime.combine(value, dt.time())  # local midnight
    if all_day:
        return clock.to_local(value.astimezone(dt.UTC)).date()
    return value.astimezone(dt.UTC)  # a naive value is local time (floating)


def _parse(text: str, zone: dt.tzinfo | None) -> Moment:
    text = text.strip()
    if len(text) == 8:
        return dt.date.fromisoformat(text)
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None or zone is None else moment.replace(tzinfo=zone)


def _zone(params: list[str]) -> dt.tzinfo | None:
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().upper() == "TZID":
            try:
                return ZoneInfo(value.strip().strip('"'))
            except (ZoneInfoNotFoundError, ValueError):
                return None
    return None
