"""Read freeze windows, blackouts and holidays from an iCalendar (``.ics``) file.

Plain data out (:class:`IcsWindow`), no database: the calendar import service decides
what each window becomes. The whole file is checked before anything is returned, so a
bad event anywhere stops the import before a single row is written; every problem is
a :class:`CalendarFileError` naming the line and the VEVENT.

Times: a timed event (in UTC, with a ``TZID`` defined by a VTIMEZONE in the file or an
IANA / Windows zone name, or floating local time) is stored as naive UTC; an all-day
event (``VALUE=DATE``) as whole local days, from midnight of its first day to midnight
after its last (DTEND is exclusive). Recurrences stay recurrences (see
:mod:`app.interchange.ics_recurrence`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import icalendar

from app import clock
from app.calendar_kinds import ITEM_KINDS, WINDOW_KINDS
from app.interchange.errors import ImportFormatError
from app.interchange.file_input import read_plan_bytes
from app.interchange.ics_errors import CalendarFileError
from app.interchange.ics_lines import EventLines, scan, without_events
from app.interchange.ics_recurrence import RuleError, check_rule, stored_rule
from app.interchange.limits import date_range_words, within_dates

MAX_CALENDAR_BYTES = 64 << 20
MAX_NAME = 160
MAX_UID = 255


@dataclass(frozen=True)
class IcsWindow:
    """One window read from a file; times naive (UTC when timed, local days when all-day)."""

    uid: str
    name: str
    start: dt.datetime
    finish: dt.datetime
    all_day: bool
    rrule: str
    kind: str | None  # said by the file (X-RELEASEDESK-KIND or CATEGORIES), else None
    domain: str | None  # X-RELEASEDESK-DOMAIN of our own export
    environment: str | None  # X-RELEASEDESK-ENVIRONMENT of our own export
    where: str  # "line 14, VEVENT 'Year-end freeze'", for later messages


@dataclass(frozen=True)
class IcsDocument:
    """The windows of a file, and what was left out of it (one sentence each)."""

    windows: tuple[IcsWindow, ...]
    notes: tuple[str, ...]


def read_calendar_file(path: Path) -> IcsDocument:
    """Read ``path``; every problem is a :class:`CalendarFileError` naming the file."""
    try:
        data = read_plan_bytes(path, MAX_CALENDAR_BYTES)
    except ImportFormatError as exc:
        raise CalendarFileError(exc.file_name, exc.problem) from None
    return read_calendar(data, path.name)


def read_calendar(data: bytes, file_name: str) -> IcsDocument:
    """The windows of the iCalendar text ``data`` (``file_name`` names it in errors)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CalendarFileError(
            file_name, f"the file is not UTF-8 text (byte {exc.start + 1}); not an iCalendar file"
        ) from None
    located = scan(text, file_name)
    # Our own releases, deployments and milestones are never imported: left out before
    # the (slow) parse, they cost nothing when a full export comes back.
    own = [e for e in located if e.own_kind in ITEM_KINDS]
    if own:
        text = without_events(text, own)
        located = [e for e in located if e.own_kind not in ITEM_KINDS]
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as exc:
        raise CalendarFileError(file_name, f"not a readable iCalendar file ({exc})") from None
    events = list(calendar.walk("VEVENT"))
    windows: list[IcsWindow] = []
    notes: list[str] = []
    seen: dict[str, str] = {}
    for event, lines in zip(events, located, strict=True):
        reader = _EventReader(event, lines, file_name, notes)
        if "RECURRENCE-ID" in event:
            notes.append(
                f"{lines.where('RECURRENCE-ID')}: a changed single occurrence is not imported "
                "(the series is)."
            )
            continue
        window = reader.window()
        if window.uid in seen:
            raise reader.error(
                f"UID '{window.uid}' is used again (first at {seen[window.uid]})", "UID"
            )
        seen[window.uid] = lines.where()
        windows.append(window)
    if own:
        notes.append(
            f"{len(own)} releases, deployments and milestones of a ReleaseDesk export were "
            "left out: only freeze, blackout and holiday windows are imported."
        )
    return IcsDocument(tuple(windows), tuple(notes))


