"""Write :class:`CalendarSpec` objects as MSPDI ``<Calendar>`` elements.

Exceptions are written twice, as Project 2007+ itself does: as ``DayType`` 0 entries
(read by Project 2003 and older tools) and in ``<Exceptions>`` (Project 2007+, with
names). A ``holiday_country`` has no MSPDI equivalent, so its public holidays are
written as named exceptions for a few years around the project start.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping

import holidays

from app.interchange.mspdi_calendars import merge_exceptions
from app.scheduling.plan import CalendarException, CalendarSpec, WorkingTime

HOLIDAY_YEARS_BEFORE, HOLIDAY_YEARS_AFTER = 1, 3


def _text(parent: ET.Element, tag: str, value: object) -> None:
    ET.SubElement(parent, tag).text = str(value)


def _times(parent: ET.Element, times: tuple[WorkingTime, ...]) -> None:
    if not times:
        return
    times_el = ET.SubElement(parent, "WorkingTimes")
    for wt in times:
        wt_el = ET.SubElement(times_el, "WorkingTime")
        _text(wt_el, "FromTime", wt.start.strftime("%H:%M:%S"))
        _text(wt_el, "ToTime", wt.end.strftime("%H:%M:%S"))


def _period(parent: ET.Element, exc: CalendarException) -> None:
    period = ET.SubElement(parent, "TimePeriod")
    _text(period, "FromDate", f"{exc.start.isoformat()}T00:00:00")
    _text(period, "ToDate", f"{exc.finish.isoformat()}T23:59:00")


def holiday_exceptions(country: str, first_year: int, last_year: int) -> list[CalendarException]:
    """Public holidays of ``country`` as non-working exceptions."""
    table = holidays.country_holidays(country, years=range(first_year, last_year + 1))
    return [CalendarException(day, day, (), name) for day, name in sorted(table.items())]


def write_calendars(
    root: ET.Element,
    calendars: Mapping[str, CalendarSpec],
    uids: Mapping[str, int],
    start_year: int,
) -> None:
    """Append ``<Calendars>`` to ``root``, every calendar a base calendar."""
    calendars_el = ET.SubElement(root, "Calendars")
    for cal_id, cal in calendars.items():
        exceptions = cal.exceptions
        if cal.holiday_country:
            extra = holiday_exceptions(
                cal.holiday_country,
                start_year - HOLIDAY_YEARS_BEFORE,
                start_year + HOLIDAY_YEARS_AFTER,
            )
            exceptions = merge_exceptions(list(cal.exceptions), tuple(extra))
        el = ET.SubElement(calendars_el, "Calendar")
        _text(el, "UID", uids[cal_id])
        _text(el, "Name", cal.name)
        _text(el, "IsBaseCalendar", 1)
        _text(el, "IsBaselineCalendar", 0)
        _text(el, "BaseCalendarUID", -1)
        week_el = ET.SubElement(el, "WeekDays")
        for day_type in range(1, 8):  # Sunday .. Saturday
            times = cal.week[(day_type + 5) % 7]
            day_el = ET.SubElement(week_el, "WeekDay")
            _text(day_el, "DayType", day_type)
            _text(day_el, "DayWorking", 1 if times else 0)
            _times(day_el, times)
        for exc in exceptions:
            day_el = ET.SubElement(week_el, "WeekDay")
            _text(day_el, "DayType", 0)
            _text(day_el, "DayWorking", 1 if exc.working_times else 0)
            _period(day_el, exc)
            _times(day_el, exc.working_times)
        if exceptions:
            exceptions_el = ET.SubElement(el, "Exceptions")
            for exc in exceptions:
                exc_el = ET.SubElement(exceptions_el, "Exception")
                _text(exc_el, "EnteredByOccurrences", 0)
                _period(exc_el, exc)
                _text(exc_el, "Occurrences", 1)
                _text(exc_el, "Name", exc.name)
                _text(exc_el, "Type", 1)
                _text(exc_el, "DayWorking", 1 if exc.working_times else 0)
                _times(exc_el, exc.working_times)
