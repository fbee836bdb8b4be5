"""The ``.ics`` export and import keep plan and window times at their wall-clock hours,
in Berlin and in Auckland: what Outlook and Google Calendar show is what ReleaseDesk
shows, across daylight saving changes too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr

from app import clock
from app.services import freeze_service, release_service
from app.services.calendar_exchange import export_calendar, import_calendar
from app.workspace import Workspace
from tests.app.interchange.ics_checks import check_rfc5545
from tests.app.services.builders import make_world
from tests.zones import far_zone, local_zone  # noqa: F401  # far_zone: a fixture

pytestmark = pytest.mark.usefixtures("far_zone")


def exported(ws: Workspace, path: Path) -> dict[str, icalendar.Event]:
    export_calendar(ws, path)
    calendar = check_rfc5545(path.read_bytes())
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def wall(event: icalendar.Event, name: str) -> dt.datetime:
    """A DTSTART / DTEND as a calendar program in the workspace's zone shows it."""
    return event.decoded(name).astimezone(clock.zone()).replace(tzinfo=None)


def test_a_release_window_is_exported_at_its_planned_hours_with_its_zone(
    workspace: Workspace, tmp_path: Path
) -> None:
    world = make_world(workspace)
    start, end = dt.datetime(2026, 3, 10, 9), dt.datetime(2026, 3, 10, 17)
    version = release_service.get_release(workspace, world.release_id).version
    release_service.update_release(
        workspace, world.release_id, version, planned_start=start, planned_end=end
    )
    event = exported(workspace, tmp_path / "plan.ics")["Checkout 1.0"]
    assert (wall(event, "DTSTART"), wall(event, "DTEND")) == (start, end)
    name = clock.zone().key  # type: ignore[attr-defined]
    raw = (tmp_path / "plan.ics").read_bytes()
    assert f"DTSTART;TZID={name}:20260310T090000\r\n".encode() in raw
    assert raw.index(f"BEGIN:VTIMEZONE\r\nTZID:{name}".encode()) < raw.index(b"BEGIN:VEVENT")


def test_a_weekly_freeze_keeps_its_hour_across_the_change_and_round_trips(
    workspace: Workspace, tmp_path: Path
) -> None:
    # Weekly, 09:00–11:00 local, across both zones' March/April changes.
    start = clock.from_local(dt.datetime(2026, 3, 17, 9))
    freeze_service.create_freeze(
        workspace,
        "Tuesday batch",
        start,
        start + dt.timedelta(hours=2),
        rrule="FREQ=WEEKLY;COUNT=6",
    )
    path = tmp_path / "freezes.ics"
    event = exported(workspace, path)["Tuesday batch"]
    first = event.decoded("DTSTART")  # aware, in the zone the file names
    assert wall(event, "DTSTART") == dt.datetime(2026, 3, 17, 9)
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=first)
    hours = {o.astimezone(clock.zone()).hour for o in rule}  # how a calendar program repeats it
    assert hours == {9}
    done = import_calendar(workspace, path)  # the file back: nothing changes
    assert (done.created, done.updated, done.unchanged) == (0, 0, 1)
    (row,) = freeze_service.list_freezes(workspace)
    assert (clock.to_local(row.start), row.rrule) == (
        dt.datetime(2026, 3, 17, 9),
        "FREQ=WEEKLY;COUNT=6",
    )


def test_a_utc_event_is_imported_at_its_local_hours(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "outlook.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:close@example.com\r\nDTSTAMP:20260301T000000Z\r\nSUMMARY:Quarter close\r\n"
        b"DTSTART:20260310T080000Z\r\nDTEND;TZID=Europe/Berlin:20260310T180000\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    import_calendar(workspace, path)
    (row,) = freeze_service.list_freezes(workspace)
    with local_zone("Europe/Berlin"):
        assert (clock.to_local(row.start), clock.to_local(row.finish)) == (
            dt.datetime(2026, 3, 10, 9),
            dt.datetime(2026, 3, 10, 18),
        )
    berlin = ZoneInfo("Europe/Berlin")
    assert clock.to_local(row.start) == dt.datetime(2026, 3, 10, 9, tzinfo=berlin).astimezone(
        clock.zone()
    ).replace(tzinfo=None)
