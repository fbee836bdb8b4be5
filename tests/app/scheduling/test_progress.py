"""Progress, status date and freeze windows."""

from __future__ import annotations

import datetime as dt

from app.scheduling import schedule
from app.scheduling.plan import FreezeWindow

from .helpers import DAY, at, link, plan, task


def test_completed_task_keeps_its_actual_dates():
    result = schedule(plan(
        [task("a", 2 * DAY, actual_start=at(5, 8), actual_finish=at(6, 12),
              percent_complete=100), task("b")],
        [link("a", "b")],
        status_date=at(6, 12),
    ))
    a, b = result.tasks["a"], result.tasks["b"]
    assert (a.early_start, a.early_finish) == (at(5, 8), at(6, 12))
    assert a.is_complete and not a.critical
    assert (b.early_start, b.early_finish) == (at(6, 13), at(7, 12))


def test_remaining_work_is_scheduled_from_the_status_date():
    # a: 2 days, half done on Monday; status Wednesday 08:00 -> remaining day on Wednesday.
    result = schedule(plan(
        [task("a", 2 * DAY, actual_start=at(5, 8), percent_complete=50), task("b")],
        [link("a", "b")],
        status_date=at(7, 8),
    ))
    a, b = result.tasks["a"], result.tasks["b"]
    assert (a.early_start, a.early_finish) == (at(5, 8), at(7, 17))
    assert (b.early_start, b.early_finish) == (at(8, 8), at(8, 17))
    assert not a.is_complete


def test_unstarted_work_does_not_start_before_the_status_date():
    result = schedule(plan([task("a"), task("b")], [link("a", "b")], status_date=at(7, 8)))
    assert result.tasks["a"].early_start == at(7, 8)
    assert result.tasks["b"].early_start == at(8, 8)


def test_on_schedule_progress_without_status_date_keeps_the_plan():
    result = schedule(plan([task("a", 2 * DAY, percent_complete=50)]))
    a = result.tasks["a"]
    assert (a.early_start, a.early_finish) == (at(5, 8), at(6, 17))


def test_deployment_is_pushed_out_of_a_freeze_window():
    freeze = FreezeWindow(dt.datetime(2026, 1, 6, 0, 0), at(7, 12), "year-end freeze")
    result = schedule(plan(
        [task("a"), task("d", DAY, is_deployment=True), task("x")],
        [link("a", "d"), link("a", "x")],
        freeze_windows=[freeze],
    ))
    d, x = result.tasks["d"], result.tasks["x"]
    assert (d.early_start, d.early_finish) == (at(7, 13), at(8, 12))
    assert (x.early_start, x.early_finish) == (at(6, 8), at(6, 17))  # not a deployment


def test_deployment_milestone_inside_a_window_moves_to_its_end():
    freeze = FreezeWindow(at(5, 12), at(6, 17))
    result = schedule(plan(
        [task("a", 240), task("go", 0, milestone=True, is_deployment=True)],
        [link("a", "go")],
        freeze_windows=[freeze],
    ))
    assert result.tasks["go"].early_start == at(6, 17)


def test_late_dates_of_a_deployment_avoid_the_window():
    freeze = FreezeWindow(at(8, 8), at(9, 17))
    result = schedule(plan(
        [task("d", DAY, is_deployment=True), task("z", 5 * DAY)], freeze_windows=[freeze]
    ))
    d = result.tasks["d"]
    assert d.late_finish == at(7, 17)
    assert d.total_float == 2 * DAY


def test_summary_of_finished_work_is_not_critical():
    done = {"actual_start": at(5, 8), "actual_finish": at(5, 17), "percent_complete": 100}
    result = schedule(plan(
        [
            task("p", 0, name="Plan"),
            task("a", DAY, parent_id="p", **done),
            task("b", 0, parent_id="p", milestone=True,
                 actual_start=at(5, 17), actual_finish=at(5, 17), percent_complete=100),
            task("q", 0, name="Build"),
            task("c", 2 * DAY, parent_id="q"),
        ],
        [link("a", "b"), link("b", "c")],
        status_date=at(6, 8),
    ))
    assert not result.tasks["p"].critical  # everything under it is finished
    assert result.tasks["q"].critical and result.tasks["c"].critical
