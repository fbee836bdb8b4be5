"""``releasedesk changes list|assess|export`` as a script runs them: exit codes, output,
files read back (the formula guard included)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from app.cli import main
from app.services import change_request_service as crs
from app.services import task_links
from app.services.change_items import ChangeItemSpec
from models.enums import ChangeItemKind, ChangeRequestStatus
from tests.app.services.builders import World, make_world
from tests.app.services.task_builders import add_tasks


@pytest.fixture
def world(workspace) -> World:
    return make_world(workspace)


def _db(world: World) -> str:
    ws = world.ws
    return str(ws.file) if ws.file else ws.url.render_as_string(hide_password=False)


def _requests(world: World) -> None:
    build, ship = add_tasks(world.ws, world.release_id, "Build", "Ship", duration_minutes=960)
    task_links.add_link(world.ws, build, ship)
    crs.create_change_request(
        world.ws, world.release_id, "Longer build", requester_name="Dana",
        items=[ChangeItemSpec(ChangeItemKind.CHANGE_DURATION, task_id=build,
                              duration_minutes=3 * 480)],
    )  # fmt: skip
    crs.create_change_request(
        world.ws, world.release_id, "=HYPERLINK(\"x\")", requester_name="-Eve",
        items=[ChangeItemSpec(ChangeItemKind.ADD_SCOPE, "@Gift cards")],
    )  # fmt: skip


def test_list_and_json(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    _requests(world)
    assert main(["changes", "list", "--db", _db(world), "--release", "Checkout 1.0"]) == 0
    out = capsys.readouterr().out
    assert "Longer build" in out and "2 change requests." in out
    assert main(["changes", "list", "--db", _db(world), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    titles = {r["title"]: r for r in data["change_requests"]}
    assert titles["Longer build"]["status"] == "submitted"
    assert titles["Longer build"]["changes"][0]["duration_minutes"] == 1440


def test_assess_records_the_engines_impact(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    _requests(world)
    argv = ["changes", "assess", "Longer build", "--db", _db(world), "--release", "Checkout"]
    assert main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["added_working_days"] == 1 and data["recorded"] is True
    assert data["impact"].startswith("Adds 1 working day to the critical path")
    [row] = [r for r in crs.list_change_requests(world.ws) if r.title == "Longer build"]
    assert row.status is ChangeRequestStatus.ASSESSED and row.impact == data["impact"]
    assert main(argv) == 0
    assert "Longer build: Adds 1 working day" in capsys.readouterr().out


def test_assess_keeps_the_assessors_note(world: World, capsys) -> None:
    _requests(world)
    argv = ["changes", "assess", "Longer build", "--db", _db(world), "--release", "Checkout"]
    assert main([*argv, "--note", "Checked with the build team"]) == 0
    [row] = [r for r in crs.list_change_requests(world.ws) if r.title == "Longer build"]
    assert row.last_decision is not None
    assert (row.last_decision.status, row.last_decision.reason) == (
        ChangeRequestStatus.ASSESSED,
        "Checked with the build team",
    )


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["changes", "assess", "Nope", "--release", "Checkout"], 4, "No change request 'Nope'"),
        (["changes", "assess", "Nope", "--release", "Nowhere"], 4, "Nowhere"),
        (["changes", "export", "--out", "x.txt"], 2, "csv"),
        (["changes", "assess", "Longer build"], 2, "--release"),
    ],
)
def test_errors_are_one_line_and_non_zero(
    world: World, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str
) -> None:
    _requests(world)
    assert main([*argv, "--db", _db(world)]) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_export_csv_and_xlsx_with_the_formula_guard(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _requests(world)
    out_csv, out_xlsx = tmp_path / "changes.csv", tmp_path / "changes.xlsx"
    assert main(["changes", "export", "--db", _db(world), "--out", str(out_csv)]) == 0
    rows = list(csv.reader(out_csv.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:3] == ["Request", "Release", "Requester"]
    guarded = next(r for r in rows if "HYPERLINK" in r[0])
    assert guarded[0].startswith("'=") and guarded[2] == "'-Eve" and "'" not in rows[1][1]
    assert main(["changes", "export", "--db", _db(world), "--out", str(out_xlsx)]) == 0
    book = openpyxl.load_workbook(out_xlsx)
    values = [[c.value for c in r] for r in book.active.iter_rows()]
    book.close()
    assert values[0][0] == "Request" and any(str(v[0]).startswith("'=") for v in values[1:])
    assert main(["changes", "export", "--db", _db(world), "--out", str(out_csv)]) == 2
    assert "already exists" in capsys.readouterr().err
