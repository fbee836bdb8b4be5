"""Shared plumbing for the XML readers: safe parsing with line numbers, typed fields.

Files come from outside (e-mail attachments, shared drives), so entity declarations and
external references are refused before parsing (:mod:`app.interchange._xml_prolog`,
defusedxml's rules), and ElementTree's C parser reads the rest. Every problem becomes an
:class:`ImportFormatError` naming the file and, where known, the line.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

from app.dates_text import day
from app.interchange._xml_lines import Path_, find_line
from app.interchange._xml_prolog import check_prolog
from app.interchange.errors import ImportFormatError
from app.interchange.file_input import check_size, read_plan_bytes
from app.interchange.limits import (
    MAX_DURATION_MINUTES,
    MAX_INTEGER,
    MAX_NUMBER,
    MAX_PLAN_FILE_BYTES,
    date_range_words,
    within_dates,
)

Source = str | os.PathLike[str] | bytes | bytearray | IO[bytes]
_D = TypeVar("_D", dt.date, dt.datetime)
"""A file path, the file's bytes, or a binary stream."""


def load_source(source: Source, default_name: str) -> tuple[bytes, str]:
    """Return the raw bytes and a display name (the file name, not the full path)."""
    if isinstance(source, bytes | bytearray):
        return bytes(source), default_name
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        return read_plan_bytes(path), path.name
    data = check_size(source.read(MAX_PLAN_FILE_BYTES + 1), default_name)
    name = Path(getattr(source, "name", "") or default_name).name
    return data, name


@dataclass
class XmlDoc:
    """A parsed document: the root (namespaces stripped) and how to find an element's line.

    Lines are found only when a message needs one, by the element's path
    (:func:`~app.interchange._xml_lines.find_line` reads the file once more).
    """

    root: ET.Element
    file_name: str
    data: bytes = b""
    anchor: tuple[ET.Element, Path_] | None = None
    """While streaming: the element being read and its path (the root is not known yet)."""

    def line(self, element: ET.Element | None) -> int | None:
        """The line ``element`` starts on, if known."""
        if element is None:
            return None
        path = None
        if self.anchor is not None:
            below = _path_to(self.anchor[0], element)
            path = None if below is None else (*self.anchor[1], *below)
        if path is None:
            path = _path_to(self.root, element)
        return None if path is None else self.line_at(path)

    def line_at(self, path: Path_) -> int | None:
        """The line of the element at ``path`` (see :data:`Path_`), if it is there."""
        return find_line(self.data, path) if self.data else None

    def error(self, problem: str, element: ET.Element | None = None) -> ImportFormatError:
        """An :class:`ImportFormatError` for this file, located at ``element``."""
        return ImportFormatError(self.file_name, problem, self.line(element))

    def error_at(self, problem: str, path: Path_) -> ImportFormatError:
        """An :class:`ImportFormatError` located at the element ``path`` leads to."""
        return ImportFormatError(self.file_name, problem, self.line_at(path))


def _path_to(root: ET.Element, target: ET.Element) -> Path_ | None:
    """The (tag, n) steps from ``root`` to ``target``; walks iteratively (deep files)."""
    stack: list[tuple[ET.Element, Path_]] = [(root, ())]
    while stack:
        element, path = stack.pop()
        if element is target:
            return path
        seen: dict[str, int] = {}
        for child in element:
            n = seen[child.tag] = seen.get(child.tag, -1) + 1
            stack.append((child, (*path, (child.tag, n))))
    return None


