"""Tasks whose duration is elapsed time: they run around the clock, weekends included.

Microsoft Project's example is concrete curing: painting ends Friday 17:00, two
elapsed days of drying end Sunday 17:00 and the next working task starts Monday 08:00.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from app.scheduling import schedule
from app.scheduling.calendar import WorkingCalendar, wall_minute
from app.scheduling.plan import CalendarSpec, LinkType, PlanSpec, TaskSpec

from .helpers import DAY, MONDAY, at, link, plan, task

HOURS = 60
FRIDAY = at(9, 8)
CAL = WorkingCalendar(CalendarSpec("standard"), MONDAY.date())


def on_friday(tasks, links):
    return PlanSpec(tasks, links, project_start=FRIDAY)


def dates(result, tid):
    t = result.tasks[tid]
    return t.early_start, t.early_finish, t.late_start, t.late_finish


def test_elapsed_task_runs_over_the_weekend():
    result = schedule(on_friday(
        [task("paint"), task("cure", 2 * 24 * HOURS, elapsed=True), task("tile")],
        [link("paint", "cure"), link("cure", "tile")],
    ))
    assert dates(result, "cure")[:2] == (at(9, 17), at(11, 17))  # Friday 17:00 -> Sunday
    assert dates(result, "tile")[:2] == (at(12, 8), at(12, 17))
    assert result.finish == at(12, 17)
    assert all(t.total_float == 0 and t.critical for t in result.tasks.values())
    assert result.critical_path == (("paint", "cure", "tile"),)


def test_elapsed_task_first_thing_on_friday_ends_on_monday():
    """It used to show Friday 17:00 as its finish and -2 days of float."""
    result = schedule(on_friday(
        [task("soak", 3 * 24 * HOURS, elapsed=True), task("next")], [link("soak", "next")]
    ))
    assert dates(result, "soak") == (at(9, 8), at(12, 8), at(9, 8), at(12, 8))
    assert dates(result, "next")[:2] == (at(12, 8), at(12, 17))
    assert result.tasks["soak"].total_float == 0


def test_late_dates_of_an_elapsed_task_are_wall_clock_too():
    # 36 h from Friday 17:00 ends Sunday 05:00; "tile" waits for Monday 08:00 anyway,
    # so curing may finish as late as Monday 08:00 and start Saturday 20:00.
    result = schedule(on_friday(
        [task("paint"), task("cure", 36 * HOURS, elapsed=True), task("tile")],
        [link("paint", "cure"), link("cure", "tile")],
    ))
    assert dates(result, "cure") == (at(9, 17), at(11, 5), at(10, 20), at(12, 8))
    assert result.tasks["cure"].total_float == 0  # no working time between the two


def test_elapsed_task_with_float_keeps_it_in_working_minutes():
    result = schedule(plan(
        [task("a", 3 * DAY), task("cure", 24 * HOURS, elapsed=True), task("z")],
        [link("a", "z"), link("cure", "z")],
    ))
    assert dates(result, "cure")[:2] == (at(5, 8), at(6, 8))
    # "z" starts Thursday 08:00, so curing may run Wednesday 08:00 -> Thursday 08:00.
    assert dates(result, "cure")[2:] == (at(7, 8), at(8, 8))
    assert result.tasks["cure"].total_float == 2 * DAY


@st.composite
def elapsed_plans(draw):
    n = draw(st.integers(2, 7))
    tasks = [
        TaskSpec(
            f"t{i}", f"T{i}",
            draw(st.sampled_from((0, 90, 480, 960, 1440, 2880, 4000))),
            elapsed=draw(st.booleans()),
        )
        for i in range(n)
    ]
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=10))
    kinds = [draw(st.sampled_from(list(LinkType))) for _ in chosen]
    links = [link(f"t{i}", f"t{j}", kind) for (i, j), kind in zip(chosen, kinds, strict=True)]
    start = MONDAY + dt.timedelta(days=draw(st.integers(0, 6)), hours=draw(st.integers(0, 9)))
    return PlanSpec(tasks, links, project_start=start)


def _end(result, spec: TaskSpec, which: str, early: bool) -> int:
    """A date of ``spec`` as a wall minute for an elapsed task, else a working minute.

    Working tasks show an instant of working time either way round (a milestone after
    Friday's work shows Friday 17:00, which is Monday 08:00 in working time).
    """
    t = result.tasks[spec.id]
    when = {
        ("start", True): t.early_start, ("finish", True): t.early_finish,
        ("start", False): t.late_start, ("finish", False): t.late_finish,
    }[which, early]
    return wall_minute(when) if spec.elapsed else CAL.ordinal(when)


@settings(max_examples=80, deadline=None)
@given(elapsed_plans())
def test_links_hold_on_the_wall_clock_and_elapsed_spans_are_exact(plan_):
    result = schedule(plan_)
    specs = {t.id: t for t in plan_.tasks}
    for lk in plan_.links:
        src = "finish" if lk.type in ("FS", "FF") else "start"
        dst = "finish" if lk.type in ("FF", "SF") else "start"
        pred, succ = specs[lk.predecessor_id], specs[lk.successor_id]
        for early in (True, False):
            # compared the way the successor counts time
            pred_end = result.tasks[pred.id]
            when = getattr(pred_end, f"{'early' if early else 'late'}_{src}")
            bound = wall_minute(when) if succ.elapsed else CAL.ordinal(when)
            if succ.elapsed and not pred.elapsed:
                bound = min(bound, wall_minute(CAL.datetime_of(CAL.ordinal(when), True)))
            assert _end(result, succ, dst, early) >= bound, (lk, early)
    for spec in plan_.tasks:
        t = result.tasks[spec.id]
        assert t.total_float >= 0 and t.critical == (t.total_float == 0)
        assert wall_minute(t.early_start) <= wall_minute(t.late_start)
        if spec.elapsed:
            for s, f in ((t.early_start, t.early_finish), (t.late_start, t.late_finish)):
                assert wall_minute(f) - wall_minute(s) == spec.duration_minutes
    assert result.critical_path
