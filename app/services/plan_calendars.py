"""Working calendars and freeze windows of a plan, from calendar rows.

Rows come from :mod:`app.services.plan_loader` as plain tuples. Recurring exceptions
(an RFC 5545 ``rrule``, e.g. ``FREQ=YEARLY`` for the year-end freeze) are expanded with
python-dateutil over a horizon around the project start, because the engine works with
explicit dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from dateutil.rrule import rrulestr

from app.errors import ValidationError
from app.scheduling.plan import (
    STANDARD_DAY,
    CalendarException,
    CalendarSpec,
    FreezeWindow,
    WorkingTime,
)
from models.enums import CalendarExceptionKind

STANDARD_CALENDAR_ID = "standard"
RECURRENCE_YEARS = 5  # recurring exceptions are expanded this far past the project start
_HOLIDAY = CalendarExceptionKind.HOLIDAY.value
_WORKING = CalendarExceptionKind.WORKING.value
_WINDOW_KINDS = (CalendarExceptionKind.FREEZE.value, CalendarExceptionKind.BLACKOUT.value)


def parse_hours(text: str, owner: str) -> tuple[WorkingTime, ...]:
    """``"08:00-12:00,13:00-17:00"`` as working intervals; ValidationError when unreadable."""
    out = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        try:
            a, b = part.split("-")
            out.append(
                WorkingTime(dt.time.fromisoformat(a.strip()), dt.time.fromisoformat(b.strip()))
            )
        except ValueError:
            raise ValidationError(
                f"{owner} has unreadable working hours '{text}' (expected e.g. "
                "'08:00-12:00,13:00-17:00')."
            ) from None
    return tuple(out)


def format_hours(times: Iterable[WorkingTime]) -> str:
    """The inverse of :func:`parse_hours`."""
    return ",".join(f"{w.start:%H:%M}-{w.end:%H:%M}" for w in times)


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

Week = tuple[tuple[WorkingTime, ...], ...]


def parse_week(days: str, hours: str, weekday_hours: str, owner: str) -> Week:
    """A stored calendar's working week, Monday first (an empty day does not work).

    ``days`` are seven 0/1 flags, ``hours`` the usual working day and ``weekday_hours``
    the working days that differ from it (``"Fri=08:00-12:00;Sat=09:00-13:00"``).
    """
    usual = parse_hours(hours, owner)
    week = [usual if flag == "1" else () for flag in (days + "0000000")[:7]]
    for part in filter(None, (p.strip() for p in (weekday_hours or "").split(";"))):
        name, sep, times = part.partition("=")
        day = name.strip().title()
        if not sep or day not in WEEKDAYS:
            raise ValidationError(
                f"{owner} has unreadable hours per weekday '{weekday_hours}' (expected e.g. "
                "'Fri=08:00-12:00;Sat=09:00-13:00')."
            )
        if week[WEEKDAYS.index(day)]:
            week[WEEKDAYS.index(day)] = parse_hours(times, owner)
    return tuple(week)


def format_week(week: Week) -> tuple[str, str, str]:
    """``(days, hours, weekday_hours)`` storing ``week``: the inverse of :func:`parse_week`.

    The usual hours are those most working days work (the earliest such day on a tie).
    """
    working = [day for day in week if day]
    usual = max(working, key=working.count) if working else ()
    days = "".join("1" if day else "0" for day in week)
    differ = ";".join(
        f"{name}={format_hours(day)}"
        for name, day in zip(WEEKDAYS, week, strict=True)
        if day and day != usual
    )
    return days, format_hours(usual), differ


def _occurrences(
    start: dt.datetime, finish: dt.datetime, rule: str, horizon: tuple[dt.datetime, dt.datetime],
    name: str, warnings: list[str],
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The window itself, or every repetition of it that touches ``horizon``."""
    if not rule.strip():
        return [(start, finish)]
    span = finish - start
    try:
        rules = rrulestr(rule, dtstart=start, forceset=True)
        found = rules.between(horizon[0] - span, horizon[1], inc=True)
    except (ValueError, TypeError) as exc:
        warnings.append(f"'{name}' repeats by an unreadable rule '{rule}' ({exc}); used once.")
        return [(start, finish)]
    return [(o, o + span) for o in found]


def _last_day(start: dt.datetime, finish: dt.datetime) -> dt.date:
    # A finish at midnight means "up to the end of the previous day".
    if finish.time() == dt.time(0) and finish > start:
        return (finish - dt.timedelta(days=1)).date()
    return finish.date()