class _EventReader:
    """Turns one VEVENT into an :class:`IcsWindow`, or raises naming its line."""

    def __init__(
        self, event: icalendar.Event, lines: EventLines, file_name: str, notes: list[str]
    ) -> None:
        self.event, self.lines, self.file_name, self.notes = event, lines, file_name, notes

    def error(self, problem: str, prop: str | None = None) -> CalendarFileError:
        return CalendarFileError(self.file_name, f"{self.lines.where(prop)}: {problem}")

    def text(self, name: str) -> str | None:
        value = self.event.get(name)
        if isinstance(value, list):
            value = value[0]
        return " ".join(str(value).split()) if value is not None else None

    def own_kind(self) -> str | None:
        kind = self.text("X-RELEASEDESK-KIND")
        return kind.lower() if kind else None

    def window(self) -> IcsWindow:
        for prop, message in self.event.errors:
            raise self.error(f"{prop} has a value of the wrong type ({message})", prop)
        uid = self.text("UID")
        if not uid:
            raise self.error("it has no UID, so a later import could not update it")
        if len(uid) > MAX_UID:
            raise self.error(f"the UID is longer than {MAX_UID} characters", "UID")
        start, all_day = self.moment("DTSTART")
        finish = self.finish(start, all_day)
        name = self.text("SUMMARY") or "Imported window"
        return IcsWindow(
            uid=uid,
            name=name if len(name) <= MAX_NAME else name[: MAX_NAME - 1] + "…",
            start=start,
            finish=finish,
            all_day=all_day,
            rrule=self.recurrence(start, finish, all_day),
            kind=self.kind(),
            domain=self.text("X-RELEASEDESK-DOMAIN"),
            environment=self.text("X-RELEASEDESK-ENVIRONMENT"),
            where=self.lines.where(),
        )

    def moment(self, name: str) -> tuple[dt.datetime, bool]:
        """Property ``name`` as a stored time, and whether it is a whole day."""
        prop = self.event.get(name)
        if prop is None:
            raise self.error(f"it has no {name}")
        if isinstance(prop, list):
            raise self.error(f"{name} is given more than once", name)
        return self.stored(prop.dt, prop.params.get("TZID"), name)

    def stored(self, value: object, tzid: str | None, name: str) -> tuple[dt.datetime, bool]:
        """A DTSTART / DTEND / EXDATE value as naive UTC, and whether it is a whole day."""
        checked = self.checked(value, tzid, name)
        if isinstance(checked, dt.datetime):
            moment, all_day = checked.astimezone(dt.UTC).replace(tzinfo=None), False
        else:  # a day of the calendar's reader: from local midnight
            moment, all_day = clock.from_local(dt.datetime.combine(checked, dt.time())), True
        if not within_dates(moment):
            raise self.error(f"{name} is not between {date_range_words()}", name)
        return moment, all_day

    def checked(self, value: object, tzid: str | None, name: str) -> dt.date | dt.datetime:
        """``value`` if it is a date or a date-time in a known zone (naive: local time)."""
        if isinstance(value, dt.datetime):
            if value.tzinfo is None and tzid:
                raise self.error(f"{name} is in an unknown time zone '{tzid}'", name)
            return value
        if isinstance(value, dt.date):
            return value
        raise self.error(f"{name} is not a date or a date-time", name)

    def finish(self, start: dt.datetime, all_day: bool) -> dt.datetime:
        if "DTEND" in self.event:
            finish, end_all_day = self.moment("DTEND")
            if end_all_day != all_day:
                raise self.error("DTSTART and DTEND are not both dates or both date-times", "DTEND")
            if finish < start:
                raise self.error("DTEND is before DTSTART", "DTEND")
        elif "DURATION" in self.event:
            span = self.event.decoded("DURATION")
            if not isinstance(span, dt.timedelta) or span < dt.timedelta(0):
                raise self.error("DURATION is negative or not a duration", "DURATION")
            finish = start + span
        else:  # RFC 5545: a date lasts one day; a date-time ends as it starts
            finish = start + dt.timedelta(days=1) if all_day else start
        if finish <= start:
            raise self.error("the event ends when it starts: a window needs a length", "DTEND")
        return finish

    def recurrence(self, start: dt.datetime, finish: dt.datetime, all_day: bool) -> str:
        rule = self.event.get("RRULE")
        if isinstance(rule, list):
            raise self.error("RRULE is given more than once", "RRULE")
        exdates = list(self.dates("EXDATE", all_day))
        rdates = list(self.dates("RDATE", all_day))
        text = stored_rule(rule, exdates, rdates, all_day)
        try:
            check_rule(text, start, finish, self.lines.summary)
        except RuleError as exc:
            raise self.error(str(exc), "RRULE" if rule is not None else "RDATE") from None
        return text

    def dates(self, name: str, all_day: bool) -> Iterable[dt.date | dt.datetime]:
        props = self.event.get(name, [])
        for prop in props if isinstance(props, list) else [props]:
            tzid = prop.params.get("TZID")
            for item in prop.dts:
                if isinstance(item.dt, tuple):
                    raise self.error(f"{name} holds a period; only dates are supported", name)
                value = self.checked(item.dt, tzid or item.params.get("TZID"), name)
                self.stored(value, None, name)  # within the bounds
                if isinstance(value, dt.datetime) == all_day:
                    raise self.error(f"{name} and DTSTART are not of the same type", name)
                yield value

    def kind(self) -> str | None:
        own = self.own_kind()
        if own in WINDOW_KINDS:
            return own
        categories = self.event.get("CATEGORIES", [])
        words = {
            str(c).lower()
            for prop in (categories if isinstance(categories, list) else [categories])
            for c in prop.cats
        }
        return next((k for k in WINDOW_KINDS if k in words), None)
