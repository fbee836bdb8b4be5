"""Creating and editing tasks by hand: validation, conflicts, an empty release planned."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from app.changes import ChangeAction
from app.errors import ConflictError, NotFoundError, ValidationError
from app.services import release_schedule, release_service, task_links, task_rows, task_service
from models.enums import ConstraintType
from tests.app.services.builders import World, audit_count
from tests.app.services.task_builders import add_tasks, outline, row

MONDAY = dt.datetime(2026, 3, 2, 8, 0)


def test_an_empty_release_is_planned_by_hand_and_scheduled_at_once(world: World) -> None:
    ws, rel = world.ws, world.release_id
    with pytest.raises(ValidationError, match="no tasks yet"):
        release_schedule.schedule_release(ws, rel)
    design = task_service.create_task(ws, rel, "Design", duration_minutes=960)
    assert (design[0].entity, design[0].action) == ("task", ChangeAction.CREATED)
    build = task_service.create_task(ws, rel, "Build", duration_minutes=480)[0].id
    task_links.set_predecessors_text(ws, build, row(ws, build).version, "1")
    first = release_schedule.schedule_release(ws, rel)
    [d, b] = first.tasks
    assert (d.name, b.name) == ("Design", "Build")
    assert b.early_start == d.early_finish or b.early_start > d.early_finish
    assert b.early_finish - b.early_start >= dt.timedelta(hours=8)
    # an edit is scheduled straight away: Build moves two days when Design grows
    task_service.update_task(ws, design[0].id, row(ws, design[0].id).version, duration_minutes=1920)
    again = release_schedule.schedule_release(ws, rel)
    assert again.tasks[1].early_start > b.early_start
    assert again.critical_path == (("Design", "Build"),)


def test_create_defaults_to_one_working_day_numbered_in_order(world: World) -> None:
    ws, rel = world.ws, world.release_id
    a, b = add_tasks(ws, rel, "Alpha", "Beta")
    first = task_service.create_task(ws, rel, " Gamma ", index=0)
    rows = task_rows.list_tasks(ws, rel)
    assert [(r.row, r.wbs, r.name) for r in rows] == [
        (1, "1", "Gamma"),
        (2, "2", "Alpha"),
        (3, "3", "Beta"),
    ]
    assert rows[0].duration_minutes == 480 and rows[0].constraint_type is ConstraintType.ASAP
    # the renumbered tasks are in the change summary, with their new versions
    [created, renumbered] = first
    assert created.ids == (rows[0].id,)
    assert set(renumbered.ids) == {a, b}
    assert renumbered.versions == tuple(row(ws, i).version for i in renumbered.ids)


def test_create_under_a_summary_makes_it_one(world: World) -> None:
    ws, rel = world.ws, world.release_id
    [phase] = add_tasks(ws, rel, "Phase")
    task_service.create_task(ws, rel, "Step", parent_id=phase)
    assert outline(ws, rel) == [("1", "Phase", 0), ("1.1", "Step", 1)]
    assert row(ws, phase).is_summary


def test_create_refuses_bad_input_and_writes_nothing(world: World) -> None:
    ws, rel = world.ws, world.release_id
    before = audit_count(ws)
    with pytest.raises(ValidationError, match="name cannot be empty"):
        task_service.create_task(ws, rel, "  ")
    with pytest.raises(ValidationError, match="release does not exist"):
        task_service.create_task(ws, uuid.uuid4(), "Orphan")
    with pytest.raises(ValidationError, match="Unknown task field"):
        task_service.create_task(ws, rel, "X", wbs="9")
    assert audit_count(ws) == before
    assert task_rows.list_tasks(ws, rel) == []


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"duration_minutes": -5}, "duration cannot be negative"),
        ({"duration_minutes": "long"}, "duration must be a number"),
        ({"percent_complete": 101}, "between 0 and 100, not 101"),
        ({"percent_complete": -1}, "between 0 and 100, not -1"),
        ({"constraint_type": "SNET"}, "'start no earlier than' constraint needs a date"),
        ({"constraint_type": "MFO"}, "'must finish on' constraint needs a date"),
        ({"constraint_type": "SOON"}, "not a valid constraint type"),
        ({"constraint_type": "ASAP", "constraint_date": MONDAY}, "takes no constraint date"),
        ({"actual_finish": MONDAY}, "needs its actual start too"),
        (
            {"actual_start": MONDAY, "actual_finish": MONDAY - dt.timedelta(hours=1)},
            "actual finish .* lies before the actual start",
        ),
        ({"deadline": dt.datetime(1800, 1, 1)}, "must lie between 1900 and 2200"),
        ({"calendar_id": uuid.uuid4()}, "calendar does not exist"),
        ({"name": "x" * 241}, "too long"),
    ],
)
def test_update_refuses_bad_values_with_a_clear_message(
    world: World, values: dict, message: str
) -> None:
    ws = world.ws
    [task] = add_tasks(ws, world.release_id, "Task")
    before = row(ws, task)
    with pytest.raises(ValidationError, match=message):
        task_service.update_task(ws, task, before.version, **values)
    assert row(ws, task) == before


def test_update_checks_against_the_stored_values(world: World) -> None:
    ws = world.ws
    [task] = add_tasks(ws, world.release_id, "Task")
    task_service.update_task(ws, task, 1, actual_start=MONDAY)
    with pytest.raises(ValidationError, match="lies before the actual start"):
        task_service.update_task(ws, task, 2, actual_finish=MONDAY - dt.timedelta(days=1))


def test_update_every_field(world: World) -> None:
    ws, rel = world.ws, world.release_id
    [task] = add_tasks(ws, rel, "Task")
    cal = _calendar(ws)
    change = task_service.update_task(
        ws,
        task,
        1,
        name="Deploy",
        duration_minutes=2 * 1440,
        duration_elapsed=True,
        milestone=False,
        is_deployment=True,
        calendar_id=cal,
        constraint_type="SNET",
        constraint_date=MONDAY,
        deadline=MONDAY + dt.timedelta(days=9),
        percent_complete=50,
        actual_start=MONDAY,
        actual_finish=MONDAY + dt.timedelta(days=2),
        notes=" careful ",
    )
    assert [(c.action, c.id, c.version) for c in change] == [(ChangeAction.UPDATED, task, 2)]
    r = row(ws, task)
    assert (r.name, r.duration_minutes, r.duration_elapsed, r.is_deployment) == (
        "Deploy",
        2880,
        True,
        True,
    )
    assert (r.calendar_id, r.constraint_type, r.constraint_date) == (
        cal,
        ConstraintType.SNET,
        MONDAY,
    )
    assert (r.percent_complete, r.notes, r.version) == (50.0, "careful", 2)
    assert r.actual_finish == MONDAY + dt.timedelta(days=2)
    task_service.update_task(ws, task, 2, milestone=True, duration_minutes=0)
    assert row(ws, task).milestone


def test_an_undated_constraint_clears_the_date(world: World) -> None:
    ws = world.ws
    [task] = add_tasks(ws, world.release_id, "Task", constraint_type="MSO", constraint_date=MONDAY)
    task_service.update_task(ws, task, 1, constraint_type="ALAP")
    r = row(ws, task)
    assert (r.constraint_type, r.constraint_date) == (ConstraintType.ALAP, None)


def test_an_aware_date_is_stored_as_local_plan_time(world: World) -> None:
    ws = world.ws
    [task] = add_tasks(ws, world.release_id, "Task")
    aware = dt.datetime(2026, 3, 2, 7, 0, tzinfo=dt.UTC)
    task_service.update_task(ws, task, 1, deadline=aware)
    stored = row(ws, task).deadline
    assert stored is not None and stored.tzinfo is None
    assert stored.replace(tzinfo=None) == aware.astimezone().replace(tzinfo=None)


def test_a_stale_edit_is_a_conflict_and_writes_nothing(world: World, colleague) -> None:
    ws = world.ws
    [task] = add_tasks(ws, world.release_id, "Task")
    task_service.update_task(colleague, task, 1, name="Theirs", duration_minutes=960)
    with pytest.raises(ConflictError) as caught:
        task_service.update_task(ws, task, 1, name="Mine")
    assert [(c.field, c.theirs, c.mine) for c in caught.value.conflicts] == [
        ("name", "Theirs", "Mine")
    ]
    assert caught.value.table == "task"
    assert row(ws, task).name == "Theirs"


def test_delete_and_restore_through_the_cascade(world: World) -> None:
    ws, rel = world.ws, world.release_id
    _a, b, c = add_tasks(ws, rel, "A", "B", "C")
    task_service.create_task(ws, rel, "B.1", parent_id=b)
    task_links.set_predecessors_text(ws, c, row(ws, c).version, "1, 2")  # A and B
    with pytest.raises(ConflictError):
        task_service.delete_task(ws, b, 7)
    gone = task_service.delete_task(ws, b, row(ws, b).version)
    assert (gone[0].action, gone[0].id) == (ChangeAction.DELETED, b)
    # what went with it is in the summary too, with the versions an undo must expect
    kinds = {(c.entity, c.action): len(c.ids) for c in gone[1:]}
    assert kinds == {
        ("task", ChangeAction.DELETED): 1,  # B.1
        ("task", ChangeAction.UPDATED): 1,  # C renumbered
        ("task_link", ChangeAction.DELETED): 1,  # B → C
    }
    assert outline(ws, rel) == [("1", "A", 0), ("2", "C", 0)]
    assert row(ws, c).predecessors == "1"  # the link from B went with it
    with pytest.raises(NotFoundError):
        task_service.update_task(ws, b, None, name="Ghost")
    back = task_service.restore_task(ws, b, gone[0].version)
    assert {(c.entity, c.action) for c in back} >= {
        ("task", ChangeAction.RESTORED),
        ("task_link", ChangeAction.RESTORED),
    }
    assert outline(ws, rel) == [("1", "A", 0), ("2", "B", 0), ("2.1", "B.1", 1), ("3", "C", 0)]
    assert row(ws, c).predecessors == "1, 2"


def test_restore_refuses_a_task_whose_summary_or_release_is_gone(world: World) -> None:
    ws, rel = world.ws, world.release_id
    [phase] = add_tasks(ws, rel, "Phase")
    step = task_service.create_task(ws, rel, "Step", parent_id=phase)[0].id
    first = task_service.delete_task(ws, step, 1)
    task_service.delete_task(ws, phase, row(ws, phase).version)
    with pytest.raises(ValidationError, match="belonged to a summary task that is deleted"):
        task_service.restore_task(ws, step, first[0].version)
    [other] = add_tasks(ws, rel, "Other")
    gone = task_service.delete_task(ws, other, 1)
    release_service.delete_release(ws, rel)
    with pytest.raises(ValidationError, match="belongs to a release that is deleted"):
        task_service.restore_task(ws, other, gone[0].version)


def _calendar(ws) -> uuid.UUID:
    from models import Calendar

    with ws.transaction() as s:
        cal = Calendar(name="Night shift", working_days="1111100")
        s.add(cal)
        s.flush()
        return cal.id
