"""Hand-checked link types, lags and leads (week of Monday 2026-01-05, 8 h days)."""

from __future__ import annotations

import pytest

from app.scheduling import schedule
from app.scheduling.plan import LagUnit

from .helpers import DAY, at, link, plan, task


def dates(result, tid):
    r = result.tasks[tid]
    return r.early_start, r.early_finish


@pytest.mark.parametrize(
    ("kind", "lag", "a_len", "b_len", "start", "finish"),
    [
        ("FS", 0, DAY, 2 * DAY, at(6, 8), at(7, 17)),
        ("FS", 240, DAY, 2 * DAY, at(6, 13), at(8, 12)),  # lag ends at noon: start after lunch
        ("FS", -240, DAY, 2 * DAY, at(5, 13), at(7, 12)),  # lead
        ("FS", DAY, DAY, DAY, at(7, 8), at(7, 17)),
        ("SS", 240, DAY, 2 * DAY, at(5, 13), at(7, 12)),
        ("SS", -DAY, DAY, DAY, at(5, 8), at(5, 17)),  # a lead cannot go before project start
        ("FF", 0, 2 * DAY, DAY, at(6, 8), at(6, 17)),
        ("FF", DAY, 2 * DAY, DAY, at(7, 8), at(7, 17)),
        ("FF", -240, 2 * DAY, DAY, at(5, 13), at(6, 12)),
        ("SF", 2 * DAY, DAY, DAY, at(6, 8), at(6, 17)),
        ("SF", 3 * DAY, DAY, 2 * DAY, at(6, 8), at(7, 17)),
    ],
)
def test_link_types_with_lag_and_lead(kind, lag, a_len, b_len, start, finish):
    result = schedule(plan([task("a", a_len), task("b", b_len)], [link("a", "b", kind, lag)]))
    assert dates(result, "a") == (at(5, 8), result.tasks["a"].early_finish)
    assert dates(result, "b") == (start, finish)


def test_elapsed_lag_counts_nights_and_weekends():
    # a: Mon-Fri; +24 h elapsed from Fri 17:00 is Sat 17:00 -> next work Mon 08:00.
    result = schedule(plan(
        [task("a", 5 * DAY), task("b")],
        [link("a", "b", "FS", 24 * 60, LagUnit.ELAPSED)],
    ))
    assert dates(result, "b") == (at(12, 8), at(12, 17))
    # Monday 17:00 + 12 h = Tuesday 05:00 -> Tuesday 08:00.
    result = schedule(plan(
        [task("a"), task("b")], [link("a", "b", "FS", 12 * 60, LagUnit.ELAPSED)]
    ))
    assert dates(result, "b") == (at(6, 8), at(6, 17))


def test_percent_lag_is_a_share_of_the_predecessor_duration():
    result = schedule(plan(
        [task("a", 2 * DAY), task("b")], [link("a", "b", "SS", 50, LagUnit.PERCENT)]
    ))
    assert dates(result, "b") == (at(6, 8), at(6, 17))


def test_late_dates_and_floats_of_a_diamond():
    # a(1d) -> b(2d) -> m ; a -> c(1d) -> m : c has one day of float.
    result = schedule(plan(
        [task("a"), task("b", 2 * DAY), task("c"), task("m", 0, milestone=True)],
        [link("a", "b"), link("a", "c"), link("b", "m"), link("c", "m")],
    ))
    c = result.tasks["c"]
    assert (c.late_start, c.late_finish) == (at(7, 8), at(7, 17))
    assert (c.total_float, c.free_float) == (DAY, DAY)
    assert not c.critical and c.near_critical
    for tid in "abm":
        assert result.tasks[tid].critical
        assert result.tasks[tid].total_float == 0
    assert result.critical_path == (("a", "b", "m"),)
    assert result.finish == at(7, 17)
    m = result.tasks["m"]
    assert m.is_milestone and m.early_start == m.early_finish == at(7, 17)


def test_free_float_is_measured_to_the_successor_and_to_the_plan_finish():
    result = schedule(plan(
        [task("a"), task("b"), task("c", 3 * DAY)], [link("a", "b")]
    ))
    # b can slip to the end of the plan (Wed 17:00); a only as far as b lets it.
    assert result.tasks["b"].free_float == DAY
    assert result.tasks["a"].free_float == 0
    assert result.tasks["a"].total_float == DAY


def test_links_across_releases_schedule_as_one_graph():
    result = schedule(plan(
        [task("a", release_id="r1"), task("b", release_id="r2"), task("c", release_id="r2")],
        [link("a", "b"), link("b", "c")],
    ))
    assert result.release_finish == {"r1": at(5, 17), "r2": at(7, 17)}


def test_tasks_on_another_calendar_convert_between_calendars():
    import datetime as dt

    from app.scheduling.plan import CalendarSpec, WorkingTime

    allday = ((WorkingTime(dt.time(0), dt.time(0)),),) * 7
    cals = {"standard": CalendarSpec("standard"), "ops": CalendarSpec("ops", week=allday)}
    result = schedule(plan(
        [task("a"), task("b", DAY, calendar_id="ops"), task("c")],
        [link("a", "b"), link("b", "c")],
        calendars=cals,
    ))
    # b runs through the night on the round-the-clock calendar.
    assert dates(result, "b") == (at(5, 17), at(6, 1))
    assert dates(result, "c") == (at(6, 8), at(6, 17))
    assert result.tasks["c"].critical
