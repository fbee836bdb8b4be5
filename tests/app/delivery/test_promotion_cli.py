"""``releasedesk environment …``, ``promotion …`` and ``deployment schedule`` as typed:
output, exit codes and the one line a refusal prints."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app import clock
from app.services import promotion
from app.services.deployment_service import list_deployments
from tests.app.delivery.conftest import Delivery
from tests.app.delivery.test_deployment_cli import on_release, run


def test_environments_listed_added_moved_and_removed(delivery: Delivery, capsys) -> None:
    db = ("--db", delivery.db)
    assert run(capsys, "environment", "add", "Perf", "--stage", "test", "--position", "2", *db)[
        :2
    ] == (0, "Added environment Perf (test).\n")
    code, out, _err = run(capsys, "environment", "list", *db)
    assert code == 0 and out.splitlines()[1] == " 2. Perf        test"
    assert run(capsys, "environment", "move", "perf", "--to", "4", *db)[1] == (
        "Moved Perf to position 4.\n"
    )
    code, out, _err = run(capsys, "environment", "list", "--json", *db)
    assert [e["name"] for e in json.loads(out)] == ["Dev", "Test", "Staging", "Perf", "Production"]
    removed = run(capsys, "environment", "remove", "Perf", *db)
    assert removed[:2] == (0, "Removed environment Perf.\n")
    assert "Perf" not in [e.name for e in promotion.list_environments(delivery.ws)]


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (("environment", "move", "QA", "--to", "1"), 2, "Unknown environment 'QA' (known: Dev,"),
        (("environment", "move", "Dev", "--to", "0"), 2, "--position counts from 1"),
        (("environment", "add", "dev", "--stage", "dev"), 2, "named 'dev' already exists"),
    ],
)
def test_environment_refusals_are_one_line(
    delivery: Delivery, capsys, argv: tuple[str, ...], code: int, message: str
) -> None:
    got, out, err = run(capsys, *argv, "--db", delivery.db)
    assert (got, out) == (code, "") and message in err and err.count("\n") == 1


def test_removing_an_environment_with_deployments_is_refused(delivery: Delivery, capsys) -> None:
    on_release(capsys, delivery, "deployment record", "--env", "Dev", "--status", "deployed")
    code, _out, err = run(capsys, "environment", "remove", "Dev", "--db", delivery.db)
    assert code == 2 and "Dev has 1 deployment on record and cannot be removed" in err


def test_promotion_path_shown_and_set(delivery: Delivery, capsys) -> None:
    assert on_release(capsys, delivery, "promotion show")[1] == (
        "Checkout 1.0: Dev → Test → Staging → Production (every environment in stage order)\n"
    )
    code, out, _ = on_release(capsys, delivery, "promotion set", "--path", "dev,production")
    assert (code, out) == (0, "Checkout 1.0: Dev → Production\n")
    code, _out, err = on_release(capsys, delivery, "promotion set", "--path", "dev,QA")
    assert code == 2 and "Unknown environment 'QA'" in err
    assert on_release(capsys, delivery, "promotion set", "--path", "default")[0] == 0
    assert not promotion.release_path(delivery.ws, delivery.release_id).custom


def test_deployment_schedule_and_its_refusals(delivery: Delivery, capsys) -> None:
    # Days counted from the suite's clock, never from a calendar date (CI moves it).
    day = (clock.now() + dt.timedelta(days=6)).replace(hour=9, minute=0, second=0, microsecond=0)

    def at(moment: dt.datetime) -> str:
        return f"{moment:%Y-%m-%dT%H:%M}+00:00"

    window = ("--start", at(day), "--end", at(day + dt.timedelta(hours=2)))
    code, _out, err = on_release(capsys, delivery, "deployment schedule", "--env", "Test", *window)
    assert code == 2 and err == (
        "releasedesk: Test needs a deployment of this package in Dev first "
        "(verified, or scheduled to end before this one starts).\n"
    )
    code, out, err = on_release(
        capsys, delivery, "deployment schedule", "--env", "dev", *window, "--note", "Nightly"
    )
    assert (code, err) == (0, "") and out.startswith("Scheduled Checkout 1.0 in Dev: ")
    (row,) = list_deployments(delivery.ws, delivery.release_id)
    assert row.planned_start == day
    dev = ("deployment schedule", "--env", "Dev")
    later = day + dt.timedelta(days=1)
    for extra, message in (
        (("--start", at(day - dt.timedelta(days=30)), "--end", at(day)), "in the past"),
        (("--start", at(later), "--end", at(later - dt.timedelta(hours=1))), "before it"),
        (("--start", "next week", "--end", at(later)), "is not a moment"),
    ):
        code, _out, err = on_release(capsys, delivery, *dev, *extra)
        assert code == 2 and message in err
