"""Microsoft Project's predecessor notation, read and written: ``3FS+2d, 5SS-50%, 7FF+4eh``.

An entry is a row number (the task's 1-based row in the release's outline order, as
the task table numbers it), an optional link type (FS, SS, FF or SF; none means FS)
and an optional lag: a sign, an amount and a unit. Entries are separated by commas or
semicolons. Units, as Microsoft Project types them:

- working time on the successor's calendar: ``m`` minutes, ``h`` hours, ``d`` days
  (480 minutes), ``w`` weeks (2,400 minutes), ``mo`` months (9,600 minutes: 20 days);
- elapsed (wall-clock) time: ``em``, ``eh``, ``ed`` (1,440 minutes), ``ew``, ``emo``
  (30 days);
- ``%``: a percentage of the predecessor's duration (``5SS-50%``).

The long forms Project also accepts (``2 days``, ``3 wks``, ``1 edays``) are read too,
case and spaces do not matter, and an amount without a unit is days (Project's
default). Lags are kept as :mod:`models.plan` stores them (``TaskLink.lag`` in
minutes, or the percentage, with ``lag_unit``), rounded to a tenth of a minute as
Project's files store them (a hundredth of a percent). :func:`format_predecessors`
writes the shortest common form: no type for FS, no lag when there is none, and
the lag in days, hours or minutes (``ed``/``eh``/``em`` when elapsed), so
``format_predecessors(parse_predecessors(text))`` is a fixed point of itself.

Reading is pure text work: whether the rows exist, whether a link would close a circle
is for :func:`app.services.task_links.set_predecessors_text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.errors import ValidationError
from models.enums import LagUnit, LinkType

MINUTES_PER_DAY = 480
MINUTES_PER_WEEK = 2400
MINUTES_PER_MONTH = 9600
_ALIASES = {
    "m": ("min", "mins", "minute", "minutes"),
    "h": ("hr", "hrs", "hour", "hours"),
    "d": ("dy", "day", "days"),
    "w": ("wk", "wks", "week", "weeks"),
    "mo": ("mon", "mons", "month", "months"),
}
_WORKING = {"m": 1, "h": 60, "d": MINUTES_PER_DAY, "w": MINUTES_PER_WEEK, "mo": MINUTES_PER_MONTH}
_ELAPSED = {"m": 1, "h": 60, "d": 1440, "w": 7 * 1440, "mo": 30 * 1440}
_WORKING_UNITS = {name: _WORKING[u] for u, more in _ALIASES.items() for name in (u, *more)}
_ELAPSED_UNITS = {f"e{name}": _ELAPSED[u] for u, more in _ALIASES.items() for name in (u, *more)}
UNITS_HELP = "m, h, d, w, mo (working time), em, eh, ed, ew, emo (elapsed time) or %"

_ENTRY = re.compile(
    r"""\s*(?P<row>\d+)?\s*
        (?P<type>[A-Za-z]{1,2}(?![A-Za-z]))?\s*
        (?:(?P<sign>[-+])\s*(?P<amount>\d+(?:\.\d*)?|\.\d+)?\s*(?P<unit>%|[A-Za-z]+)?)?\s*""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class PredecessorEntry:
    """One entry of predecessor text: a row number, a link type and a lag.

    ``lag`` is in minutes (working or elapsed time, per ``lag_unit``) or, for
    :attr:`LagUnit.PERCENT`, the percentage itself; negative is a lead.
    """

    row: int
    link_type: LinkType = LinkType.FS
    lag: float = 0.0
    lag_unit: LagUnit = LagUnit.WORKING


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``22nd``: how messages count entries."""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def split_entries(text: str) -> list[tuple[int, str]]:
    """The non-empty entries of ``text`` with their 1-based place (an empty one, as in
    a trailing comma, is skipped and not counted)."""
    parts = [p.strip() for p in re.split(r"[,;]", text or "")]
    return list(enumerate((p for p in parts if p), start=1))


def parse_predecessors(text: str) -> tuple[PredecessorEntry, ...]:
    """The entries of predecessor text, in the order written (empty text: none).

    Raises :class:`ValidationError` naming the first entry it could not read and why,
    e.g. ``Could not read '5XX-2d' (the 2nd entry): link type must be FS, SS, FF or SF``.
    """
    return tuple(parse_entry(entry, place) for place, entry in split_entries(text))


def parse_entry(entry: str, place: int = 1) -> PredecessorEntry:
    """One entry (``3FS+2d``); ``place`` (1-based) is where it stood, for messages."""

    def refuse(why: str) -> ValidationError:
        return ValidationError(f"Could not read '{entry}' (the {ordinal(place)} entry): {why}")

    match = _ENTRY.fullmatch(entry)
    if match is None:
        raise refuse(_why_unreadable(entry))
    if match["row"] is None:
        raise refuse("it must start with the row number of the predecessor, e.g. 3FS+2d")
    row = int(match["row"])
    if row < 1:
        raise refuse("row numbers start at 1")
    kind = (match["type"] or "FS").upper()
    if kind not in LinkType.__members__:
        raise refuse("link type must be FS, SS, FF or SF")
    if match["sign"] is None:
        return PredecessorEntry(row, LinkType(kind))
    if match["amount"] is None:
        raise refuse("the lag needs an amount after its sign, e.g. +2d")
    amount = float(match["amount"])
    if match["sign"] == "-":
        amount = -amount
    unit = (match["unit"] or "d").lower()
    lag = _lag(amount, unit)
    if lag is None:
        raise refuse(f"the lag unit '{unit}' is unknown; use {UNITS_HELP}")
    return PredecessorEntry(row, LinkType(kind), *lag)


def _why_unreadable(entry: str) -> str:
    """What is wrong with an entry the pattern does not match at all."""
    body = entry.strip()
    if re.fullmatch(r"\d+\s*[A-Za-z]*\s*\d.*", body):
        return "the lag needs a sign, + or -, e.g. 3FS+2d"
    if re.match(r"\d+\s*[A-Za-z]{3,}", body):
        return "link type must be FS, SS, FF or SF"
    return "expected a row number, a link type and a lag, e.g. 3FS+2d"


def _lag(amount: float, unit: str) -> tuple[float, LagUnit] | None:
    """The stored lag of an amount in ``unit`` (None for an unknown unit), rounded as
    Project stores it. No lag (or one too small to keep) is a working lag of 0: without
    an amount the unit means nothing, and it is not shown."""
    if unit == "%":
        lag, kind = round(amount, 2), LagUnit.PERCENT
    elif unit in _WORKING_UNITS:
        lag, kind = round(amount * _WORKING_UNITS[unit], 1), LagUnit.WORKING
    elif unit in _ELAPSED_UNITS:
        lag, kind = round(amount * _ELAPSED_UNITS[unit], 1), LagUnit.ELAPSED
    else:
        return None
    return (lag, kind) if lag else (0.0, LagUnit.WORKING)


def _number(value: float, decimals: int) -> str:
    text = f"{abs(value):.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_lag(lag: float, lag_unit: LagUnit | str) -> str:
    """A lag as Project writes it after the link type (``+2d``, ``-50%``, ``+4eh``);
    empty for no lag."""
    if not lag:
        return ""
    sign = "-" if lag < 0 else "+"
    unit = LagUnit(lag_unit)
    if unit is LagUnit.PERCENT:
        return f"{sign}{_number(lag, 2)}%"
    prefix, day = ("e", 1440) if unit is LagUnit.ELAPSED else ("", MINUTES_PER_DAY)
    for size, name in ((day, "d"), (60, "h")):
        if lag % size == 0:
            return f"{sign}{_number(lag / size, 0)}{prefix}{name}"
    return f"{sign}{_number(lag, 1)}{prefix}m"


def format_entry(entry: PredecessorEntry) -> str:
    """One entry: ``3`` (FS without lag), ``5SS``, ``7FF+4eh``."""
    lag = format_lag(entry.lag, entry.lag_unit)
    kind = "" if entry.link_type is LinkType.FS and not lag else LinkType(entry.link_type).value
    return f"{entry.row}{kind}{lag}"


def format_predecessors(entries: Iterable[PredecessorEntry]) -> str:
    """Entries as predecessor text, comma separated, in the order given."""
    return ", ".join(format_entry(e) for e in entries)
