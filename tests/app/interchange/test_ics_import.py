"""Calendar import: round trip through export, re-import updates, time zones, whole days."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr

from app.conflicts.recurrence import occurrences
from app.interchange.ics_export import is_whole_days, last_day
from app.services.calendar_exchange import export_calendar, import_calendar
from app.services.cascade import soft_delete
from app.workspace import Workspace
from models import CalendarException, Domain, Environment
from models.enums import EnvironmentStage
from tests.app.interchange.calendar_world import (
    local_day,
    make_calendar,
    names_of,
    window_count,
    windows_of,
)
from tests.app.services.builders import add_domain, add_environment
from tests.conftest import TEST_USER

RANGE = (dt.datetime(2026, 1, 1), dt.datetime(2032, 1, 1))


@pytest.fixture
def source(tmp_path: Path, sqlite_template: Path) -> Iterator[Workspace]:
    """Another team's workspace (SQLite) holding the calendar of :func:`make_calendar`."""
    path = tmp_path / "source.db"
    shutil.copyfile(sqlite_template, path)
    ws = Workspace.open(path, user=TEST_USER)
    make_calendar(ws)
    yield ws
    ws.close()


@pytest.fixture
def exported(source: Workspace, tmp_path: Path) -> Path:
    path = tmp_path / "team.ics"
    export_calendar(source, path)
    return path


def _seen(ws: Workspace) -> dict[str, tuple]:
    """Each window as a coordinator compares two workspaces: no ids, versions or UIDs;
    a whole-day window by its days (up to 23:59 or to midnight: the same last day)."""
    domains, envs = names_of(ws, Domain), names_of(ws, Environment)
    out = {}
    for name, w in windows_of(ws).items():
        end = last_day(w.start, w.finish) if is_whole_days(w.start, w.finish) else w.finish
        starts = [
            a
            for a, _ in occurrences(
                w.start, w.finish, w.rrule, range_start=RANGE[0], range_end=RANGE[1]
            )
        ]
        out[name] = (
            w.kind.value,
            w.start,
            end,
            starts,
            domains.get(w.domain_id),
            envs.get(w.environment_id),
        )
    return out


def _same_places(ws: Workspace) -> None:
    add_domain(ws, "Payments")
    add_domain(ws, "Mobile Apps")
    add_environment(ws, "Production", EnvironmentStage.PROD, 3)


def test_round_trip_gives_the_same_windows_and_recurrences(
    workspace: Workspace, source: Workspace, exported: Path
) -> None:
    _same_places(workspace)
    done = import_calendar(workspace, exported)
    assert (done.created, done.updated, done.unchanged) == (3, 0, 0)
    assert any("5 releases, deployments and milestones" in n for n in done.notes)
    assert _seen(workspace) == _seen(source)
    year_end = windows_of(workspace)["Year-end freeze"]
    assert "EXDATE" in year_end.rrule and year_end.ical_uid.endswith("@releasedesk")
    assert (
        len(
            occurrences(
                year_end.start,
                year_end.finish,
                year_end.rrule,
                range_start=RANGE[0],
                range_end=RANGE[1],
            )
        )
        == 4
    )  # 2026, 2027, 2029, 2030: 2028 excluded, UNTIL 2030


def test_reimport_updates_instead_of_adding(workspace: Workspace, exported: Path) -> None:
    import_calendar(workspace, exported)
    before = window_count(workspace)
    again = import_calendar(workspace, exported)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    text = exported.read_text(encoding="utf-8")
    exported.write_bytes(
        text.replace("SUMMARY:Founders' day", "SUMMARY:Founders' day (moved)")
        .replace("DTSTART;VALUE=DATE:20270503", "DTSTART;VALUE=DATE:20270510")
        .replace("DTEND;VALUE=DATE:20270504", "DTEND;VALUE=DATE:20270512")
        .encode()
    )
    changed = import_calendar(workspace, exported)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 2)
    assert window_count(workspace) == before
    moved = windows_of(workspace)["Founders' day (moved)"]
    assert (moved.start, moved.finish) == (local_day(2027, 5, 10), local_day(2027, 5, 12))
    assert changed.changes[0].ids == (moved.id,)


