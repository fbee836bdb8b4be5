"""Moving tasks in the outline: reorder, indent, outdent, WBS codes, refusals."""

from __future__ import annotations

import pytest

from app.changes import ChangeAction
from app.errors import ConflictError, ValidationError
from app.services import release_service, task_links, task_outline, task_service
from app.services.task_cycles import PlanCircleError
from tests.app.services.builders import World
from tests.app.services.task_builders import add_tasks, outline, row


def test_reorder_renumbers_rows_and_wbs(world: World) -> None:
    ws, rel = world.ws, world.release_id
    a, b, c = add_tasks(ws, rel, "A", "B", "C")
    changes = task_outline.move_task(ws, c, 1, parent_id=None, index=0)
    assert outline(ws, rel) == [("1", "C", 0), ("2", "A", 0), ("3", "B", 0)]
    assert (changes[0].action, changes[0].id, changes[0].version) == (ChangeAction.UPDATED, c, 2)
    assert set(changes[1].ids) == {a, b}  # their position and code moved
    assert task_outline.outline_place(ws, a) == (None, 1)


def test_indent_and_outdent_are_inverse(world: World) -> None:
    ws, rel = world.ws, world.release_id
    a, b, c = add_tasks(ws, rel, "A", "B", "C")
    task_outline.indent_task(ws, b, 1)
    assert outline(ws, rel) == [("1", "A", 0), ("1.1", "B", 1), ("2", "C", 0)]
    assert row(ws, a).is_summary and row(ws, b).parent_id == a
    task_outline.indent_task(ws, c, row(ws, c).version)  # joins A after B
    assert outline(ws, rel) == [("1", "A", 0), ("1.1", "B", 1), ("1.2", "C", 1)]
    task_outline.outdent_task(ws, b, row(ws, b).version)  # right after A, one level up
    assert outline(ws, rel) == [("1", "A", 0), ("1.1", "C", 1), ("2", "B", 0)]
    assert row(ws, c).index == 0


def test_move_into_a_deeper_summary_at_an_index(world: World) -> None:
    ws, rel = world.ws, world.release_id
    phase, x, y, z = add_tasks(ws, rel, "Phase", "X", "Y", "Z")
    task_outline.move_task(ws, x, 1, parent_id=phase)
    task_outline.move_task(ws, y, row(ws, y).version, parent_id=phase)
    task_outline.move_task(ws, z, row(ws, z).version, parent_id=phase, index=1)
    assert outline(ws, rel) == [
        ("1", "Phase", 0),
        ("1.1", "X", 1),
        ("1.2", "Z", 1),
        ("1.3", "Y", 1),
    ]
    task_outline.move_task(ws, phase, None, parent_id=None, index=99)  # clamped: still last
    task_outline.move_task(ws, y, row(ws, y).version, parent_id=x)  # nested two deep
    assert outline(ws, rel)[-2:] == [("1.1.1", "Y", 2), ("1.2", "Z", 1)]


def test_refused_moves(world: World) -> None:
    ws, rel = world.ws, world.release_id
    a, b = add_tasks(ws, rel, "A", "B")
    task_outline.indent_task(ws, b, 1)
    with pytest.raises(ValidationError, match="has no task above it"):
        task_outline.indent_task(ws, a, 1)
    with pytest.raises(ValidationError, match="already at the top level"):
        task_outline.outdent_task(ws, a, 1)
    with pytest.raises(ValidationError, match="'A' cannot move under 'B': that task is part of it"):
        task_outline.move_task(ws, a, 1, parent_id=b)
    with pytest.raises(ValidationError, match="'A' cannot move under 'A'"):
        task_outline.move_task(ws, a, 1, parent_id=a)
    other = release_service.create_release(ws, name="Other").id
    [elsewhere] = add_tasks(ws, other, "Elsewhere")
    with pytest.raises(ValidationError, match="summary task of its own release"):
        task_outline.move_task(ws, a, 1, parent_id=elsewhere)
    with pytest.raises(ConflictError):
        task_outline.move_task(ws, b, 1, parent_id=None)  # b was moved (version 2)
    assert outline(ws, rel) == [("1", "A", 0), ("1.1", "B", 1)]


def test_moving_a_linked_task_into_its_summary_would_close_a_circle(world: World) -> None:
    ws, rel = world.ws, world.release_id
    phase, step = add_tasks(ws, rel, "Phase", "Step")
    task_links.add_link(ws, step, phase)  # Step must finish before Phase starts
    with pytest.raises(PlanCircleError, match="circle: Step → Phase → Step"):
        task_outline.indent_task(ws, step, row(ws, step).version)
    assert outline(ws, rel) == [("1", "Phase", 0), ("2", "Step", 0)]


def test_deleting_renumbers_and_restore_puts_it_back(world: World) -> None:
    ws, rel = world.ws, world.release_id
    [a, *_others] = add_tasks(ws, rel, "A", "B", "C")
    deleted = task_service.delete_task(ws, a, 1)
    assert outline(ws, rel) == [("1", "B", 0), ("2", "C", 0)]
    task_service.restore_task(ws, a, deleted[0].version)
    assert outline(ws, rel) == [("1", "A", 0), ("2", "B", 0), ("3", "C", 0)]
