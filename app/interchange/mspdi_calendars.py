"""MSPDI ``<Calendars>``: working weeks, exceptions and base-calendar inheritance.

``DayType`` 1..7 is Sunday..Saturday (our weeks start on Monday); ``DayType`` 0 is a
Project 2003 style exception (a ``TimePeriod``). Project 2007+ also writes an
``<Exceptions>`` element, usually describing the same days again, so both are read
and duplicates dropped. ``<WorkWeeks>`` (different hours for a date range) have no
counterpart in :class:`CalendarSpec`; they are expanded into day exceptions.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from app.interchange._xml import XmlDoc, parse_bool, parse_datetime, parse_int, parse_time, text
from app.scheduling.plan import STANDARD_DAY, CalendarException, CalendarSpec, WorkingTime

Day = tuple[WorkingTime, ...]
_MAX_WORK_WEEK_DAYS = 3660  # ten years; beyond that a work week is surely a typo


def week_index(day_type: int) -> int:
    """Our Monday-first index of MSPDI ``DayType`` 1 (Sunday) .. 7 (Saturday)."""
    return (day_type + 5) % 7


@dataclass
class _RawCalendar:
    uid: int
    name: str
    base_uid: int | None
    week: list[Day | None] = field(default_factory=lambda: [None] * 7)
    exceptions: list[CalendarException] = field(default_factory=list)


def read_calendars(doc: XmlDoc, warnings: list[str]) -> dict[str, CalendarSpec]:
    """All calendars of the file, inheritance resolved, keyed by ``str(UID)``."""
    raw: dict[int, _RawCalendar] = {}
    for element in doc.root.findall("Calendars/Calendar"):
        uid = parse_int(doc, element, "UID")
        if uid is None:
            raise doc.error("a calendar has no UID", element)
        base = parse_int(doc, element, "BaseCalendarUID", -1)
        cal = _RawCalendar(uid, text(element, "Name") or f"Calendar {uid}", None)
        cal.base_uid = base if base is not None and base >= 0 and base != uid else None
        _read_week_days(doc, element, cal)
        _read_exceptions(doc, element, cal, warnings)
        _read_work_weeks(doc, element, cal, warnings)
        raw[uid] = cal
    resolved: dict[int, CalendarSpec] = {}
    for uid in raw:
        _resolve(doc, uid, raw, resolved)
    return {str(uid): spec for uid, spec in resolved.items()}


def _working_times(doc: XmlDoc, element: ET.Element) -> Day:
    times = []
    for wt in element.findall("WorkingTimes/WorkingTime"):
        start, end = parse_time(doc, wt, "FromTime"), parse_time(doc, wt, "ToTime")
        if start is not None and end is not None:
            times.append(WorkingTime(start, end))
    return tuple(times)


def _day(doc: XmlDoc, element: ET.Element) -> Day:
    if not parse_bool(element, "DayWorking"):
        return ()
    # A working day without hours means "default hours" in Project.
    return _working_times(doc, element) or STANDARD_DAY


def _period(doc: XmlDoc, element: ET.Element) -> tuple[dt.date, dt.date]:
    period = element.find("TimePeriod")
    if period is None:
        raise doc.error("a calendar exception has no <TimePeriod>", element)
    start, end = parse_datetime(doc, period, "FromDate"), parse_datetime(doc, period, "ToDate")
    if start is None or end is None:
        raise doc.error("a calendar exception has no <FromDate> or <ToDate>", period)
    last = end.date()
    # An end at midnight belongs to the day before (Project writes 23:59 itself).
    if end.time() == dt.time(0, 0) and last > start.date():
        last -= dt.timedelta(days=1)
    if last < start.date():
        raise doc.error(f"a calendar exception ends ({end}) before it starts ({start})", period)
    return start.date(), last


def _read_week_days(doc: XmlDoc, element: ET.Element, cal: _RawCalendar) -> None:
    for day in element.findall("WeekDays/WeekDay"):
        day_type = parse_int(doc, day, "DayType")
        if day_type is None or not 0 <= day_type <= 7:
            raise doc.error(f"calendar '{cal.name}' has an unknown DayType {day_type}", day)
        if day_type == 0:
            first, last = _period(doc, day)
            cal.exceptions.append(CalendarException(first, last, _day(doc, day)))
        else:
            cal.week[week_index(day_type)] = _day(doc, day)


def _read_exceptions(
    doc: XmlDoc, element: ET.Element, cal: _RawCalendar, warnings: list[str]
) -> None:
    for exc in element.findall("Exceptions/Exception"):
        first, last = _period(doc, exc)
        kind = parse_int(doc, exc, "Type", 1)
        occurrences = parse_int(doc, exc, "Occurrences", 1) or 1
        name = text(exc, "Name") or ""
        if kind != 1 and occurrences > 1:
            # Recurring patterns (yearly, monthly, weekly) are expanded by Project into
            # DayType 0 entries in <WeekDays>, which are read above.
            warnings.append(
                f"Calendar '{cal.name}': recurring exception '{name}' read only from the "
                "individual days the file lists."
            )
            continue
        cal.exceptions.append(CalendarException(first, last, _day(doc, exc), name))


def _read_work_weeks(
    doc: XmlDoc, element: ET.Element, cal: _RawCalendar, warnings: list[str]
) -> None:
    for ww in element.findall("WorkWeeks/WorkWeek"):
        first, last = _period(doc, ww)
        if (last - first).days > _MAX_WORK_WEEK_DAYS:
            warnings.append(f"Calendar '{cal.name}': work week cut to ten years.")
            last = first + dt.timedelta(days=_MAX_WORK_WEEK_DAYS)
        days: dict[int, Day] = {}
        for day in ww.findall("WeekDays/WeekDay"):
            day_type = parse_int(doc, day, "DayType")
            if day_type is None or not 1 <= day_type <= 7:
                raise doc.error(f"calendar '{cal.name}' has an unknown DayType {day_type}", day)
            days[week_index(day_type)] = _day(doc, day)
        name = text(ww, "Name") or ""
        current = first
        while current <= last:
            if current.weekday() in days:
                hours = days[current.weekday()]
                cal.exceptions.append(CalendarException(current, current, hours, name))
            current += dt.timedelta(days=1)


def _days(exc: CalendarException) -> set[dt.date]:
    count = (exc.finish - exc.start).days + 1
    return {exc.start + dt.timedelta(days=i) for i in range(count)}


def _without_days(exc: CalendarException, taken: set[dt.date]) -> list[CalendarException]:
    """``exc`` minus the days in ``taken``, as maximal runs of consecutive days."""
    runs: list[CalendarException] = []
    current, run_start = exc.start, None
    while current <= exc.finish + dt.timedelta(days=1):
        free = current <= exc.finish and current not in taken
        if free and run_start is None:
            run_start = current
        elif not free and run_start is not None:
            end = current - dt.timedelta(days=1)
            runs.append(CalendarException(run_start, end, exc.working_times, exc.name))
            run_start = None
        current += dt.timedelta(days=1)
    return runs


def merge_exceptions(
    own: list[CalendarException], inherited: tuple[CalendarException, ...] = ()
) -> tuple[CalendarException, ...]:
    """Own exceptions (duplicates dropped, named copies preferred) over inherited ones."""
    unique: dict[tuple[object, ...], CalendarException] = {}
    for exc in own:
        key = (exc.start, exc.finish, exc.working_times)
        if key not in unique or (exc.name and not unique[key].name):
            unique[key] = exc
    result = list(unique.values())
    taken: set[dt.date] = set()
    for exc in result:
        taken |= _days(exc)
    for exc in inherited:
        result.extend(_without_days(exc, taken) if _days(exc) & taken else [exc])
    return tuple(sorted(result, key=lambda e: (e.start, e.finish)))


def _resolve(
    doc: XmlDoc, uid: int, raw: dict[int, _RawCalendar], resolved: dict[int, CalendarSpec]
) -> CalendarSpec:
    """Calendar ``uid`` with its base calendars' weeks and exceptions merged in.

    The chain of bases is walked with a loop, not recursion: a file may chain
    thousands of calendars.
    """
    chain: list[int] = []  # uid, its base, that one's base... up to a resolved one
    current: int | None = uid
    while current is not None and current not in resolved:
        cal = raw[current]
        if current in chain:
            raise doc.error(f"calendar '{cal.name}' is its own base calendar (through others)")
        chain.append(current)
        if cal.base_uid is not None and cal.base_uid not in raw:
            raise doc.error(
                f"calendar '{cal.name}' is based on calendar {cal.base_uid}, "
                "which the file does not contain"
            )
        current = cal.base_uid
    for cid in reversed(chain):  # bases first
        cal = raw[cid]
        base = resolved[cal.base_uid] if cal.base_uid is not None else None
        default_week = base.week if base else CalendarSpec("default").week
        week = tuple(o if o is not None else default_week[i] for i, o in enumerate(cal.week))
        inherited = base.exceptions if base else ()
        resolved[cid] = CalendarSpec(
            str(cid), cal.name, week, merge_exceptions(cal.exceptions, inherited)
        )
    return resolved[uid]