def test_reimport_restores_a_deleted_window(workspace: Workspace, exported: Path) -> None:
    import_calendar(workspace, exported)
    holiday = windows_of(workspace)["Founders' day"]
    soft_delete(workspace, CalendarException, holiday.id, holiday.version)
    assert "Founders' day" not in windows_of(workspace)
    done = import_calendar(workspace, exported)
    assert (done.created, done.updated) == (0, 1)
    assert windows_of(workspace)["Founders' day"].id == holiday.id


def test_own_export_reimported_changes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    make_calendar(workspace)
    path = tmp_path / "own.ics"
    export_calendar(workspace, path)
    before = {n: (w.id, w.version) for n, w in windows_of(workspace).items()}
    done = import_calendar(workspace, path)
    assert (done.created, done.updated, done.unchanged) == (0, 0, 3)
    assert {n: (w.id, w.version) for n, w in windows_of(workspace).items()} == before


def _calendar(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\nDTSTAMP:20260101T000000Z\r\n{e}END:VEVENT\r\n" for e in events)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
        + VTIMEZONE
        + body
        + "END:VCALENDAR\r\n"
    ).encode()


VTIMEZONE = (
    "BEGIN:VTIMEZONE\r\nTZID:Head office\r\n"
    "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
)


def test_time_zones_become_utc_and_dates_local_days(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "zones.ics"
    path.write_bytes(
        _calendar(
            "UID:a\r\nSUMMARY:Berlin\r\nDTSTART;TZID=Europe/Berlin:20270702T180000\r\n"
            "DTEND;TZID=Europe/Berlin:20270702T220000\r\n",
            "UID:b\r\nSUMMARY:Head office\r\nDTSTART;TZID=Head office:20270115T090000\r\n"
            "DURATION:PT2H\r\n",
            "UID:c\r\nSUMMARY:New York\r\nDTSTART;TZID=America/New_York:20270110T230000\r\n"
            "DTEND;TZID=America/New_York:20270111T010000\r\n"
            "RRULE:FREQ=MONTHLY;COUNT=3\r\nEXDATE;TZID=America/New_York:20270210T230000\r\n",
            "UID:d\r\nSUMMARY:Boxing day\r\nDTSTART;VALUE=DATE:20271226\r\nCATEGORIES:Holiday\r\n",
            "UID:e\r\nSUMMARY:Summer freeze\r\nDTSTART;VALUE=DATE:20270801\r\n"
            "DTEND;VALUE=DATE:20270816\r\nX-RELEASEDESK-KIND:blackout\r\n",
        )
    )
    import_calendar(workspace, path)
    got = windows_of(workspace)
    assert (got["Berlin"].start, got["Berlin"].finish) == (
        dt.datetime(2027, 7, 2, 16),
        dt.datetime(2027, 7, 2, 20),
    )  # summer time: UTC+2
    assert (got["Head office"].start, got["Head office"].finish) == (
        dt.datetime(2027, 1, 15, 8),
        dt.datetime(2027, 1, 15, 10),
    )  # its own VTIMEZONE, winter: UTC+1
    new_york = got["New York"]
    assert (new_york.start, new_york.finish) == (
        dt.datetime(2027, 1, 11, 4),
        dt.datetime(2027, 1, 11, 6),
    )  # EST: UTC-5
    assert [
        a
        for a, _ in occurrences(
            new_york.start,
            new_york.finish,
            new_york.rrule,
            range_start=RANGE[0],
            range_end=RANGE[1],
        )
    ] == [dt.datetime(2027, 1, 11, 4, tzinfo=dt.UTC), dt.datetime(2027, 3, 11, 4, tzinfo=dt.UTC)]
    rrulestr(new_york.rrule, dtstart=new_york.start, forceset=True)  # as the scheduler reads it
    boxing = got["Boxing day"]
    assert (boxing.kind.value, boxing.start, boxing.finish) == (
        "holiday",
        local_day(2027, 12, 26),
        local_day(2027, 12, 27),
    )
    summer = got["Summer freeze"]
    assert (summer.kind.value, summer.start, summer.finish) == (
        "blackout",
        local_day(2027, 8, 1),
        local_day(2027, 8, 16),
    )
    assert got["Berlin"].kind.value == "freeze"  # the default


def test_kind_and_domain_given_apply_to_every_window(workspace: Workspace, exported: Path) -> None:
    payments = add_domain(workspace, "Payments")
    import_calendar(workspace, exported, domain="PAY", kind="holiday")
    got = windows_of(workspace)
    assert {w.kind.value for w in got.values()} == {"holiday"}
    assert {w.domain_id for w in got.values()} == {payments}
