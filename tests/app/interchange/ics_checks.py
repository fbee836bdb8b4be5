"""An RFC 5545 check of an exported file, as strict as the calendar programs that read it."""

from __future__ import annotations

import datetime as dt

import icalendar

REQUIRED_CALENDAR = ("PRODID", "VERSION")
REQUIRED_EVENT = ("UID", "DTSTAMP", "DTSTART")


def check_rfc5545(data: bytes) -> icalendar.Calendar:
    """``data`` parsed back with ``icalendar``; AssertionError naming the first problem.

    Checks the content lines (CRLF, folded at 75 octets), the required properties of
    VCALENDAR (PRODID, VERSION 2.0) and of every VEVENT (UID, DTSTAMP in UTC, DTSTART,
    once each), that DTEND and DURATION are not both given, that DTEND has DTSTART's
    type and comes after it, that UIDs are unique and that nothing failed to parse.
    """
    assert data.endswith(b"\r\n"), "the last line must end with CRLF"
    for number, line in enumerate(data.split(b"\r\n")[:-1], start=1):
        assert len(line) <= 75, f"line {number} is {len(line)} octets long (75 at most)"
        assert b"\n" not in line and b"\r" not in line, f"line {number}: bare line break"
    calendar = icalendar.Calendar.from_ical(data)
    for name in REQUIRED_CALENDAR:
        assert name in calendar, f"VCALENDAR has no {name}"
    assert str(calendar["VERSION"]) == "2.0"
    uids: set[str] = set()
    for event in calendar.walk("VEVENT"):
        assert not event.errors, f"{event.get('UID')}: {event.errors}"
        for name in REQUIRED_EVENT:
            assert name in event and not isinstance(event[name], list), (
                f"VEVENT {event.get('UID')} needs exactly one {name}"
            )
        uid = str(event["UID"])
        assert uid not in uids, f"UID {uid} is used twice"
        uids.add(uid)
        assert event.decoded("DTSTAMP").utcoffset() == dt.timedelta(0), "DTSTAMP must be UTC"
        assert not ("DTEND" in event and "DURATION" in event), f"{uid}: DTEND and DURATION"
        if "DTEND" in event:
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            assert type(start) is type(end), f"{uid}: DTSTART and DTEND differ in type"
            assert (
                end > start
                if isinstance(start, dt.date) and not isinstance(start, dt.datetime)
                else end >= start
            ), f"{uid}: DTEND before DTSTART"
    return calendar
