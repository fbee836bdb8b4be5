"""The driving path agrees with the schedule to the minute (hypothesis, random plans).

Every step's dates, link type, lag and calendar produce exactly the next step's date:
the predecessor's instant the link leaves from is the predecessor's own date, and that
instant moved by the lag on the successor's calendar is the successor's date. Plans mix
every link type, lag unit (working, elapsed, percent), constraint type, three calendars
(one with a named shutdown), milestones, a summary, a status date, progress and
deployments held back by a freeze window, and durations in working or elapsed time.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from app.scheduling import DriverKind, schedule
from app.scheduling.calendar import WorkingCalendar
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
from app.services.driving_path import explain
from app.services.driving_steps import PathStep

from .helpers import MONDAY

EARLY = (WorkingTime(dt.time(6, 0), dt.time(14, 30)),)
CALENDARS = {
    "standard": CalendarSpec("standard", "Standard"),
    "early": CalendarSpec("early", "Early shift", week=(EARLY,) * 4 + ((), (), ())),
    "shutdown": CalendarSpec(
        "shutdown",
        "Ops",
        exceptions=(CalendarException(dt.date(2026, 1, 14), dt.date(2026, 1, 16), (), "Shutdown"),),
    ),
}
CALS = {cid: WorkingCalendar(spec, MONDAY.date()) for cid, spec in CALENDARS.items()}
DATES = [MONDAY + dt.timedelta(days=d, hours=h) for d in (0, 2, 7, 9) for h in (0, 3, 9)]
FREEZE = FreezeWindow(dt.datetime(2026, 1, 7, 12, 0), dt.datetime(2026, 1, 9, 10, 0), "Freeze")
LAGS = {
    LagUnit.WORKING: (-480, -60, 0, 0, 90, 480, 1200),
    LagUnit.ELAPSED: (-600, 0, 60, 1440, 2880),
    LagUnit.PERCENT: (-50, 0, 25, 50, 100),
}


@st.composite
def plans(draw: st.DrawFn) -> PlanSpec:
    n = draw(st.integers(2, 9))
    summary = draw(st.booleans())
    tasks = []
    for i in range(n):
        ct = draw(st.sampled_from(list(ConstraintType)))
        minutes = draw(st.sampled_from((0, 60, 240, 480, 960, 2400)))
        # Work under way (a milestone has none: it is reached or not).
        progress = draw(st.sampled_from((0.0, 0.0, 0.0, 50.0, 100.0))) if minutes else 0.0
        tasks.append(
            TaskSpec(
                f"t{i}",
                f"Task {i}",
                minutes,
                elapsed=draw(st.booleans()),
                parent_id="t0" if summary and 0 < i <= 2 else None,
                calendar_id=draw(st.sampled_from((None, "early", "shutdown"))),
                constraint=ct,
                constraint_date=None if ct in ("ASAP", "ALAP") else draw(st.sampled_from(DATES)),
                percent_complete=progress,
                actual_start=MONDAY if progress else None,
                is_deployment=draw(st.booleans()),
            )
        )
    # A link between a summary and its own child would be a circle.
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n) if not (summary and i == 0 < j <= 2)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=14)) if pairs else []
    links = []
    for i, j in chosen:
        unit = draw(st.sampled_from(list(LagUnit)))
        links.append(
            LinkSpec(
                f"t{i}",
                f"t{j}",
                draw(st.sampled_from(list(LinkType))),
                draw(st.sampled_from(LAGS[unit])),
                unit,
            )
        )
    status = draw(st.sampled_from((None, MONDAY + dt.timedelta(days=1, hours=2))))
    return PlanSpec(
        tasks,
        links,
        project_start=MONDAY,
        calendars=CALENDARS,
        status_date=status,
        freeze_windows=draw(st.sampled_from(((), (FREEZE,)))),
    )


def _cal(plan: PlanSpec, task_id: str) -> WorkingCalendar:
    spec = next(t for t in plan.tasks if t.id == task_id)
    return CALS[spec.calendar_id or plan.default_calendar_id]


def _same(a: dt.datetime, b: dt.datetime, cal: WorkingCalendar) -> bool:
    """The same minute of working time on ``cal``: equal, or the end of one working
    stretch and the start of the next (a milestone shows 17:00 for the next day's 08:00,
    as Project; a finish bound in a shutdown is met by the last working minute before)."""
    return a == b or cal.ordinal(a) == cal.ordinal(b)


def _linked_end(step: PathStep) -> dt.datetime:
    """The date of the step's task that its driver set (the other end if via its duration)."""
    if step.bound or not step.via_duration:
        return step.date
    return step.start if step.end == "finish" else step.finish


