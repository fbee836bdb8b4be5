"""Write the coordination calendar as an iCalendar (``.ics``, RFC 5545) file, streaming.

Plain rows in (:class:`IcsEvent`), bytes out, one event at a time, so an export of tens
of thousands of events holds one in memory. Values are encoded by the ``icalendar``
package's property types (text escaping, dates, recurrence rules); the content lines
are put together and folded here, because building an ``icalendar.Event`` object per
row costs several times as much for the same bytes.

What a calendar program needs to keep a subscribed or re-imported file in step: a
stable ``UID`` per row, a ``SEQUENCE`` that grows when the row changes and a
``DTSTAMP``. Timed events are written in the workspace's zone, ``TZID=Europe/Berlin``
with that zone's VTIMEZONE at the top of the file (in UTC when the zone is UTC or has no
name); all-day windows and milestones as ``VALUE=DATE`` with an exclusive DTEND (the
day after the last). Recurring windows keep their RRULE / EXDATE / RDATE (see
:mod:`app.interchange.ics_recurrence`).

Why a zone and not UTC or floating time: a weekly freeze at 09:00 written in UTC
repeats at 08:00Z, which is 10:00 in Berlin once summer time starts, in Outlook and
Google Calendar alike; floating time would keep 09:00 but mean 09:00 wherever the
reader is, so a colleague in Auckland would see it half a day off. With the zone every
client shows the window at the wall-clock hours ReleaseDesk shows (converted, for a
reader in another zone, to the same instant). The VTIMEZONE covers twenty years back
and thirty ahead of today; Google and Apple also know the zone by its IANA name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from icalendar import Timezone, vCategory, vDDDTypes, vText

from app import clock
from app.interchange.ics_recurrence import ical_properties
from app.wall_time import zone_name

PRODID = "-//ReleaseDesk//Coordination calendar//EN"
UID_DOMAIN = "releasedesk"
_FOLD = 75  # octets per physical line (RFC 5545 §3.1), CRLF not counted
_ZONE_YEARS = (20, 30)  # the VTIMEZONE's transitions: years back, years ahead of today


@dataclass(frozen=True)
class IcsEvent:
    """One event to write; times naive UTC (``all_day``: the local days they cover)."""

    uid: str
    sequence: int
    kind: str  # release, deployment, milestone, freeze, blackout, holiday
    summary: str
    start: dt.datetime
    finish: dt.datetime
    all_day: bool
    description: str = ""
    categories: Sequence[str] = ()
    rrule: str = ""
    domain: str = ""
    environment: str = ""
    modified: dt.datetime | None = None  # LAST-MODIFIED, naive UTC


def row_uid(row_id: object, suffix: str = "") -> str:
    """The stable UID of a workspace row: ``<uuid>@releasedesk`` (``<uuid>-deadline@…``)."""
    return f"{row_id}{suffix}@{UID_DOMAIN}"


def write_calendar(out: BinaryIO, events: Iterable[IcsEvent], stamp: dt.datetime, name: str) -> int:
    """Write a VCALENDAR holding ``events`` to ``out``; the number of events written.

    ``stamp`` (naive UTC) is every event's DTSTAMP: when this file was made.
    """
    out.write(
        _lines(
            [
                ("BEGIN", "", b"VCALENDAR"),
                ("VERSION", "", b"2.0"),
                ("PRODID", "", vText(PRODID).to_ical()),
                ("CALSCALE", "", b"GREGORIAN"),
                ("METHOD", "", b"PUBLISH"),
                ("X-WR-CALNAME", "", vText(name).to_ical()),
            ]
        )
    )
    tzid = zone_name()
    if tzid is not None:
        out.write(_vtimezone(tzid))
    stamp_value = vDDDTypes(stamp.replace(tzinfo=dt.UTC)).to_ical()
    written = 0
    for event in events:
        out.write(_lines(_event_lines(event, stamp_value, tzid)))
        written += 1
    out.write(_lines([("END", "", b"VCALENDAR")]))
    return written


def _vtimezone(tzid: str) -> bytes:
    """The VTIMEZONE of the workspace's zone, its changes around today."""
    today = clock.today()
    back, ahead = _ZONE_YEARS
    component = Timezone.from_tzinfo(
        clock.zone(),
        tzid=tzid,
        first_date=today.replace(year=today.year - back, month=1, day=1),
        last_date=today.replace(year=today.year + ahead, month=1, day=1),
    )
    return component.to_ical()


