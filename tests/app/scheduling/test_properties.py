"""Properties of the critical path method on small random plans (hypothesis)."""

from __future__ import annotations

import datetime as dt
import random
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from app.scheduling import schedule
from app.scheduling.calendar import WorkingCalendar
from app.scheduling.plan import CalendarSpec, LinkSpec, LinkType, PlanSpec, TaskSpec

from .helpers import MONDAY

CAL = WorkingCalendar(CalendarSpec("standard"), MONDAY.date())


@st.composite
def plans(draw):
    n = draw(st.integers(1, 8))
    tasks = [
        TaskSpec(f"t{i}", f"T{i}", draw(st.sampled_from((0, 60, 240, 480, 960, 2400))))
        for i in range(n)
    ]
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=12)) if pairs else []
    links = [
        LinkSpec(
            f"t{i}",
            f"t{j}",
            draw(st.sampled_from(list(LinkType))),
            draw(st.sampled_from((-480, -60, 0, 0, 60, 480))),
        )
        for i, j in chosen
    ]
    return PlanSpec(tasks, links, project_start=MONDAY)


def o(when: dt.datetime) -> int:
    return CAL.ordinal(when)


@settings(max_examples=80, deadline=None)
@given(plans())
def test_every_link_holds_and_floats_are_sane(plan):
    result = schedule(plan)
    r = result.tasks
    for link in plan.links:
        a, b = r[link.predecessor_id], r[link.successor_id]
        src = o(a.early_finish) if link.type in ("FS", "FF") else o(a.early_start)
        dst = o(b.early_finish) if link.type in ("FF", "SF") else o(b.early_start)
        assert dst >= src + link.lag
    for t in r.values():
        assert o(t.early_start) >= o(MONDAY)
        assert o(t.early_start) <= o(t.late_start)
        assert t.total_float >= 0
        assert 0 <= t.free_float <= t.total_float
        assert t.critical == (t.total_float == 0)
        assert o(t.late_finish) <= o(result.finish)


@settings(max_examples=60, deadline=None)
@given(plans())
def test_critical_tasks_chain_from_start_to_finish(plan):
    result = schedule(plan)
    r = result.tasks
    chains = result.critical_path
    assert chains, "a plan always has a critical path"
    first = chains[0]
    assert o(r[first[0]].early_start) == o(MONDAY)
    assert o(r[first[-1]].early_finish) == o(result.finish)
    linked = {(lk.predecessor_id, lk.successor_id) for lk in plan.links}
    for chain in chains:
        for a, b in pairwise(chain):
            assert (a, b) in linked
    assert {t for c in chains for t in c} == result.critical_task_ids


@settings(max_examples=50, deadline=None)
@given(plans(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_input_order(plan, rnd: random.Random):
    tasks, links = list(plan.tasks), list(plan.links)
    rnd.shuffle(tasks)
    rnd.shuffle(links)
    shuffled = PlanSpec(tasks, links, project_start=MONDAY)
    assert dict(schedule(plan).tasks) == dict(schedule(shuffled).tasks)
