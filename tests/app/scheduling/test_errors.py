"""Bad input becomes a SchedulingError with a message a coordinator understands."""

from __future__ import annotations

import pytest

from app.scheduling import (
    CalendarError,
    CycleError,
    InvalidDurationError,
    InvalidPlanError,
    SchedulingError,
    UnknownTaskError,
    schedule,
)

from .helpers import link, plan, task


def test_cycle_names_the_tasks_in_order():
    tasks = [task("x", name="Prepare"), task("a", name="Build"), task("b", name="Test"),
             task("c", name="Deploy")]
    links = [link("x", "a"), link("c", "a"), link("a", "b"), link("b", "c")]
    with pytest.raises(CycleError) as err:
        schedule(plan(tasks, links))
    assert str(err.value) == "Tasks depend on each other in a circle: Build → Test → Deploy → Build"
    assert err.value.task_ids == ("a", "b", "c")


def test_a_task_linked_to_itself_is_a_cycle():
    with pytest.raises(CycleError, match="A → A"):
        schedule(plan([task("a")], [link("a", "a", "SS")]))


def test_a_task_linked_to_its_own_summary_is_a_cycle():
    tasks = [task("s", name="Release"), task("a", parent_id="s")]
    with pytest.raises(CycleError, match="circle"):
        schedule(plan(tasks, [link("a", "s")]))


def test_unknown_task_in_a_link():
    with pytest.raises(UnknownTaskError, match='"ghost"') as err:
        schedule(plan([task("a", name="Build")], [link("a", "ghost")]))
    assert "Build" in str(err.value)
    assert err.value.reference == "ghost"


def test_unknown_parent_and_calendar():
    with pytest.raises(UnknownTaskError, match="summary"):
        schedule(plan([task("a", parent_id="nope")]))
    with pytest.raises(UnknownTaskError, match="calendar"):
        schedule(plan([task("a", calendar_id="nope")]))


def test_negative_duration():
    with pytest.raises(InvalidDurationError, match='"Build" has a negative duration'):
        schedule(plan([task("a", -60, name="Build")]))


def test_duplicate_ids_and_bad_percent():
    with pytest.raises(InvalidPlanError, match='"a"'):
        schedule(plan([task("a"), task("a")]))
    with pytest.raises(InvalidPlanError, match="150"):
        schedule(plan([task("a", percent_complete=150)]))


def test_all_errors_share_the_base_class():
    for cls in (CycleError, UnknownTaskError, InvalidDurationError, InvalidPlanError,
                CalendarError):
        assert issubclass(cls, SchedulingError)


def test_empty_plan_schedules():
    result = schedule(plan([]))
    assert result.tasks == {} and result.critical_path == ()
