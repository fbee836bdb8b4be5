"""Baseline capture and variance per task and per release."""

from __future__ import annotations

import dataclasses

from app.scheduling import apply_baseline, capture_baseline, schedule, variance

from .helpers import DAY, at, link, plan, task


def test_capture_then_slip_gives_variance_in_working_minutes():
    p = plan(
        [task("a", release_id="r"), task("b", 2 * DAY, release_id="r")], [link("a", "b")]
    )
    base = capture_baseline(schedule(p))
    assert base["b"].start == at(6, 8) and base["b"].finish == at(7, 17)
    assert base["b"].duration_minutes == 2 * DAY
    baselined = apply_baseline(p, base)
    # a takes a day longer: b starts and finishes a day late, same duration.
    slipped = dataclasses.replace(
        baselined,
        tasks=[dataclasses.replace(baselined.tasks[0], duration_minutes=2 * DAY),
               baselined.tasks[1]],
    )
    report = variance(slipped, schedule(slipped))
    a, b = report.tasks["a"], report.tasks["b"]
    assert (a.start_minutes, a.finish_minutes, a.duration_minutes) == (0, DAY, DAY)
    assert (b.start_minutes, b.finish_minutes, b.duration_minutes) == (DAY, DAY, 0)
    r = report.releases["r"]
    assert (r.start_minutes, r.finish_minutes, r.duration_minutes) == (0, DAY, DAY)


def test_tasks_without_baseline_have_no_variance():
    p = plan([task("a")])
    v = variance(p, schedule(p)).tasks["a"]
    assert (v.start_minutes, v.finish_minutes, v.duration_minutes) == (None, None, None)