@settings(max_examples=200, deadline=None)
@given(plans())
def test_each_step_produces_the_next_to_the_minute(plan: PlanSpec) -> None:
    result = schedule(plan)
    for task in plan.tasks:
        path = explain(plan, result, task.id)
        first = path.steps[0]
        assert (first.task_id, first.end) == (task.id, "start")
        if result[task.id].is_summary:  # its first child's instant (the row shows it on
            assert first.driver.kind == DriverKind.CHILD  # the summary's own calendar)
        else:
            assert first.date == result[task.id].early_start
        for step, following in zip(path.steps, (*path.steps[1:], None), strict=True):
            _check_step(plan, result, step, following)
        assert path.steps[-1].driver.kind in {
            DriverKind.CONSTRAINT,
            DriverKind.ACTUAL,
            DriverKind.STATUS_DATE,
            DriverKind.PROJECT_START,
            DriverKind.FREEZE_WINDOW,
        } or len({s.task_id for s in path.steps}) < len(path.steps)


def _check_step(plan, result, step: PathStep, following: PathStep | None) -> None:
    d = step.driver
    cal = _cal(plan, step.task_id)
    row = result[step.task_id]
    linked = _linked_end(step)
    to_finish = d.to_finish
    if d.kind == DriverKind.LINK:
        link = d.link
        pred = result[link.predecessor_id]
        assert following is not None and following.task_id == link.predecessor_id
        assert following.end == ("finish" if link.type in ("FS", "FF") else "start")
        pred_cal = _cal(plan, link.predecessor_id)
        assert _same(d.date, following.date, pred_cal)
        minutes = (
            round(link.lag * pred.duration_minutes / 100)
            if link.lag_unit == "percent"
            else round(link.lag)
        )
        # A share of work that runs around the clock is wall-clock time too (as the engine).
        pred_elapsed = next(t for t in plan.tasks if t.id == link.predecessor_id).elapsed
        if link.lag_unit == "elapsed" or (link.lag_unit == "percent" and pred_elapsed):
            expected = cal.datetime_of(
                cal.ordinal(d.date + dt.timedelta(minutes=minutes)), to_finish
            )
        else:
            expected = cal.datetime_of(cal.ordinal(d.date) + minutes, to_finish)
        assert _same(linked, expected, cal), (step.sentence, expected)
    elif d.kind == DriverKind.CHILD:
        assert following is not None and following.task_id == d.task_id
        assert following.end == step.end
        assert _same(following.date, step.date, _cal(plan, d.task_id))
    elif d.kind == DriverKind.SUMMARY:
        assert following is not None and following.bound and following.task_id == d.task_id
        assert following.date == d.date
        assert _same(linked, cal.datetime_of(cal.ordinal(d.date), to_finish), cal)
    elif d.kind == DriverKind.STATUS_DATE and to_finish:  # work under way resumes then
        spec = next(t for t in plan.tasks if t.id == step.task_id)
        left = spec.duration_minutes - round(spec.duration_minutes * spec.percent_complete / 100)
        assert following is None
        resume = cal.datetime_of(cal.ordinal(d.date), False)
        if spec.elapsed:  # the rest of the clock runs on from the next working minute
            assert linked == resume + dt.timedelta(minutes=left)
        else:
            assert linked == cal.datetime_of(cal.ordinal(resume) + left, True)
    elif d.kind in (DriverKind.CONSTRAINT, DriverKind.STATUS_DATE, DriverKind.PROJECT_START):
        assert following is None
        expected = cal.datetime_of(cal.ordinal(d.date), to_finish)
        if not step.bound:
            assert _same(linked, expected, cal), (step.sentence, expected)
    elif d.kind == DriverKind.FREEZE_WINDOW:
        assert following is None and d.date == FREEZE.finish
        assert _same(linked, cal.datetime_of(cal.ordinal(d.date), False), cal)
    elif d.kind == DriverKind.ACTUAL:
        assert following is None and linked == d.date
    if step.via_duration and not step.bound:
        assert cal.ordinal(row.early_finish) - cal.ordinal(row.early_start) == row.duration_minutes