def _horizon(start: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    # Whole days, not replace(year=...): a plan starting on 29 February has a horizon too;
    # clamped, so that a start stored near year 1 or 9999 is scheduled, not a crash.
    before, after = dt.timedelta(days=366), dt.timedelta(days=366 * RECURRENCE_YEARS)
    first = start - before if start - dt.datetime.min > before else dt.datetime.min
    last = start + after if dt.datetime.max - start > after else dt.datetime.max
    return first, last


Row = tuple[Any, ...]


def build_calendars(
    calendar_rows: Sequence[Row],
    exception_rows: Sequence[Row],
    domain_calendars: Mapping[str, str],
    used: set[str],
    start: dt.datetime,
    warnings: list[str],
) -> dict[str, CalendarSpec]:
    """The ``used`` calendars with their holidays and special working days.

    ``calendar_rows`` are ``(id, name, working_days, working_hours, weekday_hours,
    holiday_country)``,
    ``exception_rows`` ``(calendar_id, domain_id, name, kind, start, finish,
    working_hours, rrule)``. An exception applies to its calendar, else to its domain's
    calendar, else (workspace-wide) to every calendar. An unknown id falls back to
    the standard week (Mon-Fri 08-12, 13-17).
    """
    horizon = _horizon(start)
    by_domain: dict[str, list[str]] = {}
    for dom, cal in domain_calendars.items():
        by_domain.setdefault(dom, []).append(cal)
    # (first day, last day, working hours or None for a holiday, name) per calendar
    found: dict[str, list[tuple[dt.date, dt.date, tuple[WorkingTime, ...] | None, str]]] = {
        cid: [] for cid in used
    }
    for cal_id, domain_id, name, kind, s, f, hours, rule in exception_rows:
        if kind not in (_HOLIDAY, _WORKING):
            continue
        if cal_id is not None:
            targets = [cal_id]
        elif domain_id is not None:
            targets = by_domain.get(domain_id, [])
        else:
            targets = list(used)
        targets = [t for t in targets if t in found]
        if not targets:
            continue
        times = parse_hours(hours, f"The exception '{name}'") if kind == _WORKING else None
        for a, b in _occurrences(s, f, rule, horizon, name, warnings):
            for t in targets:
                found[t].append((a.date(), _last_day(a, b), times, name))
    known = {c[0]: c for c in calendar_rows}
    out: dict[str, CalendarSpec] = {}
    for cid in sorted(used):
        row = known.get(cid)
        if row is None:
            if cid != STANDARD_CALENDAR_ID:
                warnings.append(f"A calendar ({cid}) was deleted; the standard one is used.")
            name, week, country = "Standard", (STANDARD_DAY,) * 5 + ((), ()), None
        else:
            _, name, days, hours, weekday_hours, country = row
            week = parse_week(days, hours, weekday_hours, f"The calendar '{name}'")
        usual = next((d for d in week if d), STANDARD_DAY)
        # A special working day without hours of its own works the calendar's usual day.
        exceptions = [
            CalendarException(a, b, () if times is None else (times or usual), label)
            for a, b, times, label in found[cid]
        ]
        out[cid] = CalendarSpec(cid, name, week, _merged(exceptions), country or None)
    return out


def _merged(exceptions: list[CalendarException]) -> tuple[CalendarException, ...]:
    unique = {(e.start, e.finish, e.working_times): e for e in exceptions}
    return tuple(sorted(unique.values(), key=lambda e: (e.start, e.finish)))


def build_freeze_windows(
    exception_rows: Sequence[Row],
    domains: set[str | None],
    start: dt.datetime,
    warnings: list[str],
) -> list[FreezeWindow]:
    """Freeze and blackout windows of a plan whose releases belong to ``domains``.

    The engine applies a window to every deployment task, so a window narrowed to one
    domain is used only when the plan holds that domain alone (left out with a warning
    when the plan mixes it with others).
    """
    horizon = _horizon(start)
    out: list[FreezeWindow] = []
    for _cal, domain_id, name, kind, s, f, _hours, rule in exception_rows:
        if kind not in _WINDOW_KINDS:
            continue
        if domain_id is not None and domains != {domain_id}:
            if domain_id in domains:
                warnings.append(
                    f"The {kind} window '{name}' concerns one domain only and was left out "
                    "of this plan, which mixes domains."
                )
            continue
        for a, b in _occurrences(s, f, rule, horizon, name, warnings):
            out.append(FreezeWindow(a, b, name))
    return sorted(out, key=lambda w: w.start)
