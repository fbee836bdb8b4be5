"""Freeze, blackout and holiday items: from ``calendar_exception`` rows and from the
public holidays of each domain's country (the ``holidays`` package).

A row with a ``calendar_id`` concerns the domains working by that calendar (one item
per domain); one with a ``domain_id`` and/or ``environment_id`` concerns that domain
and/or environment only; one with neither concerns the whole workspace. A holiday is
the whole local day (midnight to midnight in the local zone).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from app.conflicts.calendar_item import CalendarItem, ItemKind
from app.conflicts.lookup import Names, utc
from app.conflicts.recurrence import occurrences
from app.errors import ValidationError
from models.enums import CalendarExceptionKind

_KINDS = {
    CalendarExceptionKind.FREEZE: ItemKind.FREEZE,
    CalendarExceptionKind.BLACKOUT: ItemKind.BLACKOUT,
    CalendarExceptionKind.HOLIDAY: ItemKind.HOLIDAY,
}


def exception_items(
    rows: Iterable[Any], names: Names, lo: dt.datetime, hi: dt.datetime, zone: dt.tzinfo
) -> list[CalendarItem]:
    """Items of ``calendar_exception`` rows overlapping ``[lo, hi)``, repetitions expanded.

    A row whose rule cannot be read is shown once, at its own dates (the editor that
    wrote it refuses such rules; an older row is not hidden for it).
    """
    out = []
    for row in rows:
        kind = _KINDS.get(CalendarExceptionKind(row.kind))
        if kind is None:
            continue  # special working days are no event
        try:
            spans = occurrences(
                row.start,
                row.finish,
                row.rrule,
                range_start=lo,
                range_end=hi,
                zone=zone,
                name=row.name,
            )
        except ValidationError:
            spans = occurrences(row.start, row.finish, "", range_start=lo, range_end=hi)
        if kind is ItemKind.HOLIDAY:
            spans = [_whole_days(a, b, zone) for a, b in spans]
        for domain_id in _domains(row, names):
            for a, b in spans:
                out.append(_item(row, kind, domain_id, a, b, names))
    return out


def _domains(row: Any, names: Names) -> list[uuid.UUID | None]:
    if row.calendar_id is not None:
        return list(names.calendars.get(row.calendar_id, []))
    if row.domain_id is not None and row.domain_id not in names.domains:
        return []  # narrowed to a domain since deleted
    return [row.domain_id]


def _item(
    row: Any,
    kind: ItemKind,
    domain_id: uuid.UUID | None,
    a: dt.datetime,
    b: dt.datetime,
    names: Names,
) -> CalendarItem:
    env = names.environments.get(row.environment_id) if row.environment_id else None
    scope = f":{domain_id}" if row.calendar_id is not None else ""
    return CalendarItem(
        id=f"{kind.value}:{row.id}{scope}:{a.isoformat()}",
        kind=kind,
        start=a,
        end=b,
        title=row.name,
        row_id=row.id,
        table="calendar_exception",
        domain_id=domain_id,
        domain_name=names.domains[domain_id][0] if domain_id in names.domains else "",
        environment_id=row.environment_id if env else None,
        environment_name=env[0] if env else "",
        stage=env[1] if env else "",
        stage_order=env[2] if env else 0,
        recurring=bool(row.rrule.strip()),
    )


def _whole_days(a: dt.datetime, b: dt.datetime, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """From the local midnight starting ``a``'s day to the one ending ``b``'s."""
    first = a.astimezone(zone).date()
    last_moment = b.astimezone(zone)
    last = last_moment.date()
    if last_moment.time() != dt.time(0) or last == first:
        last += dt.timedelta(days=1)
    return _midnight(first, zone), _midnight(last, zone)


def _midnight(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    return utc(dt.datetime.combine(day, dt.time(0), tzinfo=zone))


def package_holiday_items(
    countries: Mapping[uuid.UUID, str],
    names: Names,
    lo: dt.datetime,
    hi: dt.datetime,
    zone: dt.tzinfo,
) -> list[CalendarItem]:
    """Public holidays in ``[lo, hi)`` of each domain's country (``"DE"``, ``"DE-BY"``).

    A country the ``holidays`` package does not know gives none (the calendar editor
    refuses such codes; the scheduler names the problem when it meets one).
    """
    out = []
    years = range(lo.astimezone(zone).year, hi.astimezone(zone).year + 1)
    for domain_id, country in countries.items():
        for day, name in sorted(holiday_table(country, years).items()):
            a, b = _midnight(day, zone), _midnight(day + dt.timedelta(days=1), zone)
            if a < hi and b > lo:
                out.append(
                    CalendarItem(
                        id=f"holiday:{domain_id}:{day.isoformat()}",
                        kind=ItemKind.HOLIDAY,
                        start=a,
                        end=b,
                        title=f"{name} ({country})",
                        domain_id=domain_id,
                        domain_name=names.domains[domain_id][0],
                    )
                )
    return out


_tables: dict[tuple[str, int], dict[dt.date, str]] = {}


def holiday_table(country: str, years: Iterable[int]) -> dict[dt.date, str]:
    """``{day: holiday name}`` of ``country`` over ``years`` (empty for an unknown code)."""
    out: dict[dt.date, str] = {}
    for year in years:
        key = (country, year)
        if key not in _tables:
            _tables[key] = _load_table(country, year)
        out.update(_tables[key])
    return out


def _load_table(country: str, year: int) -> dict[dt.date, str]:
    import holidays  # imported lazily: loading the package costs ~0.1 s

    code, _, subdiv = country.partition("-")
    try:
        table = holidays.country_holidays(code.upper(), subdiv=subdiv or None, years=year)
    except (NotImplementedError, KeyError):
        return {}
    return {day: str(name) for day, name in table.items()}
