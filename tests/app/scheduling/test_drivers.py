"""What set each task's early dates: one hand-checked plan per kind of driver."""

from __future__ import annotations

import datetime as dt

import pytest

from app.scheduling import DriverKind, schedule
from app.scheduling.plan import (
    CalendarSpec,
    ConstraintType,
    FreezeWindow,
    LagUnit,
    PlanSpec,
    WorkingTime,
)

from .helpers import DAY, MONDAY, at, link, plan, task

K = DriverKind


def test_an_fs_link_drives_the_start_and_names_its_predecessor_and_instant() -> None:
    p = plan([task("a"), task("b", 240), task("c")], [link("a", "c"), link("b", "c")])
    s = schedule(p)
    d = s.drivers("c")
    assert d.start.kind == K.LINK and d.start.task_id == "a" and not d.start.to_finish
    assert d.start.link is p.links[0]  # the longer predecessor, not b
    assert d.start.date == at(5, 17)  # a's finish, where the link leaves from
    assert d.finish.kind == K.DURATION
    assert s.drivers("a").driven == ("c",) and s.drivers("b").driven == ()


@pytest.mark.parametrize(
    ("kind", "lag", "unit", "start", "pred_instant"),
    [
        ("SS", 120, LagUnit.WORKING, at(5, 10), at(5, 8)),
        ("FS", 50, LagUnit.PERCENT, at(6, 13), at(5, 17)),  # 50 % of a's day = 4h, lunch
        ("FS", 15 * 60, LagUnit.ELAPSED, at(6, 8), at(5, 17)),  # 17:00 + 15h = 08:00
    ],
)
def test_link_types_and_lag_units(kind, lag, unit, start, pred_instant) -> None:
    s = schedule(plan([task("a"), task("b")], [link("a", "b", kind, lag, unit)]))
    d = s.drivers("b").start
    assert (d.kind, d.date, s["b"].early_start) == (K.LINK, pred_instant, start)
    assert d.link.type == kind and d.link.lag_unit == unit


@pytest.mark.parametrize("kind", ["FF", "SF"])
def test_a_link_to_the_finish_drives_the_finish_and_the_start_follows(kind) -> None:
    s = schedule(plan([task("a", 2 * DAY), task("b")], [link("a", "b", kind, DAY)]))
    d = s.drivers("b")
    assert d.finish.kind == K.LINK and d.finish.to_finish and d.finish.task_id == "a"
    assert d.start.kind == K.DURATION and not d.start.to_finish


def test_the_plan_start_pins_a_task_without_predecessors() -> None:
    d = schedule(plan([task("a")])).drivers("a")
    assert (d.start.kind, d.start.date) == (K.PROJECT_START, MONDAY)


@pytest.mark.parametrize(
    ("constraint", "when", "end"),
    [
        (ConstraintType.SNET, at(7, 8), "start"),
        (ConstraintType.MSO, at(6, 13), "start"),
        (ConstraintType.FNET, at(9, 17), "finish"),
        (ConstraintType.MFO, at(8, 12), "finish"),
    ],
)
def test_a_constraint_pins_its_end(constraint, when, end) -> None:
    s = schedule(plan([task("a", constraint=constraint, constraint_date=when)]))
    d = s.drivers("a")
    pinned = d.finish if end == "finish" else d.start
    assert (pinned.kind, pinned.date, pinned.name) == (K.CONSTRAINT, when, constraint.value)
    assert (s["a"].early_finish if end == "finish" else s["a"].early_start) == when


def test_a_start_no_later_than_kept_against_its_predecessor_pins_the_start() -> None:
    p = plan(
        [task("a", 3 * DAY), task("b", constraint=ConstraintType.SNLT, constraint_date=at(6, 8))],
        [link("a", "b")],
    )
    s = schedule(p)
    assert s.drivers("b").start.kind == K.CONSTRAINT and s["b"].early_start == at(6, 8)
    assert s.drivers("a").driven == ()  # the constraint won, not the link


def test_actual_dates_pin_started_and_finished_work() -> None:
    p = plan(
        [
            task("done", actual_start=at(5, 9), actual_finish=at(6, 11), percent_complete=100),
            task("busy", 2 * DAY, actual_start=at(6, 8), percent_complete=50),
        ],
    )
    s = schedule(p)
    done, busy = s.drivers("done"), s.drivers("busy")
    assert (done.start.kind, done.start.date) == (K.ACTUAL, at(5, 9))
    assert (done.finish.kind, done.finish.date) == (K.ACTUAL, at(6, 11))
    assert (busy.start.kind, busy.finish.kind) == (K.ACTUAL, K.DURATION)


def test_the_status_date_holds_back_remaining_work() -> None:
    p = plan(
        [task("new"), task("busy", 2 * DAY, actual_start=at(5, 8), percent_complete=25)],
        status_date=at(7, 8),
    )
    s = schedule(p)
    new, busy = s.drivers("new"), s.drivers("busy")
    assert (new.start.kind, new.start.date, s["new"].early_start) == (
        K.STATUS_DATE,
        at(7, 8),
        at(7, 8),
    )
    assert (busy.finish.kind, busy.finish.to_finish) == (K.STATUS_DATE, True)
    assert s["busy"].early_finish == at(8, 12)  # 12h left from Wednesday 08:00


def test_a_freeze_window_pushes_a_deployment() -> None:
    window = FreezeWindow(at(5, 0), at(6, 23, 59), "Year-end freeze")
    p = plan([task("deploy", is_deployment=True)], freeze_windows=[window])
    s = schedule(p)
    d = s.drivers("deploy").start
    assert (d.kind, d.name, d.date) == (K.FREEZE_WINDOW, "Year-end freeze", window.finish)
    assert s["deploy"].early_start == at(7, 8)


def test_summaries_roll_up_from_children_and_bound_them_by_their_own_links() -> None:
    p = plan(
        [
            task("pre", 2 * DAY),
            task("phase"),
            task("x", parent_id="phase"),
            task("y", 240, parent_id="phase"),
            task("after"),
        ],
        [link("pre", "phase"), link("x", "y"), link("phase", "after")],
    )
    s = schedule(p)
    phase, x = s.drivers("phase"), s.drivers("x")
    assert (phase.start.kind, phase.start.task_id) == (K.CHILD, "x")
    assert (phase.finish.kind, phase.finish.task_id) == (K.CHILD, "y")
    assert (phase.bound_start.kind, phase.bound_start.task_id) == (K.LINK, "pre")
    assert (x.start.kind, x.start.task_id, x.start.date) == (K.SUMMARY, "phase", at(7, 8))
    after = s.drivers("after").start
    assert (after.kind, after.task_id, after.date) == (K.LINK, "phase", at(8, 12))
    assert phase.driven == ("after",) and s.drivers("pre").driven == ("phase",)


def test_links_between_calendars_compare_in_the_successors_working_time() -> None:
    shift = (WorkingTime(dt.time(6), dt.time(14)),)
    early = CalendarSpec("early", "Early", week=(shift,) * 5 + ((), ()))
    p = PlanSpec(
        [task("a"), task("b", calendar_id="early")],
        [link("a", "b")],
        project_start=MONDAY,
        calendars={"standard": CalendarSpec("standard"), "early": early},
    )
    s = schedule(p)
    d = s.drivers("b").start
    assert (d.kind, d.date, s["b"].early_start) == (K.LINK, at(5, 17), at(6, 6))


def test_unknown_task_raises_key_error() -> None:
    with pytest.raises(KeyError):
        schedule(plan([task("a")])).drivers("nope")
