"""Where things are in an ``.ics`` file: the line of each VEVENT and of its properties.

The ``icalendar`` package parses leniently and forgets line numbers, so a file is first
walked here, content line by content line (folded lines joined, RFC 5545 §3.1), to check
its nesting (every BEGIN has its END, nothing after END:VCALENDAR: a truncated file is
caught here) and to remember, for the n-th VEVENT, the line where it begins and the
line of each of its properties. An error then names the line a coordinator can open.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.interchange.ics_errors import CalendarFileError


@dataclass
class EventLines:
    """The n-th VEVENT of a file: where it begins and where each property is."""

    begin: int
    end: int = 0  # the END:VEVENT line
    summary: str = ""
    own_kind: str = ""  # X-RELEASEDESK-KIND of our own export, lower case
    properties: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str) -> int:
        """The line of property ``name`` (the BEGIN line when it is not there)."""
        return self.properties.get(name, self.begin)

    def where(self, name: str | None = None) -> str:
        """``line 14, VEVENT 'Year-end freeze'``, at property ``name`` when given."""
        line = self.begin if name is None else self.line_of(name)
        label = f" '{self.summary}'" if self.summary else ""
        return f"line {line}, VEVENT{label}"


def scan(text: str, file_name: str) -> list[EventLines]:
    """The VEVENTs of ``text`` in order; :class:`CalendarFileError` when badly nested."""
    events: list[EventLines] = []
    stack: list[tuple[str, int]] = []
    closed = False
    for number, line in _logical_lines(text):
        name, colon, rest = line.partition(":")
        if not colon:
            raise CalendarFileError(
                file_name, f"line {number}: '{line[:40]}' is not an iCalendar line (NAME:value)"
            )
        key = name.split(";", 1)[0].strip().upper()
        if closed:
            raise CalendarFileError(
                file_name, f"line {number}: text after END:VCALENDAR; the file holds one calendar"
            )
        if not stack and key != "BEGIN":
            raise CalendarFileError(
                file_name, f"line {number}: expected BEGIN:VCALENDAR, found '{line[:40]}'"
            )
        if key == "BEGIN":
            component = rest.strip().upper()
            if not stack and component != "VCALENDAR":
                raise CalendarFileError(
                    file_name, f"line {number}: expected BEGIN:VCALENDAR, found '{line[:40]}'"
                )
            stack.append((component, number))
            if component == "VEVENT":
                events.append(EventLines(begin=number))
        elif key == "END":
            component = rest.strip().upper()
            opened, began = stack.pop()
            if component != opened:
                raise CalendarFileError(
                    file_name,
                    f"line {number}: END:{component} closes {opened} begun on line {began}",
                )
            if opened == "VEVENT":
                events[-1].end = number
            closed = not stack
        elif stack[-1][0] == "VEVENT" and len(stack) == 2:
            event = events[-1]
            event.properties.setdefault(key, number)
            if key == "SUMMARY":
                event.summary = _unescaped(rest)[:80]
            elif key == "X-RELEASEDESK-KIND":
                event.own_kind = rest.strip().lower()
    if not closed:
        if not stack:
            raise CalendarFileError(file_name, "the file is empty; expected an iCalendar file")
        opened, began = stack[-1]
        label = f" '{events[-1].summary}'" if opened == "VEVENT" and events[-1].summary else ""
        raise CalendarFileError(
            file_name,
            f"the file ends inside {opened}{label} begun on line {began} (no END:{opened}): "
            "it seems cut short",
        )
    return events


def without_events(text: str, events: list[EventLines]) -> str:
    """``text`` without the lines of ``events`` (each from its BEGIN to its END line)."""
    dropped = {n for e in events for n in range(e.begin - 1, e.end)}
    return "".join(line for n, line in enumerate(text.splitlines(True)) if n not in dropped)


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """``(first physical line number, unfolded line)`` for each content line."""
    out: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and out:
            first, joined = out[-1]
            out[-1] = (first, joined + raw[1:])
        elif raw.strip():
            out.append((number, raw))
    return out


def _unescaped(value: str) -> str:
    return (
        value.replace("\\n", " ").replace("\\N", " ").replace("\\,", ",").replace("\\;", ";")
    ).replace("\\\\", "\\")
