"""Calendar export: a valid RFC 5545 file, stable UIDs, growing SEQUENCE, filters, safety."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from app.errors import NotFoundError, PlanFileError, ValidationError
from app.interchange.ics_errors import CalendarFileError
from app.services import release_service
from app.services.calendar_exchange import export_calendar
from app.workspace import Workspace
from tests.app.interchange.calendar_world import CalendarWorld, make_calendar
from tests.app.interchange.ics_checks import check_rfc5545


@pytest.fixture
def world(workspace: Workspace) -> CalendarWorld:
    return make_calendar(workspace)


def _export(ws: Workspace, path: Path, **filters: object) -> dict[str, icalendar.Event]:
    export_calendar(ws, path, **filters)  # type: ignore[arg-type]
    calendar = check_rfc5545(path.read_bytes())
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_export_is_valid_and_holds_every_kind(
    workspace: Workspace, world: CalendarWorld, tmp_path: Path
) -> None:
    events = _export(workspace, tmp_path / "all.ics")
    assert sorted(events) == [
        "App 7.1",
        "Checkout 2.0",
        "Deadline: Checkout 2.0",
        "Deploy Checkout 2.0 to Production",
        "Founders' day",
        "Friday batch run",
        "Go/no-go (Checkout 2.0)",
        "Year-end freeze",
    ]
    calendar = icalendar.Calendar.from_ical((tmp_path / "all.ics").read_bytes())
    assert str(calendar["PRODID"]).startswith("-//ReleaseDesk//")

    deploy = events["Deploy Checkout 2.0 to Production"]
    assert deploy["UID"] == f"{world.deployment}@releasedesk"
    assert deploy.decoded("DTSTART") == dt.datetime(2027, 3, 24, 20, tzinfo=dt.UTC)
    assert deploy.decoded("DTEND") == dt.datetime(2027, 3, 24, 22, tzinfo=dt.UTC)
    assert "Status: Planned" in str(deploy["DESCRIPTION"])
    assert deploy["CATEGORIES"].cats == ["Payments", "Deployment"]

    release = events["Checkout 2.0"]
    assert release["UID"] == f"{world.checkout}@releasedesk"
    assert "Status: Planned" in str(release["DESCRIPTION"])
    assert "Status: Approved" in str(events["App 7.1"]["DESCRIPTION"])


def test_whole_days_are_dates_with_an_exclusive_end(
    workspace: Workspace, world: CalendarWorld, tmp_path: Path
) -> None:
    events = _export(workspace, tmp_path / "days.ics")
    holiday = events["Founders' day"]  # one day, stored up to 23:59
    assert holiday.decoded("DTSTART") == dt.date(2027, 5, 3)
    assert holiday.decoded("DTEND") == dt.date(2027, 5, 4)
    deadline = events["Deadline: Checkout 2.0"]
    assert (deadline.decoded("DTSTART"), deadline.decoded("DTEND")) == (
        dt.date(2027, 3, 31),
        dt.date(2027, 4, 1),
    )
    assert str(deadline["TRANSP"]) == "TRANSPARENT"  # a milestone does not block time
    freeze = events["Year-end freeze"]
    assert (freeze.decoded("DTSTART"), freeze.decoded("DTEND")) == (
        dt.date(2026, 12, 15),
        dt.date(2027, 1, 6),
    )


def test_recurring_windows_stay_rules(
    workspace: Workspace, world: CalendarWorld, tmp_path: Path
) -> None:
    events = _export(workspace, tmp_path / "rules.ics")
    freeze = events["Year-end freeze"]
    assert freeze["RRULE"]["FREQ"] == ["YEARLY"]
    assert freeze["RRULE"]["UNTIL"] == [dt.date(2030, 12, 15)]
    assert [d.dt for d in freeze["EXDATE"].dts] == [dt.date(2028, 12, 15)]
    batch = events["Friday batch run"]
    assert batch["RRULE"]["BYDAY"] == ["FR"] and batch["RRULE"]["COUNT"] == [20]
    assert batch.decoded("DTSTART") == dt.datetime(2027, 1, 1, 18, tzinfo=dt.UTC)
    assert str(batch["X-RELEASEDESK-ENVIRONMENT"]) == "Production"
    raw = (tmp_path / "rules.ics").read_bytes()
    assert raw.count(b"BEGIN:VEVENT") == 8  # not exploded into occurrences


def test_uids_are_stable_and_sequence_grows_with_each_change(
    workspace: Workspace, world: CalendarWorld, tmp_path: Path
) -> None:
    first = _export(workspace, tmp_path / "one.ics")
    row = release_service.get_release(workspace, world.checkout)
    release_service.update_release(
        workspace, world.checkout, row.version, planned_end=dt.datetime(2027, 3, 27, 17)
    )
    second = _export(workspace, tmp_path / "one.ics")  # replaces its own file
    assert {e["UID"] for e in first.values()} == {e["UID"] for e in second.values()}
    for name in ("Checkout 2.0", "Deploy Checkout 2.0 to Production", "Deadline: Checkout 2.0"):
        assert second[name]["SEQUENCE"] > first[name]["SEQUENCE"], name
    assert second["App 7.1"]["SEQUENCE"] == first["App 7.1"]["SEQUENCE"]
    assert second["Year-end freeze"]["SEQUENCE"] == first["Year-end freeze"]["SEQUENCE"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            {"domain": "Mobile Apps"},
            ["App 7.1", "Founders' day", "Year-end freeze"],
        ),
        (
            {"domain": "pay"},  # the code, any case
            [
                "Checkout 2.0",
                "Deadline: Checkout 2.0",
                "Deploy Checkout 2.0 to Production",
                "Friday batch run",
                "Go/no-go (Checkout 2.0)",
                "Year-end freeze",
            ],
        ),
        (
            {"release": "App 7.1"},
            ["App 7.1", "Founders' day", "Year-end freeze"],
        ),
        (
            {"kinds": ["freeze", "holiday"]},
            ["Founders' day", "Year-end freeze"],
        ),
        (
            {"domain": "Payments", "kinds": ["deployment", "milestone"]},
            [
                "Deadline: Checkout 2.0",
                "Deploy Checkout 2.0 to Production",
                "Go/no-go (Checkout 2.0)",
            ],
        ),
    ],
)
def test_filters(
    workspace: Workspace, world: CalendarWorld, tmp_path: Path, filters: dict, expected: list
) -> None:
    assert sorted(_export(workspace, tmp_path / "f.ics", **filters)) == expected


def test_unknown_filters_are_refused(
    workspace: Workspace, world: CalendarWorld, tmp_path: Path
) -> None:
    with pytest.raises(NotFoundError, match=r"No domain named 'Nope'.*Mobile Apps, Payments"):
        export_calendar(workspace, tmp_path / "x.ics", domain="Nope")
    with pytest.raises(NotFoundError, match="No release named 'Nope'"):
        export_calendar(workspace, tmp_path / "x.ics", release="Nope")
    with pytest.raises(ValidationError, match="Unknown kind 'party'"):
        export_calendar(workspace, tmp_path / "x.ics", kinds=["party"])
    assert not (tmp_path / "x.ics").exists()


def test_never_writes_over_a_file_it_did_not_create(
    workspace: Workspace, world: CalendarWorld, tmp_path: Path
) -> None:
    foreign = tmp_path / "team.ics"
    foreign.write_bytes(b"BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//EN\r\nEND:VCALENDAR\r\n")
    with pytest.raises(CalendarFileError, match="not a calendar ReleaseDesk exported"):
        export_calendar(workspace, foreign)
    assert foreign.read_bytes().startswith(b"BEGIN:VCALENDAR\r\nPRODID:-//Google")
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    with pytest.raises(CalendarFileError):
        export_calendar(workspace, notes)
    assert notes.read_text() == "my notes"
    with pytest.raises(PlanFileError, match="folder"):
        export_calendar(workspace, tmp_path)
    if workspace.file is not None:
        with pytest.raises(PlanFileError, match="workspace that is open"):
            export_calendar(workspace, workspace.file)


def test_an_empty_workspace_exports_an_empty_valid_calendar(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "empty.ics"
    assert export_calendar(workspace, path) == 0
    assert check_rfc5545(path.read_bytes()).walk("VEVENT") == []
