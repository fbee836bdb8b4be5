"""The engine's bulk code paths agree with the plain ones.

``schedule()`` takes shortcuts on common inputs: the task list as topological order
when every link points forward (Kahn's algorithm otherwise), parents listed before
children, flat constant-weight edges beside general ones, all result rows built
column-wise. Each shortcut must give exactly what the general path gives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from app.scheduling import schedule
from app.scheduling.calendar import WorkingCalendar
from app.scheduling.plan import (
    CalendarException,
    CalendarSpec,
    ConstraintType,
    LagUnit,
    PlanSpec,
    TaskSpec,
    WorkingTime,
)
from app.scheduling.results import TaskResult
from app.scheduling.rows import make_rows

from .helpers import DAY, MONDAY, at, link, plan, task


def _mixed_plan(order: list[int] | None = None) -> PlanSpec:
    """Summaries, all link types and lag units, a constraint, a deadline, a milestone."""
    tasks = [
        task("r", 0),
        task("a", DAY, parent_id="r", release_id="R"),
        task("b", 2 * DAY, parent_id="r", release_id="R"),
        task("c", 240, parent_id="r", release_id="R", elapsed=True),
        task("d", 0, milestone=True, release_id="R"),
        task("e", DAY, constraint=ConstraintType.SNET, constraint_date=at(7, 8)),
        task("f", 3 * DAY, deadline=at(9, 17)),
        task("g", DAY, constraint=ConstraintType.ALAP),
        task("h", DAY),
    ]
    if order is not None:
        tasks = [tasks[i] for i in order]
    links = [
        link("a", "b"),
        link("a", "c", "SS", 120),
        link("b", "d", "FF", 50, LagUnit.PERCENT),
        link("c", "e", "FS", 1440, LagUnit.ELAPSED),
        link("e", "f", "SF", 2 * DAY),
        link("d", "g"),
        link("r", "h"),  # out of a summary
        link("e", "h", "FS", -240),
    ]
    return plan(tasks, links, status_date=at(5, 8))


def _rows(result) -> dict[str, TaskResult]:
    return {tid: result.tasks[tid] for tid in result.tasks}


def test_task_list_order_does_not_change_the_schedule():
    straight = schedule(_mixed_plan())
    # Successors listed before predecessors: the list order is no topological order.
    shuffled = schedule(_mixed_plan([8, 7, 6, 5, 0, 1, 2, 3, 4]))
    assert _rows(straight) == _rows(shuffled)
    assert straight.critical_path == shuffled.critical_path
    assert straight.finish == shuffled.finish
    assert dict(straight.release_finish) == dict(shuffled.release_finish)


def test_children_listed_before_their_summary_are_rolled_up_the_same():
    kids_first = [task("a", DAY, parent_id="r"), task("b", DAY, parent_id="r"), task("r", 0)]
    in_outline = [kids_first[2], *kids_first[:2]]
    links = [link("a", "b")]
    assert _rows(schedule(plan(kids_first, links))) == _rows(schedule(plan(in_outline, links)))


def test_all_rows_at_once_equal_rows_built_one_by_one():
    p = _mixed_plan()
    one_by_one = _rows(schedule(p))
    bulk = schedule(p).tasks
    assert dict(bulk.items()) == one_by_one
    assert list(bulk.values()) == list(one_by_one.values())
    assert list(bulk) == [t.id for t in p.tasks]


def test_rows_handed_out_before_a_full_export_keep_their_identity():
    results = schedule(_mixed_plan()).tasks
    first = results["b"]
    assert dict(results.items())["b"] is first


def test_make_rows_builds_ordinary_frozen_task_results():
    values = [
        ["x", "y"], [MONDAY] * 2, [MONDAY] * 2, [MONDAY] * 2, [MONDAY] * 2, [MONDAY] * 2,
        [MONDAY] * 2, [60, 0], [5, 0], [1, 0], [False, True], [True, False], [False] * 2,
        [False, True], [False] * 2, ["R", None],
    ]
    rows = make_rows(*values)
    assert rows == [TaskResult(*row) for row in zip(*values, strict=True)]
    assert type(rows[0]) is TaskResult
    try:
        rows[0].total_float = 1  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:  # pragma: no cover
        raise AssertionError("rows must stay frozen")


_NIGHTS = ((WorkingTime(dt.time(0), dt.time(6)), WorkingTime(dt.time(22), dt.time(0))),) * 5 + (
    (), ()
)
_SHORT_FRIDAY = (*CalendarSpec("x").week[:4], (WorkingTime(dt.time(8), dt.time(12)),), (), ())


@pytest.mark.parametrize("spec", [
    CalendarSpec("standard", holiday_country="DE"),
    CalendarSpec("round the clock", week=((WorkingTime(dt.time(0), dt.time(0)),),) * 7),
    CalendarSpec("night shift", week=_NIGHTS),
    CalendarSpec("short Friday", week=_SHORT_FRIDAY, exceptions=(
        CalendarException(dt.date(2026, 1, 12), dt.date(2026, 1, 16)),
        CalendarException(dt.date(2026, 1, 17), dt.date(2026, 1, 17),
                          (WorkingTime(dt.time(9), dt.time(11)),), "Saturday release"),
    )),
], ids=lambda spec: spec.id)
def test_datetimes_of_matches_datetime_of(spec):
    rng = random.Random(7)
    # Around the anchor, and far enough out that both conversions must grow the table.
    ordinals = [rng.randrange(-300_000, 1_000_000) for _ in range(400)]
    ordinals += [rng.randrange(-2_000, 20_000) for _ in range(400)] + [0, 1, 479, 480, 480]
    one_by_one = WorkingCalendar(spec, MONDAY.date())
    for finish in (False, True):
        bulk = WorkingCalendar(spec, MONDAY.date())  # cold caches, the smallest table
        assert bulk.datetimes_of(ordinals, finish) == [
            one_by_one.datetime_of(o, finish) for o in ordinals
        ]


def test_free_float_mixes_constant_and_elapsed_successors():
    # a drives b by a plain link and c by an elapsed lag; the tighter one wins.
    tasks = [task("a", DAY), task("b", DAY), task("c", DAY), task("z", 5 * DAY)]
    links = [link("a", "b", "FS", DAY), link("a", "c", "FS", 2880, LagUnit.ELAPSED)]
    r = schedule(plan(tasks, links)).tasks
    assert r["a"].free_float == 0
    assert r["b"].free_float == r["b"].total_float
    assert r["c"].free_float == r["c"].total_float


def test_many_random_links_agree_between_list_and_shuffled_order():
    rng = random.Random(3)
    n = 120
    tasks = [TaskSpec(f"t{i}", f"T{i}", rng.choice((0, 60, 480, 960))) for i in range(n)]
    kinds = ("FS", "SS", "FF", "SF")
    links = []
    for _ in range(3 * n):
        a = rng.randrange(n - 1)
        b = rng.randrange(a + 1, n)
        unit = rng.choice((LagUnit.WORKING, LagUnit.WORKING, LagUnit.PERCENT, LagUnit.ELAPSED))
        links.append(link(f"t{a}", f"t{b}", rng.choice(kinds), rng.choice((0, 60, -120)), unit))
    shuffled = tasks[:]
    rng.shuffle(shuffled)
    a, b = schedule(plan(tasks, links)), schedule(plan(shuffled, links))
    assert _rows(a) == _rows(b)
    assert a.critical_path == b.critical_path
