"""Storing a working week in a calendar row: usual hours plus the weekdays that differ."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import ValidationError
from app.scheduling.plan import STANDARD_DAY, WorkingTime
from app.services.plan_calendars import build_freeze_windows, format_week, parse_week

MORNING = (WorkingTime(dt.time(8), dt.time(12)),)
NIGHT = (WorkingTime(dt.time(0), dt.time(3)), WorkingTime(dt.time(4), dt.time(8)))
LATE = (WorkingTime(dt.time(23), dt.time(0)),)
DAYS = st.sampled_from([(), STANDARD_DAY, MORNING, NIGHT, NIGHT + LATE, LATE])


def test_standard_week_needs_no_weekday_hours() -> None:
    week = (STANDARD_DAY,) * 5 + ((), ())
    assert format_week(week) == ("1111100", "08:00-12:00,13:00-17:00", "")
    assert parse_week("1111100", "08:00-12:00,13:00-17:00", "", "Standard") == week


def test_short_friday_is_listed_as_a_weekday() -> None:
    week = (STANDARD_DAY,) * 4 + (MORNING, (), ())
    assert format_week(week) == ("1111100", "08:00-12:00,13:00-17:00", "Fri=08:00-12:00")


def test_night_shift_keeps_every_day() -> None:
    """Microsoft Project's Night Shift base calendar: Monday starts at 23:00."""
    week = (LATE, NIGHT + LATE, NIGHT + LATE, NIGHT + LATE, NIGHT + LATE, NIGHT, ())
    days, hours, weekday_hours = format_week(week)
    assert (days, hours) == ("1111110", "00:00-03:00,04:00-08:00,23:00-00:00")
    assert weekday_hours == "Mon=23:00-00:00;Sat=00:00-03:00,04:00-08:00"
    assert parse_week(days, hours, weekday_hours, "Night Shift") == week


@given(st.tuples(*[DAYS] * 7))
def test_every_week_reads_back_as_written(week: tuple) -> None:
    assert parse_week(*format_week(week), "A calendar") == week


def test_weekday_hours_on_a_day_off_do_not_make_it_work() -> None:
    assert parse_week("1111100", "08:00-17:00", "Sat=09:00-13:00", "Cal")[5] == ()


@pytest.mark.parametrize("text", ["Friday 08:00-12:00", "Xyz=08:00-12:00", "Fri=8-12"])
def test_unreadable_weekday_hours_name_the_calendar(text: str) -> None:
    with pytest.raises(ValidationError, match="The calendar 'Ops'"):
        parse_week("1111100", "08:00-17:00", text, "The calendar 'Ops'")


@pytest.mark.parametrize("start", [dt.datetime(2028, 2, 29, 8), dt.datetime(2027, 3, 1, 8)])
def test_a_yearly_freeze_repeats_around_a_plan_starting_on_a_leap_day(start) -> None:
    """The horizon of repetitions is whole days: 29 February has no twin five years on."""
    freeze = (None, None, "Year-end", "freeze", dt.datetime(2020, 12, 15),
              dt.datetime(2021, 1, 5, 23, 59), None, "FREQ=YEARLY")
    windows = build_freeze_windows([freeze], {None}, start, warnings := [])
    assert not warnings
    assert [w.start.year for w in windows] == list(range(start.year - 1, start.year + 5))
