"""Constraints, deadlines and ALAP, hand-checked.

Plan used throughout: a (1 day) -> b (1 day), and z (5 days) alone so the plan
finishes Friday 2026-01-09 17:00.
"""

from __future__ import annotations

import pytest

from app.scheduling import schedule
from app.scheduling.plan import ConstraintType as CT

from .helpers import DAY, at, link, plan, task


def run(b_kw=None, a_len=DAY, **plan_kw):
    tasks = [task("a", a_len), task("b", DAY, **(b_kw or {})), task("z", 5 * DAY)]
    return schedule(plan(tasks, [link("a", "b")], **plan_kw))


def kinds(result):
    return [p.kind for p in result.problems]


def test_no_constraint_baseline_case():
    r = run().tasks["b"]
    assert (r.early_start, r.late_finish, r.total_float) == (at(6, 8), at(9, 17), 3 * DAY)


@pytest.mark.parametrize(
    ("ct", "date", "es", "ls", "tf"),
    [
        (CT.SNET, at(8, 8), at(8, 8), at(9, 8), DAY),
        (CT.SNET, at(5, 8), at(6, 8), at(9, 8), 3 * DAY),  # earlier than the link: no effect
        (CT.FNET, at(8, 17), at(8, 8), at(9, 8), DAY),
        (CT.MSO, at(7, 8), at(7, 8), at(7, 8), 0),
        (CT.MFO, at(8, 17), at(8, 8), at(8, 8), 0),
        (CT.SNLT, at(8, 8), at(6, 8), at(8, 8), 2 * DAY),
        (CT.FNLT, at(7, 17), at(6, 8), at(7, 8), DAY),
    ],
)
def test_each_constraint(ct, date, es, ls, tf):
    result = run({"constraint": ct, "constraint_date": date})
    b = result.tasks["b"]
    assert (b.early_start, b.late_start, b.total_float) == (es, ls, tf)
    assert result.problems == ()


@pytest.mark.parametrize(
    ("ct", "date"), [(CT.MSO, at(6, 8)), (CT.SNLT, at(6, 8)), (CT.MFO, at(6, 17)),
                     (CT.FNLT, at(6, 17))],
)
def test_hard_constraint_beats_link_and_shows_negative_float(ct, date):
    result = run({"constraint": ct, "constraint_date": date}, a_len=3 * DAY)
    b = result.tasks["b"]
    assert b.early_start == at(6, 8)  # the constraint wins over a (Mon-Wed)
    assert result.tasks["a"].total_float == -2 * DAY
    assert result.tasks["a"].critical
    assert kinds(result) == ["constraint_conflict"]
    assert '"B"' in result.problems[0].message


def test_alap_task_is_planned_on_its_late_dates():
    b = run({"constraint": CT.ALAP}).tasks["b"]
    assert (b.early_start, b.start, b.finish) == (at(6, 8), at(9, 8), at(9, 17))


def test_missed_task_deadline_gives_negative_float_not_an_error():
    result = run({"deadline": at(6, 12)})
    b, a = result.tasks["b"], result.tasks["a"]
    assert b.early_finish == at(6, 17)
    assert b.late_finish == at(6, 12)
    assert b.total_float == -240 and b.critical
    assert a.total_float == -240
    assert kinds(result) == ["missed_deadline"]


def test_met_deadline_only_tightens_float():
    b = run({"deadline": at(7, 17)}).tasks["b"]
    assert b.total_float == DAY


def test_project_deadline_caps_every_late_finish():
    result = run(deadline=at(8, 17))
    assert result.tasks["z"].total_float == -DAY
    assert result.tasks["b"].total_float == 2 * DAY
    assert kinds(result) == ["missed_deadline"]


def test_constraint_without_date_is_reported_and_ignored():
    result = run({"constraint": CT.MSO})
    assert result.tasks["b"].early_start == at(6, 8)
    assert kinds(result) == ["ignored_constraint"]


def test_alap_task_uses_its_free_float_and_never_moves_a_successor():
    """Project: "as late as possible without delaying subsequent tasks".

    a (ALAP, 1 day) and d (2 days) both lead to c; c waits for d until Wednesday, so a
    slides to Tuesday. c itself has float (z runs all week) but a does not take it:
    the late dates would put a on Thursday, after c has started.
    """
    tasks = [
        task("a", DAY, constraint=CT.ALAP), task("d", 2 * DAY), task("c", DAY),
        task("z", 5 * DAY),
    ]
    result = schedule(plan(tasks, [link("a", "c"), link("d", "c")]))
    a, c = result.tasks["a"], result.tasks["c"]
    assert (a.early_start, a.start, a.finish) == (at(5, 8), at(6, 8), at(6, 17))
    assert a.late_start == at(8, 8) and a.free_float == DAY
    assert c.start == at(7, 8) and a.finish <= c.start
    bulk = {r.task_id: r for r in schedule(plan(tasks, [link("a", "c"), link("d", "c")]))
            .tasks.values()}  # every row at once: the other way of building them
    assert bulk["a"] == a and bulk["c"] == c
