"""``releasedesk calendar conflicts``: the list, its JSON, and exit codes to gate on."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app import clock
from app.cli import main
from app.workspace import Workspace
from tests.app.conflicts.calendar_world import build


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(workspace: Workspace) -> str:
    build(workspace)
    return workspace.url.render_as_string(hide_password=False)


def test_conflicts_are_listed_one_line_each_and_exit_1(db: str, capsys) -> None:
    code, out, err = run(
        capsys, "calendar", "conflicts", "--db", db, "--from", "2026-12-01", "--to", "2026-12-31"
    )
    lines = out.splitlines()
    assert (code, err) == (1, "")
    assert lines[-1] == "5 conflicts between 2026-12-01 and 2026-12-31."
    assert len(lines) == 6 and all(
        line.split()[0] in ("HIGH", "MEDIUM", "LOW") for line in lines[:-1]
    )
    freeze = next(
        line for line in lines if "Checkout 2.0 to Production" in line and "freeze" in line
    )
    assert "falls in the freeze 'Year-end change freeze'" in freeze
    assert "Suggested: Move Checkout 2.0 to Production to " in freeze


def test_no_conflicts_exit_0(db: str, capsys) -> None:
    code, out, _ = run(
        capsys, "--db", db, "calendar", "conflicts", "--from", "2027-02-01", "--to", "2027-02-10"
    )
    assert (code, out) == (0, "No conflicts between 2027-02-01 and 2027-02-10.\n")


def test_json_output(db: str, capsys) -> None:
    code, out, _ = run(
        capsys,
        "calendar",
        "conflicts",
        "--db",
        db,
        "--json",
        "--from",
        "2026-12-08",
        "--to",
        "2026-12-08",
    )
    data = json.loads(out)
    assert code == 1 and (data["from"], data["to"]) == ("2026-12-08", "2026-12-08")
    kinds = sorted(c["kind"] for c in data["conflicts"])
    assert kinds == ["double_booking", "environment_overlap"]
    overlap = next(c for c in data["conflicts"] if c["kind"] == "environment_overlap")
    assert overlap["severity"] == "high"
    assert [i["kind"] for i in overlap["items"]] == ["deployment", "deployment"]
    assert overlap["items"][0]["start"] == "2026-12-08T11:00:00+00:00"
    assert overlap["fix"]["table"] == "deployment"
    assert overlap["fix"]["row_id"] == overlap["items"][0]["row_id"]
    assert dt.datetime.fromisoformat(overlap["fix"]["start"]) >= dt.datetime(
        2026, 12, 8, 12, tzinfo=dt.UTC
    )


def test_the_default_range_is_today_and_the_next_quarter(db: str, capsys) -> None:
    _, out, _ = run(capsys, "calendar", "conflicts", "--db", db, "--json")
    data = json.loads(out)
    first = clock.today()
    assert (data["from"], data["to"]) == (
        first.isoformat(),
        (first + dt.timedelta(days=91)).isoformat(),
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-02-30"], "'2026-02-30' is not a date (YYYY-MM-DD)"),
        (["--to", "tomorrow"], "'tomorrow' is not a date"),
        (
            ["--from", "2026-12-10", "--to", "2026-12-01"],
            "--from 2026-12-10 is after --to 2026-12-01.",
        ),
    ],
)
def test_bad_arguments_exit_2(db: str, capsys, args: list[str], message: str) -> None:
    code, out, err = run(capsys, "calendar", "conflicts", "--db", db, *args)
    assert (code, out) == (2, "")
    assert message in err and "Traceback" not in err


def test_calendar_needs_an_action(capsys) -> None:
    code, _, err = run(capsys, "calendar")
    assert code == 2 and "required: ACTION" in err
