"""A malformed .ics file: one clear error naming the line and VEVENT, nothing imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.interchange.ics_errors import CalendarFileError
from app.services.calendar_exchange import import_calendar
from app.workspace import Workspace
from tests.app.interchange.calendar_world import window_count
from tests.app.services.builders import audit_count

GOOD = (
    "BEGIN:VEVENT\r\nUID:good@example.com\r\nDTSTAMP:20260101T000000Z\r\n"
    "SUMMARY:Good window\r\nDTSTART;VALUE=DATE:20270301\r\nDTEND;VALUE=DATE:20270302\r\n"
    "END:VEVENT\r\n"
)  # lines 4-10: imported with the bad one or not at all
HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"


def _bad(*lines: str, end: bool = True) -> str:
    """The good event, then a VEVENT 'Year-end freeze' from line 11 holding ``lines``."""
    event = (
        "BEGIN:VEVENT\r\nUID:bad@example.com\r\nDTSTAMP:20260101T000000Z\r\n"
        "SUMMARY:Year-end freeze\r\n" + "".join(f"{line}\r\n" for line in lines)
    )
    tail = "END:VEVENT\r\nEND:VCALENDAR\r\n" if end else ""
    return HEAD + GOOD + event + tail


START = "DTSTART;VALUE=DATE:20271215"
END = "DTEND;VALUE=DATE:20280106"
CASES = {
    "truncated": (
        _bad(START, "DTEND;VALUE=DATE:2028", end=False),
        "the file ends inside VEVENT 'Year-end freeze' begun on line 11 (no END:VEVENT): "
        "it seems cut short",
    ),
    "end before start": (
        _bad(START, "DTEND;VALUE=DATE:20271201"),
        "line 16, VEVENT 'Year-end freeze': DTEND is before DTSTART",
    ),
    "wrong type": (
        _bad("DTSTART:next Monday", END),
        "line 15, VEVENT 'Year-end freeze': DTSTART has a value of the wrong type",
    ),
    "date and date-time mixed": (
        _bad(START, "DTEND:20280106T000000Z"),
        "line 16, VEVENT 'Year-end freeze': DTSTART and DTEND are not both dates",
    ),
    "unknown time zone": (
        _bad("DTSTART;TZID=Mars/Olympus:20271215T090000", "DURATION:PT1H"),
        "line 15, VEVENT 'Year-end freeze': DTSTART is in an unknown time zone 'Mars/Olympus'",
    ),
    "never-ending rule": (
        _bad(START, END, "RRULE:FREQ=MINUTELY"),
        "line 17, VEVENT 'Year-end freeze': the recurrence repeats more than 400 times a year "
        "and never ends (no COUNT or UNTIL)",
    ),
    "unreadable rule": (
        _bad(START, END, "RRULE:FREQ=SOMETIMES"),
        "line 17, VEVENT 'Year-end freeze': RRULE has a value of the wrong type",
    ),
    "rule that never occurs": (
        _bad(START, END, "RRULE:FREQ=YEARLY;COUNT=1", "EXDATE;VALUE=DATE:20271215"),
        "line 17, VEVENT 'Year-end freeze': the recurrence never occurs",
    ),
    "exdate of another type": (
        _bad(START, END, "RRULE:FREQ=YEARLY", "EXDATE:20281215T000000Z"),
        "line 18, VEVENT 'Year-end freeze': EXDATE and DTSTART are not of the same type",
    ),
    "no start": (_bad(END), "line 11, VEVENT 'Year-end freeze': it has no DTSTART"),
    "no uid": (
        HEAD + GOOD + GOOD.replace("UID:good@example.com\r\n", "") + "END:VCALENDAR\r\n",
        "line 11, VEVENT 'Good window': it has no UID",
    ),
    "uid twice": (
        HEAD + GOOD + GOOD + "END:VCALENDAR\r\n",
        "line 12, VEVENT 'Good window': UID 'good@example.com' is used again (first at line "
        "4, VEVENT 'Good window')",
    ),
    "out of range": (
        _bad("DTSTART;VALUE=DATE:18001215", END),
        "line 15, VEVENT 'Year-end freeze': DTSTART is not between",
    ),
    "not a calendar": (
        "Subject: holidays\r\n\r\nsee attached",
        "line 1: expected BEGIN:VCALENDAR, found 'Subject: holidays'",
    ),
    "end of another component": (
        HEAD + GOOD.replace("END:VEVENT", "END:VTODO") + "END:VCALENDAR\r\n",
        "line 10: END:VTODO closes VEVENT begun on line 4",
    ),
    "empty": ("", "the file is empty"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_file_is_refused_whole(workspace: Workspace, tmp_path: Path, case: str) -> None:
    text, expected = CASES[case]
    path = tmp_path / "windows.ics"
    path.write_bytes(text.encode())
    before = (window_count(workspace), audit_count(workspace))
    with pytest.raises(CalendarFileError) as caught:
        import_calendar(workspace, path)
    assert str(caught.value).startswith("Cannot import windows.ics: ")
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)
    assert (window_count(workspace), audit_count(workspace)) == before


def test_not_utf8_and_missing_files(workspace: Workspace, tmp_path: Path) -> None:
    latin = tmp_path / "latin.ics"
    latin.write_bytes(HEAD.encode() + "SUMMARY:Fête\r\n".encode("latin-1"))
    with pytest.raises(CalendarFileError, match="not UTF-8 text"):
        import_calendar(workspace, latin)
    with pytest.raises(CalendarFileError, match="there is no such file"):
        import_calendar(workspace, tmp_path / "missing.ics")
    with pytest.raises(CalendarFileError, match="folder"):
        import_calendar(workspace, tmp_path)
    assert window_count(workspace) == 0