def strip_namespaces(root: ET.Element) -> None:
    """``{namespace}Tag`` -> ``Tag`` everywhere below ``root`` (the readers use bare tags)."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith("{"):
            element.tag = element.tag.split("}", 1)[1]


def parse_xml(data: bytes, file_name: str, expected_root: str, what: str) -> XmlDoc:
    """Parse ``data`` and check that its root element is ``expected_root``.

    ``what`` names the format for messages ("a Microsoft Project XML file").
    """
    if not data.strip():
        raise ImportFormatError(file_name, f"the file is empty; expected {what}")
    name, line = check_prolog(data, file_name, what)
    if name != expected_root:
        raise not_this_format(file_name, what, name, expected_root, line)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise damaged(file_name, what, exc) from exc
    strip_namespaces(root)
    return XmlDoc(root, file_name, data)


def not_this_format(
    file_name: str, what: str, name: str, expected_root: str, line: int
) -> ImportFormatError:
    """The error for a well-formed file of another kind."""
    return ImportFormatError(
        file_name,
        f"this is not {what}: the document starts with <{name}> instead of <{expected_root}>",
        line,
    )


def damaged(file_name: str, what: str, exc: ET.ParseError) -> ImportFormatError:
    """The error for XML that does not parse (cut off, bytes changed)."""
    line = exc.position[0] if exc.position else None
    return ImportFormatError(
        file_name, f"this is not {what}: the XML is damaged or cut off ({exc.msg})", line
    )


def text(element: ET.Element, tag: str) -> str | None:
    """The stripped text of child ``tag``, or None when missing or empty."""
    child = element.find(tag)
    if child is None or child.text is None:
        return None
    value = child.text.strip()
    return value or None


def parse_int(doc: XmlDoc, element: ET.Element, tag: str, default: int | None = None) -> int | None:
    """Child ``tag`` as an integer (MSPDI sometimes writes ``4800.0``), within 32 bits."""
    value = text(element, tag)
    if value is None:
        return default
    try:
        number = int(float(value))
    except (ValueError, OverflowError):  # "abc", "nan"; "1e999" is infinite
        raise doc.error(
            f"<{tag}> should be a whole number but is '{_cut(value)}'", element
        ) from None
    return check_int(doc, element, f"<{tag}>", number)


def parse_float(doc: XmlDoc, element: ET.Element, tag: str, default: float = 0.0) -> float:
    """Child ``tag`` as a finite float of sensible size."""
    value = text(element, tag)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        raise doc.error(f"<{tag}> should be a number but is '{_cut(value)}'", element) from None
    if not math.isfinite(number) or abs(number) > MAX_NUMBER:
        raise doc.error(f"<{tag}> holds {_cut(value)}, a number too large to use", element)
    return number


def _cut(value: str, limit: int = 40) -> str:
    """A value from the file, short enough for a one-line message."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def parse_bool(element: ET.Element, tag: str) -> bool:
    """Child ``tag`` as an MSPDI boolean (``1``/``true``)."""
    value = text(element, tag)
    return value is not None and value.lower() in {"1", "true"}


def parse_datetime(doc: XmlDoc, element: ET.Element, tag: str) -> dt.datetime | None:
    """Child ``tag`` as a naive local date-time (``2014-10-17T08:00:00``)."""
    value = text(element, tag)
    if value is None:
        return None
    try:
        when = dt.datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        raise doc.error(f"<{tag}> holds an impossible date '{_cut(value)}'", element) from None
    return check_date(doc, element, f"<{tag}>", when)


def check_date(doc: XmlDoc, element: ET.Element, what: str, when: _D) -> _D:
    """``when`` (read from ``what``) if it lies within the plan date bounds."""
    if not within_dates(when):
        raise doc.error(
            f"{what} holds the date {day(when)}; plans must lie between {date_range_words()}",
            element,
        )
    return when


def check_int(doc: XmlDoc, element: ET.Element, what: str, number: int) -> int:
    """``number`` (read from ``what``) if it fits a 32-bit integer."""
    if not -MAX_INTEGER <= number <= MAX_INTEGER:
        raise doc.error(f"{what} holds {_cut(str(number))}, a number too large to use", element)
    return number


def parse_time(doc: XmlDoc, element: ET.Element, tag: str) -> dt.time | None:
    """Child ``tag`` as a time of day (``08:00:00``); ``24:00:00`` means midnight."""
    value = text(element, tag)
    if value is None:
        return None
    if value.startswith("24:00"):
        return dt.time(0, 0)
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        raise doc.error(f"<{tag}> holds an impossible time '{_cut(value)}'", element) from None


_DURATION = re.compile(
    r"^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?"
    r"(?:(\d+(?:\.\d+)?)S)?)?$"
)


def parse_duration_minutes(doc: XmlDoc, element: ET.Element, tag: str) -> int | None:
    """Child ``tag`` (ISO 8601 ``PT8H0M0S``) as whole minutes.

    MSPDI always writes hours, minutes and seconds; a day part is read as 24 hours,
    the xsd:duration meaning. Years and months are refused: their length is ambiguous.
    """
    value = text(element, tag)
    if value is None:
        return None
    match = _DURATION.match(value)
    if not match or value in {"P", "PT", "-P"}:
        raise doc.error(
            f"<{tag}> holds a duration '{_cut(value)}' that cannot be understood", element
        )
    sign, days, hours, minutes, seconds = match.groups()
    total = (
        float(days or 0) * 1440
        + float(hours or 0) * 60
        + float(minutes or 0)
        + float(seconds or 0) / 60
    )
    check_minutes(doc, element, tag, total)
    return -round(total) if sign else round(total)


def check_minutes(doc: XmlDoc, element: ET.Element, tag: str, minutes: float) -> float:
    """``minutes`` (a duration or lag of ``tag``) when finite and within the bound."""
    if not math.isfinite(minutes) or abs(minutes) > MAX_DURATION_MINUTES:
        raise doc.error(
            f"<{tag}> is longer than {MAX_DURATION_MINUTES:,} minutes (50 years of "
            "working time), the longest duration or lag a plan may have",
            element,
        )
    return minutes


def format_duration(minutes: int) -> str:
    """Minutes as MSPDI's ISO 8601 duration, e.g. ``PT8H30M0S``."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}PT{hours}H{rest}M0S"


def format_datetime(value: dt.datetime) -> str:
    """A date-time as MSPDI writes it (seconds, no time zone)."""
    return value.replace(microsecond=0).isoformat(timespec="seconds")
