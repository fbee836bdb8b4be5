"""Working-time arithmetic: weekends, lunch break, holidays, exceptions, 17:00 == 08:00."""

from __future__ import annotations

import datetime as dt

import pytest

from app.scheduling.calendar import WorkingCalendar
from app.scheduling.errors import CalendarError
from app.scheduling.plan import CalendarException, CalendarSpec, WorkingTime

from .helpers import at

T = dt.time


@pytest.fixture
def std() -> WorkingCalendar:
    return WorkingCalendar(CalendarSpec("standard"), dt.date(2026, 1, 5))


def test_friday_evening_and_monday_morning_are_the_same_working_instant(std):
    assert std.ordinal(at(9, 17)) == std.ordinal(at(12, 8))
    o = std.ordinal(at(9, 17))
    assert std.datetime_of(o, finish=True) == at(9, 17)
    assert std.datetime_of(o, finish=False) == at(12, 8)


def test_weekend_and_night_map_to_the_next_working_minute(std):
    assert std.ordinal(dt.datetime(2026, 1, 10, 11, 0)) == std.ordinal(at(12, 8))
    assert std.ordinal(at(6, 20)) == std.ordinal(at(7, 8))
    assert std.ordinal(at(6, 3)) == std.ordinal(at(6, 8))


def test_lunch_break_is_not_working_time(std):
    assert std.ordinal(at(5, 12)) == std.ordinal(at(5, 13))
    assert std.ordinal(at(5, 12, 30)) == std.ordinal(at(5, 13))
    assert std.add(at(5, 11, 30), 60) == at(5, 13, 30)
    # A finish at the end of the morning shows 12:00, a start after it 13:00.
    o = std.ordinal(at(5, 12))
    assert std.datetime_of(o, finish=True) == at(5, 12)
    assert std.datetime_of(o, finish=False) == at(5, 13)


def test_adding_and_measuring_working_minutes(std):
    assert std.add(at(5, 8), 480) == at(5, 17)
    assert std.add(at(9, 16), 120) == at(12, 9)  # over the weekend
    assert std.add(at(12, 9), -120) == at(9, 16)
    assert std.work_between(at(9, 8), at(12, 17)) == 960
    assert std.ordinal(at(5, 8)) - std.ordinal(dt.datetime(2026, 1, 2, 17)) == 0


def test_german_holidays_are_not_working_days():
    cal = WorkingCalendar(CalendarSpec("de", holiday_country="DE"), dt.date(2026, 1, 5))
    # Good Friday 2026-04-03 and Easter Monday 2026-04-06.
    assert not cal.is_working_day(dt.date(2026, 4, 3))
    assert not cal.is_working_day(dt.date(2026, 4, 6))
    assert cal.add(dt.datetime(2026, 4, 2, 16), 120) == dt.datetime(2026, 4, 7, 9)
    assert cal.is_working_day(dt.date(2026, 4, 7))


def test_calendar_grows_lazily_in_both_directions(std):
    far = dt.datetime(2040, 3, 1, 10)  # a Thursday
    assert std.datetime_of(std.ordinal(far), finish=True) == far
    old = dt.datetime(2019, 6, 4, 9)
    assert std.datetime_of(std.ordinal(old), finish=False) == old


def test_exceptions_remove_days_and_give_special_hours():
    spec = CalendarSpec(
        "plant",
        exceptions=(
            CalendarException(dt.date(2026, 1, 6), dt.date(2026, 1, 7), name="shutdown"),
            CalendarException(
                dt.date(2026, 1, 10), dt.date(2026, 1, 10), (WorkingTime(T(9), T(13)),)
            ),
        ),
    )
    cal = WorkingCalendar(spec, dt.date(2026, 1, 5))
    assert cal.add(at(5, 17), 60) == at(8, 9)
    assert cal.is_working_day(dt.date(2026, 1, 10))  # the special Saturday
    assert cal.add(at(9, 17), 60) == dt.datetime(2026, 1, 10, 10)
    assert cal.add(at(9, 17), 300) == at(12, 9)


def test_exception_overrides_a_holiday():
    spec = CalendarSpec(
        "de",
        holiday_country="DE",
        exceptions=(CalendarException(dt.date(2026, 4, 3), dt.date(2026, 4, 3),
                                      (WorkingTime(T(8), T(12)),)),),
    )
    cal = WorkingCalendar(spec, dt.date(2026, 1, 5))
    assert cal.add(dt.datetime(2026, 4, 2, 17), 240) == dt.datetime(2026, 4, 3, 12)


def test_midnight_end_and_round_the_clock_calendar():
    allday = ((WorkingTime(T(0), T(0)),),) * 7
    cal = WorkingCalendar(CalendarSpec("24x7", week=allday), dt.date(2026, 1, 5))
    assert cal.add(at(9, 20), 24 * 60) == dt.datetime(2026, 1, 10, 20)


def test_unusable_calendars_raise_readable_errors():
    with pytest.raises(CalendarError, match="no working time"):
        WorkingCalendar(CalendarSpec("none", week=((),) * 7), dt.date(2026, 1, 5))
    with pytest.raises(CalendarError, match="XX"):
        WorkingCalendar(CalendarSpec("x", holiday_country="XX"), dt.date(2026, 1, 5))
    bad = ((WorkingTime(T(12), T(8)),),) * 7
    with pytest.raises(CalendarError, match="ends before it starts"):
        WorkingCalendar(CalendarSpec("bad", week=bad), dt.date(2026, 1, 5))
