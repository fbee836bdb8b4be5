"""Summary tasks roll up their children; links on summaries apply to the children."""

from __future__ import annotations

from app.scheduling import schedule

from .helpers import DAY, at, link, plan, task


def test_summary_rolls_up_children():
    result = schedule(plan(
        [task("s", 0), task("a", parent_id="s"), task("b", 2 * DAY, parent_id="s")],
        [link("a", "b")],
    ))
    s = result.tasks["s"]
    assert s.is_summary
    assert (s.early_start, s.early_finish) == (at(5, 8), at(7, 17))
    assert s.duration_minutes == 3 * DAY


def test_link_into_a_summary_holds_back_all_children():
    result = schedule(plan(
        [task("p"), task("s", 0), task("a", parent_id="s"), task("b", parent_id="s")],
        [link("p", "s")],
    ))
    for tid in "ab":
        assert result.tasks[tid].early_start == at(6, 8)
    assert result.tasks["p"].critical


def test_link_out_of_a_summary_waits_for_its_last_child():
    result = schedule(plan(
        [task("s", 0), task("a", parent_id="s"), task("b", 2 * DAY, parent_id="s"),
         task("x")],
        [link("s", "x")],
    ))
    assert result.tasks["x"].early_start == at(7, 8)
    assert result.tasks["b"].critical and result.tasks["x"].critical
    assert result.tasks["a"].total_float == DAY


def test_nested_summaries_and_summary_start_to_start():
    result = schedule(plan(
        [task("r", 0), task("s", 0, parent_id="r"), task("a", parent_id="s"),
         task("b", 3 * DAY, parent_id="r"), task("x")],
        [link("r", "x", "SS", DAY)],
    ))
    assert result.tasks["x"].early_start == at(6, 8)
    assert result.tasks["r"].early_finish == at(7, 17)