def _event_lines(event: IcsEvent, stamp: bytes, tzid: str | None) -> list[tuple[str, str, bytes]]:
    start, finish, params = _span(event, tzid)
    lines = [
        ("BEGIN", "", b"VEVENT"),
        ("UID", "", vText(event.uid).to_ical()),
        ("DTSTAMP", "", stamp),
        ("SEQUENCE", "", str(max(event.sequence, 0)).encode()),
        ("SUMMARY", "", vText(event.summary).to_ical()),
        ("DTSTART", params, start),
        ("DTEND", params, finish),
    ]
    lines += ical_properties(event.rrule, event.all_day)
    if event.description:
        lines.append(("DESCRIPTION", "", vText(event.description).to_ical()))
    if event.categories:
        lines.append(("CATEGORIES", "", vCategory(list(event.categories)).to_ical()))
    if event.modified is not None:
        lines.append(
            ("LAST-MODIFIED", "", vDDDTypes(event.modified.replace(tzinfo=dt.UTC)).to_ical())
        )
    lines.append(("TRANSP", "", b"TRANSPARENT" if event.kind == "milestone" else b"OPAQUE"))
    lines.append(("X-RELEASEDESK-KIND", "", event.kind.encode()))
    if event.domain:
        lines.append(("X-RELEASEDESK-DOMAIN", "", vText(event.domain).to_ical()))
    if event.environment:
        lines.append(("X-RELEASEDESK-ENVIRONMENT", "", vText(event.environment).to_ical()))
    lines.append(("END", "", b"VEVENT"))
    return lines


def _span(event: IcsEvent, tzid: str | None) -> tuple[bytes, bytes, str]:
    if event.all_day:
        first = clock.to_local(event.start).date()
        after = max(last_day(event.start, event.finish), first) + dt.timedelta(days=1)
        return vDDDTypes(first).to_ical(), vDDDTypes(after).to_ical(), ";VALUE=DATE"
    if tzid is not None:  # the wall clock of the zone the VTIMEZONE defines
        return (
            vDDDTypes(clock.to_local(event.start)).to_ical(),
            vDDDTypes(clock.to_local(event.finish)).to_ical(),
            f";TZID={tzid}",
        )
    return (
        vDDDTypes(event.start.replace(tzinfo=dt.UTC)).to_ical(),
        vDDDTypes(event.finish.replace(tzinfo=dt.UTC)).to_ical(),
        "",
    )


_DAY_ENDS = (dt.time(), dt.time(23, 59), dt.time(23, 59, 59))


def is_whole_days(start: dt.datetime, finish: dt.datetime) -> bool:
    """True when stored ``start``–``finish`` (naive UTC) covers whole local days: from a
    local midnight to one, or to the last minute or second of a day (how windows made in
    ReleaseDesk end)."""
    first, last = clock.to_local(start), clock.to_local(finish)
    return first.time() == dt.time() and last > first and last.time() in _DAY_ENDS


def last_day(start: dt.datetime, finish: dt.datetime) -> dt.date:
    """The last local day a whole-day window covers (a midnight ends the day before)."""
    first, last = clock.to_local(start), clock.to_local(finish)
    if last.time() == dt.time() and last > first:
        return (last - dt.timedelta(days=1)).date()
    return last.date()


def _lines(lines: Iterable[tuple[str, str, bytes]]) -> bytes:
    return b"".join(
        _fold(name.encode() + params.encode() + b":" + value) for name, params, value in lines
    )


def _fold(line: bytes) -> bytes:
    """``line`` folded into physical lines of at most 75 octets, never inside a character."""
    if len(line) <= _FOLD:
        return line + b"\r\n"
    parts, start, width = [], 0, _FOLD
    while start < len(line):
        end = min(start + width, len(line))
        while end < len(line) and (line[end] & 0xC0) == 0x80:  # a UTF-8 continuation byte
            end -= 1
        parts.append(line[start:end])
        start, width = end, _FOLD - 1  # continuation lines begin with a space
    return b"\r\n ".join(parts) + b"\r\n"
