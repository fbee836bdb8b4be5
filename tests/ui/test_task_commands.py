"""Undo and redo of every plan edit, through the CommandRunner as the Plan view runs them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from app.services import release_schedule, task_links, task_rows, task_service
from app.services.task_cycles import PlanCircleError
from tests.conftest import open_colleague
from tests.ui.conftest import make_release
from ui.undo import task_commands as cmd

MONDAY = dt.datetime(2026, 3, 2, 8, 0)


def _plan(ws):
    """A release with A, B (with sub-task B1) and C; C after A."""
    rel = make_release(ws, "Payouts API").id
    a, b, c = (task_service.create_task(ws, rel, n)[0].id for n in ("A", "B", "C"))
    task_service.create_task(ws, rel, "B1", parent_id=b)
    task_links.set_predecessors_text(ws, c, task_rows.task_version(ws, c), "1")
    return rel, {"A": a, "B": b, "C": c}


def _state(ws, rel):
    return [
        (r.wbs, r.name, r.depth, r.duration_minutes, r.constraint_type, r.predecessors)
        for r in task_rows.list_tasks(ws, rel)
    ]


def _row(ws, task_id):
    return task_rows.get_task(ws, task_id)


def _link(ws, rel, successor):
    return next(x for x in task_rows.list_links(ws, rel) if x.successor_id == successor)


COMMANDS: dict[str, Callable] = {
    "create": lambda ws, rel, t: cmd.create_task(ws, rel, "New", parent_id=t["B"], index=0),
    "edit": lambda ws, rel, t: cmd.edit_task(
        ws, _row(ws, t["A"]), duration_minutes=960, constraint_type="SNET", constraint_date=MONDAY
    ),
    "move": lambda ws, rel, t: cmd.move_task(ws, _row(ws, t["C"]), None, 0),
    "indent": lambda ws, rel, t: cmd.indent_task(ws, _row(ws, t["C"])),
    "outdent": lambda ws, rel, t: cmd.outdent_task(
        ws, next(r for r in task_rows.list_tasks(ws, rel) if r.name == "B1")
    ),
    "delete": lambda ws, rel, t: cmd.delete_task(ws, _row(ws, t["B"])),
    "predecessors": lambda ws, rel, t: cmd.set_predecessors(ws, _row(ws, t["C"]), "2SS+1d, 3"),
    "add link": lambda ws, rel, t: cmd.add_link(ws, t["A"], t["B"], "FF", 50, "percent"),
    "edit link": lambda ws, rel, t: cmd.edit_link(
        ws, _link(ws, rel, t["C"]), link_type="SS", lag=-120, lag_unit="elapsed"
    ),
    "remove link": lambda ws, rel, t: cmd.remove_link(ws, _link(ws, rel, t["C"])),
}


@pytest.mark.parametrize("kind", list(COMMANDS))
def test_every_edit_undoes_and_redoes(ctx, presenter, qtbot, kind: str) -> None:
    ws, runner = ctx.workspace, ctx.runner
    rel, tasks = _plan(ws)
    before = _state(ws, rel)
    with qtbot.waitSignal(ctx.hub.changed):
        assert runner.run(COMMANDS[kind](ws, rel, tasks))
    after = _state(ws, rel)
    assert after != before
    runner.stack.undo()
    assert _state(ws, rel) == before
    runner.stack.redo()
    assert _state(ws, rel) == after
    runner.stack.undo()
    assert _state(ws, rel) == before
    assert presenter.errors == [] and presenter.conflicts == []
    release_schedule.schedule_release(ws, rel)  # the plan stays schedulable throughout


def test_a_series_of_edits_unwinds_in_order(ctx, presenter) -> None:
    """Later edits renumber rows an earlier command saw: each undo still finds the
    versions the steps after it left (the stack's ledger), never a false conflict."""
    ws, runner = ctx.workspace, ctx.runner
    rel, tasks = _plan(ws)
    states = [_state(ws, rel)]
    for kind in ("create", "predecessors", "outdent", "edit", "move", "add link", "delete"):
        assert runner.run(COMMANDS[kind](ws, rel, tasks)), presenter.errors
        states.append(_state(ws, rel))
    for expected in reversed(states[:-1]):
        runner.stack.undo()
        assert _state(ws, rel) == expected
    for expected in states[1:]:
        runner.stack.redo()
        assert _state(ws, rel) == expected
    assert presenter.errors == [] and presenter.conflicts == []


def test_predecessor_undo_holds_after_the_rows_moved(ctx) -> None:
    ws, runner = ctx.workspace, ctx.runner
    _rel, tasks = _plan(ws)
    assert runner.run(cmd.set_predecessors(ws, _row(ws, tasks["C"]), "2"))  # B
    assert runner.run(cmd.move_task(ws, _row(ws, tasks["C"]), None, 0))  # C first: rows shift
    assert _row(ws, tasks["C"]).predecessors == "3"  # still B, now at row 3
    runner.stack.undo()
    runner.stack.undo()
    assert _row(ws, tasks["C"]).predecessors == "1"  # A again, as before both edits
    runner.stack.redo()
    assert _row(ws, tasks["C"]).predecessors == "2"


def test_undo_of_delete_restores_sub_tasks_and_links(ctx) -> None:
    ws, runner = ctx.workspace, ctx.runner
    rel, tasks = _plan(ws)
    task_links.set_predecessors_text(ws, tasks["C"], _row(ws, tasks["C"]).version, "1, 3")
    assert runner.run(cmd.delete_task(ws, _row(ws, tasks["B"])))
    assert [r.name for r in task_rows.list_tasks(ws, rel)] == ["A", "C"]
    assert _row(ws, tasks["C"]).predecessors == "1"
    runner.stack.undo()
    assert [r.name for r in task_rows.list_tasks(ws, rel)] == ["A", "B", "B1", "C"]
    assert _row(ws, tasks["C"]).predecessors == "1, 3"


def test_a_refused_edit_never_reaches_the_stack(ctx, presenter) -> None:
    ws, runner = ctx.workspace, ctx.runner
    _rel, tasks = _plan(ws)
    assert not runner.run(cmd.set_predecessors(ws, _row(ws, tasks["A"]), "4"))  # C after A
    [error] = presenter.errors
    assert isinstance(error, PlanCircleError) and "A → C → A" in str(error)
    assert not runner.run(cmd.edit_task(ws, _row(ws, tasks["A"]), percent_complete=120))
    assert "between 0 and 100" in str(presenter.errors[-1])
    assert runner.stack.count() == 0


def test_a_stale_edit_goes_to_the_conflict_dialog(ctx, presenter) -> None:
    ws, runner = ctx.workspace, ctx.runner
    _rel, tasks = _plan(ws)
    seen = _row(ws, tasks["A"])
    with open_colleague(ws) as colleague:
        task_service.update_task(colleague, seen.id, seen.version, duration_minutes=240)
    assert not runner.run(cmd.edit_task(ws, seen, duration_minutes=960))
    [conflict] = presenter.conflicts
    assert [(c.field, c.theirs, c.mine) for c in conflict.conflicts] == [
        ("duration_minutes", "240", "960")
    ]
    assert _row(ws, tasks["A"]).duration_minutes == 240  # theirs kept


def test_undo_over_a_colleagues_move_asks(ctx, presenter, qtbot) -> None:
    ws, runner = ctx.workspace, ctx.runner
    rel, tasks = _plan(ws)
    assert runner.run(cmd.delete_task(ws, _row(ws, tasks["A"])))
    runner.stack.undo()
    with open_colleague(ws) as colleague:
        row = _row(ws, tasks["A"])
        task_service.update_task(colleague, row.id, row.version, name="A (theirs)")
    runner.stack.redo()  # the delete expects the version our restore left
    qtbot.waitUntil(lambda: len(presenter.conflicts) == 1)
    assert "A (theirs)" in [r.name for r in task_rows.list_tasks(ws, rel)]
