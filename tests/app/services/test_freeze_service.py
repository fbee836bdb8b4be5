"""Freeze and blackout windows: created, edited, deleted as one audited transaction each;
bad input refused at the field it is about, nothing written; stale edits refused."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import ConflictError
from app.services import cascade
from app.services import freeze_service as fs
from app.workspace import Workspace
from models import Environment
from models.enums import CalendarExceptionKind, EnvironmentStage
from tests.app.services.builders import World, add_environment, audit_count
from tests.app.services.field_refusals import refused_at

START = dt.datetime(2027, 3, 1, 18, 0)
END = dt.datetime(2027, 3, 2, 6, 0)


def test_a_recurring_window_for_one_environment_is_listed_with_its_names(world: World) -> None:
    ws = world.ws
    prod = add_environment(ws, "Production", EnvironmentStage.PROD, 50)
    change = fs.create_freeze(
        ws,
        " Friday freeze ",
        START,
        END,
        rrule="RRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=6",
        domain_id=world.domain_id,
        environment_id=prod,
    )
    [row] = fs.list_freezes(ws)
    assert (row.id, row.name, row.kind, row.rrule) == (
        change.id,
        "Friday freeze",
        CalendarExceptionKind.FREEZE,
        "FREQ=WEEKLY;BYDAY=FR;COUNT=6",
    )
    assert (row.domain_name, row.environment_name, row.start, row.finish) == (
        "Payments",
        "Production",
        START,
        END,
    )


def test_bad_windows_are_refused_at_their_field(world: World) -> None:
    ws = world.ws
    assert "before it starts" in refused_at(ws, "finish", fs.create_freeze, "F", END, START)
    message = refused_at(ws, "rrule", fs.create_freeze, "F", START, END, rrule="FREQ=SOMETIMES")
    assert "FREQ=SOMETIMES" in message
    gone = add_environment(ws, "Old test", EnvironmentStage.TEST, 20)
    cascade.soft_delete(ws, Environment, gone)
    message = refused_at(
        ws, "environment_id", fs.create_freeze, "F", START, END, environment_id=gone
    )
    assert "environment does not exist" in message
    refused_at(ws, "kind", fs.create_freeze, "F", START, END, kind="holiday")


def test_an_edit_checks_the_whole_window_and_undoes_by_version(world: World) -> None:
    ws = world.ws
    made = fs.create_freeze(ws, "Release freeze", START, END)
    refused_at(
        ws, "finish", fs.update_freeze, made.id, made.version, start=END + dt.timedelta(days=1)
    )
    moved = fs.update_freeze(ws, made.id, made.version, start=START - dt.timedelta(days=1))
    assert moved.version == made.version + 1
    assert fs.get_freeze(ws, made.id).start == START - dt.timedelta(days=1)
    deleted = fs.delete_freeze(ws, made.id, moved.version)
    assert fs.list_freezes(ws) == []
    assert audit_count(ws) > 0
    fs.restore_freeze(ws, made.id, deleted.version)
    assert [r.name for r in fs.list_freezes(ws)] == ["Release freeze"]


def test_a_stale_edit_is_refused_and_the_colleagues_value_survives(
    world: World, colleague: Workspace
) -> None:
    ws = world.ws
    made = fs.create_freeze(ws, "Release freeze", START, END)
    fs.update_freeze(colleague, made.id, made.version, name="Board freeze")
    before = audit_count(ws)
    with pytest.raises(ConflictError) as info:
        fs.update_freeze(ws, made.id, made.version, name="My freeze")
    assert [(c.field, c.theirs, c.mine) for c in info.value.conflicts] == [
        ("name", "Board freeze", "My freeze")
    ]
    assert audit_count(ws) == before
    assert fs.get_freeze(ws, made.id).name == "Board freeze"
