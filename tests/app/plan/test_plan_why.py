""" "Why this date?" on a real workspace: the service and ``releasedesk plan why``.

Two imported releases: *Checkout 3.1*'s deployment waits (FS + 1 day) for *Payments
2.0*'s load test, across the year-end freeze of both teams' calendars.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
import sqlalchemy as sa

from app.cli import main
from app.errors import NotFoundError, ValidationError
from app.scheduling import DriverKind, schedule
from app.scheduling.plan import (
    CalendarException,
    CalendarSpec,
    ConstraintType,
    LagUnit,
    LinkSpec,
    PlanSpec,
    TaskSpec,
)
from app.services.driving_path import driving_path, explain, why_sentence
from app.services.plan_service import import_plan
from app.workspace import Workspace
from models import Task, TaskLink
from models.bulk_audit import insert_audited
from tests.plan_documents import PlanDocument

START = dt.datetime(2026, 12, 21, 8, 0)  # a Monday
LATER = dt.datetime(2027, 1, 7, 8, 0)
FREEZE = CalendarException(dt.date(2026, 12, 24), dt.date(2027, 1, 1), (), "Year-end freeze")


def _calendar(cid: str, name: str) -> dict[str, CalendarSpec]:
    return {cid: CalendarSpec(cid, name, exceptions=(FREEZE,))}


@pytest.fixture
def releases(workspace: Workspace) -> Workspace:
    payments = PlanSpec(
        [TaskSpec("b", "Build", 960), TaskSpec("l", "Load test", 480)],
        [LinkSpec("b", "l")],
        project_start=START,
        calendars=_calendar("pay", "Payments days"),
        default_calendar_id="pay",
    )
    checkout = PlanSpec(
        [
            TaskSpec("p", "Prepare", 480),
            TaskSpec("d", "Deploy", 480),
            TaskSpec("s1", "Smoke test", 60),
            TaskSpec("s2", "Smoke test", 60, constraint=ConstraintType.SNET, constraint_date=LATER),
        ],
        [LinkSpec("p", "d"), LinkSpec("d", "s1"), LinkSpec("d", "s2")],
        project_start=START + dt.timedelta(days=1),  # work starts no earlier than that
        calendars=_calendar("co", "Checkout days"),
        default_calendar_id="co",
    )
    import_plan(workspace, PlanDocument("Payments", payments), release_name="Payments 2.0")
    import_plan(workspace, PlanDocument("Checkout", checkout), release_name="Checkout 3.1")
    with workspace.reading() as s:
        ids = dict(s.execute(sa.select(Task.name, Task.id)).all())
    with workspace.transaction() as s:
        insert_audited(
            s,
            TaskLink,
            [
                {
                    "id": uuid.uuid4(),
                    "predecessor_id": ids["Load test"],
                    "successor_id": ids["Deploy"],
                    "link_type": "FS",
                    "lag": 480.0,
                    "lag_unit": "working",
                }
            ],
        )
    return workspace


def _db(ws: Workspace) -> str:
    return ws.url.render_as_string(hide_password=False)


def test_the_path_crosses_releases_and_the_freeze(releases: Workspace) -> None:
    path = driving_path(releases, "Checkout 3.1", "Deploy")
    first, load, build = path.steps
    assert first.date == dt.datetime(2027, 1, 5, 8, 0) and first.row == 2
    assert first.driver.kind == DriverKind.LINK and first.driver_name == "Load test"
    assert (
        first.driver_release == "Payments 2.0" and first.calendar == "Checkout days (Checkout 3.1)"
    )
    assert first.crossed == ("Year-end freeze (24 Dec – 1 Jan)",)
    assert first.sentence == (
        "*Deploy* starts Tue 5 Jan 08:00 because *Load test* (release Payments 2.0) (FS + 1d) "
        "finishes Wed 23 Dec 17:00; Year-end freeze (24 Dec – 1 Jan) is non-working on the "
        "Checkout days (Checkout 3.1) calendar in between."
    )
    assert (load.name, load.release, load.row, load.end) == (
        "Load test",
        "Payments 2.0",
        None,
        "finish",
    )
    assert load.via_duration and load.driver.task_id == build.task_id
    assert build.driver.kind == DriverKind.PROJECT_START
    assert build.sentence.endswith("the start of the plan.")
    assert path.task_ids() == (first.task_id, load.task_id, build.task_id)
    assert path.driven == ("Smoke test",)  # the other one waits for its constraint


def test_tasks_are_found_by_row_id_or_name(releases: Workspace) -> None:
    by_row = driving_path(releases, "Checkout 3.1", "1")
    assert by_row.task_name == "Prepare" and by_row.pin.kind == DriverKind.CONSTRAINT
    assert by_row.pin.name == "planned start"  # set by the loader, not by the coordinator
    assert by_row.text.endswith("because its release is planned to start Tue 22 Dec 08:00.")
    by_id = driving_path(releases, "Checkout 3.1", by_row.task_id)
    assert by_id.task_id == by_row.task_id
    assert driving_path(releases, "Checkout 3.1", "deploy").task_name == "Deploy"
    pinned = driving_path(releases, "Checkout 3.1", "4").pin  # a constraint of its own
    assert (pinned.kind, pinned.name, pinned.date) == (DriverKind.CONSTRAINT, "SNET", LATER)
    with pytest.raises(ValidationError, match="row 3 'Smoke test', row 4 'Smoke test'"):
        driving_path(releases, "Checkout 3.1", "Smoke test")
    with pytest.raises(ValidationError, match="rows 1 to 4; there is no row 5"):
        driving_path(releases, "Checkout 3.1", "5")
    with pytest.raises(NotFoundError, match="no task named 'Rollback'"):
        driving_path(releases, "Checkout 3.1", "Rollback")


def test_plan_why_prints_the_numbered_chain(releases: Workspace, capsys) -> None:
    code = main(["plan", "why", "--release", "Checkout 3.1", "--task", "2", "--db", _db(releases)])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0] == "Why does row 2 'Deploy' of 'Checkout 3.1' start when it does?"
    assert out[1].startswith("  1. *Deploy* starts Tue 5 Jan 08:00 because *Load test*")
    assert out[2].startswith("  2. *Load test* (release Payments 2.0) finishes Wed 23 Dec 17:00")
    assert out[3].startswith("  3. *Build* (release Payments 2.0) finishes Tue 22 Dec 17:00")
    assert out[4] == "It drives: Smoke test."


def test_plan_why_json(releases: Workspace, capsys) -> None:
    args = ["plan", "why", "--release", "Checkout 3.1", "--task", "Deploy", "--json"]
    assert main([*args, "--db", _db(releases)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["task"]["name"] == "Deploy" and data["task"]["row"] == 2
    assert data["pin"] == "project_start" and len(data["steps"]) == 3
    step = data["steps"][0]
    assert (
        step["date"] == "2027-01-05T08:00:00" and step["calendar"] == "Checkout days (Checkout 3.1)"
    )
    assert step["driver"]["link"] == {"type": "FS", "lag": 480.0, "lag_unit": "working"}
    assert step["driver"]["release"] == "Payments 2.0"
    assert step["driver"]["date"] == "2026-12-23T17:00:00"
    assert step["non_working_between"] == ["Year-end freeze (24 Dec – 1 Jan)"]


@pytest.mark.parametrize(
    ("task", "code", "message"),
    [
        (
            "Smoke test",
            2,
            "2 tasks of 'Checkout 3.1' are named 'Smoke test': row 3 'Smoke test', "
            "row 4 'Smoke test'; give the row number instead.",
        ),
        ("Rollback", 4, "'Checkout 3.1' has no task named 'Rollback'."),
        ("0", 2, "'Checkout 3.1' has rows 1 to 4; there is no row 0."),
    ],
)
def test_plan_why_refuses_what_it_cannot_name(releases, capsys, task, code, message) -> None:
    argv = ["plan", "why", "--release", "Checkout 3.1", "--task", task, "--db", _db(releases)]
    assert main(argv) == code
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == f"releasedesk: {message}\n"


def test_plan_why_needs_a_known_release_and_a_task(releases: Workspace, capsys) -> None:
    assert main(["plan", "why", "--release", "Nope 9", "--task", "1", "--db", _db(releases)]) == 4
    assert "Nope 9" in capsys.readouterr().err
    assert main(["plan", "why", "--release", "Checkout 3.1", "--db", _db(releases)]) == 2
    assert "--task" in capsys.readouterr().err


def test_why_sentence_is_the_first_step_alone() -> None:
    plan = PlanSpec(
        [TaskSpec("a", "Build", 480, release_id="r"), TaskSpec("b", "Ship", 60, release_id="r")],
        [LinkSpec("a", "b", lag=50, lag_unit=LagUnit.PERCENT)],
        project_start=START,
    )
    result = schedule(plan)
    assert why_sentence(plan, result, "b", {"r": "Core 1.0"}) == (
        "*Ship* starts Tue 22 Dec 13:00 because *Build* (FS + 50 %) finishes Mon 21 Dec 17:00."
    )
    assert why_sentence(plan, result, "b") == explain(plan, result, "b").steps[0].sentence
