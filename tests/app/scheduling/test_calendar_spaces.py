"""Plans on several calendars: plain tasks count on their own calendar's ordinals.

When tasks use different calendars (or one runs in elapsed time) the general per-node
code works on wall-clock minutes, while plain tasks keep working-minute ordinals of
their own calendar so that links inside one calendar stay additions. The two must
give exactly the schedule the general code gives for every task. A deadline far
beyond the plan binds nothing but sends a task through the general code, so it is
the reference here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from app.scheduling import schedule
from app.scheduling.plan import (
    CalendarException,
    CalendarSpec,
    ConstraintType,
    FreezeWindow,
    LagUnit,
    LinkSpec,
    LinkType,
    PlanSpec,
    TaskSpec,
    WorkingTime,
)

from .helpers import DAY, MONDAY, at, link, plan, task

_ALLDAY = ((WorkingTime(dt.time(0), dt.time(0)),),) * 7
_EARLY = ((WorkingTime(dt.time(6), dt.time(14)),),) * 6 + ((),)  # Mon-Sat 06:00-14:00
CALENDARS = {
    "standard": CalendarSpec("standard"),
    "ops": CalendarSpec("ops", week=_ALLDAY),
    "early": CalendarSpec(
        "early",
        week=_EARLY,
        exceptions=(CalendarException(at(7, 0).date(), at(8, 0).date(), name="Shutdown"),),
    ),
}


def through_general_code(p: PlanSpec) -> PlanSpec:
    """The same plan with every leaf task sent through the general per-node code."""
    far = p.project_start + dt.timedelta(days=3 * 365)
    tasks = [
        t if t.deadline is not None or t.id in _parents(p) else dataclasses.replace(t, deadline=far)
        for t in p.tasks
    ]
    return dataclasses.replace(p, tasks=tasks)


def _parents(p: PlanSpec) -> set[str]:
    return {t.parent_id for t in p.tasks if t.parent_id is not None}


def assert_same_schedule(p: PlanSpec, reference: PlanSpec) -> None:
    """Same rows (built all at once and one by one), chains and finishes."""
    a, b = schedule(p), schedule(reference)
    one_by_one = {tid: schedule(p).tasks[tid] for tid in a.tasks}
    assert dict(a.tasks.items()) == one_by_one
    assert one_by_one == {tid: b.tasks[tid] for tid in a.tasks}
    assert a.critical_path == b.critical_path
    assert a.finish == b.finish
    assert dict(a.release_finish) == dict(b.release_finish)


_FREEZE = FreezeWindow(at(7, 12), at(8, 12), "Freeze")
# Progress a task may have: none, half done since Monday, done on Monday.
_PROGRESS = (
    {}, {}, {},
    {"percent_complete": 50.0, "actual_start": at(5, 8)},
    {"percent_complete": 100.0, "actual_start": at(5, 8), "actual_finish": at(5, 12)},
)


@st.composite
def portfolios(draw):
    n = draw(st.integers(2, 10))
    cal_ids = draw(st.lists(st.sampled_from(sorted(CALENDARS)), min_size=n, max_size=n))
    summary = draw(st.booleans())
    tasks = [task("r", 0)] if summary else []
    for i in range(n):
        constraint = draw(st.sampled_from(
            (ConstraintType.ASAP,) * 4 + (ConstraintType.SNET, ConstraintType.ALAP,
                                          ConstraintType.MSO)
        ))
        tasks.append(TaskSpec(
            f"t{i}",
            f"T{i}",
            draw(st.sampled_from((0, 60, 240, DAY, 2 * DAY, 1440))),
            calendar_id=cal_ids[i],
            elapsed=draw(st.integers(0, 6)) == 0,
            parent_id="r" if summary and i % 2 else None,
            release_id=f"R{i % 2}",
            constraint=constraint,
            constraint_date=at(6 + i % 4, 8 + i) if constraint != ConstraintType.ASAP else None,
            is_deployment=draw(st.integers(0, 4)) == 0,
            **draw(st.sampled_from(_PROGRESS)),
        ))
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=14))
    links = [
        LinkSpec(
            f"t{i}",
            f"t{j}",
            draw(st.sampled_from(list(LinkType))),
            draw(st.sampled_from((-480, -60, 0, 0, 90, 720))),
            draw(st.sampled_from((LagUnit.WORKING,) * 3 + (LagUnit.ELAPSED, LagUnit.PERCENT))),
        )
        for i, j in chosen
    ]
    if summary and n % 2:  # a link out of the summary, to the last task (not a child)
        links.append(link("r", f"t{n - 1}", "FS"))
    return PlanSpec(
        tasks, links, project_start=MONDAY, calendars=CALENDARS,
        status_date=draw(st.sampled_from((None, None, at(6, 12), at(8, 9)))),
        freeze_windows=draw(st.sampled_from(((), (_FREEZE,)))),
    )


@settings(max_examples=150, deadline=None)
@given(portfolios())
def test_plain_tasks_on_their_own_calendars_match_the_general_code(p):
    assert_same_schedule(p, through_general_code(p))


def test_a_single_calendar_plan_schedules_the_same_on_the_wall_clock_axis():
    # One elapsed task, linked to nothing, puts the whole plan on the wall-clock axis.
    tasks = [task("a"), task("b", 2 * DAY), task("c", 240), task("m", 0, milestone=True)]
    links = [link("a", "b", "SS", 120), link("b", "c", "FF", 50, LagUnit.PERCENT),
             link("a", "m", "FS", 1440, LagUnit.ELAPSED), link("m", "c", "SF", -60)]
    alone = plan(tasks, links)
    with_elapsed = plan([*tasks, task("x", 60, elapsed=True)], links)
    a, b = schedule(alone), schedule(with_elapsed)
    assert {tid: b.tasks[tid] for tid in a.tasks} == dict(a.tasks.items())
    assert a.critical_path == b.critical_path


def test_an_elapsed_lag_ending_on_a_weekend_starts_the_successor_on_its_next_working_day():
    # a ends Friday 17:00; 12 elapsed hours end Saturday 05:00, so b starts Monday 08:00.
    # c (on a round-the-clock calendar) must finish no earlier than b starts: Monday
    # 08:00, which on c's calendar is Monday 08:00 too, not Saturday morning.
    result = schedule(PlanSpec(
        [task("a"), task("b"), task("c", 240, calendar_id="ops")],
        [link("a", "b", "FS", 720, LagUnit.ELAPSED), link("b", "c", "SF")],
        project_start=at(9, 8),
        calendars=CALENDARS,
    ))
    b, c = result.tasks["b"], result.tasks["c"]
    assert (b.early_start, b.early_finish) == (at(12, 8), at(12, 17))
    assert (c.early_start, c.early_finish) == (at(12, 4), at(12, 8))


def test_a_summary_rolls_up_children_on_different_calendars():
    result = schedule(plan(
        [task("r", 0), task("a", DAY, parent_id="r"),
         task("b", 240, parent_id="r", calendar_id="early")],
        [link("a", "b")],
        calendars=CALENDARS,
    ))
    r = result.tasks["r"]
    # a: Monday 08:00-17:00; b on the early shift: Tuesday 06:00-10:00.
    assert (r.early_start, r.early_finish) == (at(5, 8), at(6, 10))
    assert result.release_finish == {}
