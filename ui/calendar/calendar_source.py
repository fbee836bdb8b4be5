"""Loading what the calendar shows, off the view: the engine's items and conflicts,
the bookings (which the engine does not know), the rows' versions and the lanes.

Bookings clash with deployments too: a deployment into an environment booked by
another domain (or by no domain) is reported here as a conflict of the same shape.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from app.conflicts.conflict import Conflict
from app.conflicts.engine import find_conflicts
from app.conflicts.items import CalendarItem, calendar_items
from app.conflicts.neighbourhood import Neighbourhood
from app.services import booking_service, people_service
from app.services.booking_clashes import booking_clashes
from app.services.calendar_versions import row_versions
from app.workspace import Workspace
from ui.calendar.bars import BANDS, BOOKING, Bar, local, stored

Lanes = list[tuple[uuid.UUID | None, str, str]]


@dataclass
class CalendarData:
    """One load: the engine's items (to check moves against), bars, conflicts, lanes."""

    start: dt.datetime  # local
    end: dt.datetime
    items: list[CalendarItem] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    bookings: list[booking_service.BookingRow] = field(default_factory=list)
    domain_lanes: Lanes = field(default_factory=list)
    environment_lanes: Lanes = field(default_factory=list)

    @functools.cached_property
    def near(self) -> Neighbourhood:
        """The items indexed for a drag's checks (built at the first one)."""
        return Neighbourhood(self.items)

    def conflicts_of(
        self,
        items: list[CalendarItem],
        bookings: list[booking_service.BookingRow] | None = None,
    ) -> list[Conflict]:
        """Conflicts among ``items`` and ``bookings`` (this load's when None), over
        this load's range."""
        start, end = utc(self.start), utc(self.end)
        found = list(find_conflicts(items, start=start, end=end))
        return found + booking_clashes(items, self.bookings if bookings is None else bookings)


def utc(wall: dt.datetime) -> dt.datetime:
    """A local wall-clock time as aware UTC."""
    return stored(wall).replace(tzinfo=dt.UTC)


def load(ws: Workspace, start: dt.datetime, end: dt.datetime) -> CalendarData:
    """Everything shown from local ``start`` to ``end``."""
    data = CalendarData(start, end)
    data.items = list(calendar_items(ws, utc(start), utc(end)))
    data.bookings = booking_service.list_bookings(ws, stored(start), stored(end))
    data.conflicts = data.conflicts_of(data.items)
    domains = people_service.list_domains(ws)
    colours = {d.id: d.colour for d in domains}
    data.domain_lanes = [(d.id, d.name, d.colour) for d in domains]
    data.environment_lanes = [
        (e.id, e.name, "#7b8494") for e in people_service.list_environments(ws)
    ]
    wanted: dict[str, list[uuid.UUID]] = defaultdict(list)
    for item in data.items:
        if item.row_id is not None and item.table:
            wanted[item.table].append(item.row_id)
    versions = row_versions(ws, wanted)
    versions.update((b.id, b.version) for b in data.bookings)
    data.bars = [bar_of(i, colours, versions) for i in data.items]
    names = {d.id: d.name for d in domains}
    data.bars += [booking_bar(b, names, colours) for b in data.bookings]
    return data


def bar_of(
    item: CalendarItem, colours: dict[uuid.UUID, str], versions: dict[uuid.UUID, int]
) -> Bar:
    """The bar of an engine item."""
    return Bar(
        key=item.id,
        kind=str(item.kind),
        title=item.title,
        start=local(item.start),
        end=local(item.end),
        table=item.table,
        row_id=item.row_id,
        version=versions.get(item.row_id) if item.row_id else None,
        domain_id=item.domain_id,
        domain_name=item.domain_name,
        colour=colours.get(item.domain_id, "#8a8f98") if item.domain_id else "#8a8f98",
        environment_id=item.environment_id,
        environment_name=item.environment_name,
        release_id=item.release_id,
        release_title=item.release_title,
        status=item.status,
        recurring=item.recurring,
        done=item.done,
    )


def booking_key(booking_id: uuid.UUID) -> str:
    return f"{BOOKING}:{booking_id}"


def booking_bar(
    b: booking_service.BookingRow, names: dict[uuid.UUID, str], colours: dict[uuid.UUID, str]
) -> Bar:
    """The bar of an environment booking."""
    return Bar(
        key=booking_key(b.id),
        kind=BOOKING,
        title=b.title,
        start=local(b.start),
        end=local(b.end),
        table="environment_booking",
        row_id=b.id,
        version=b.version,
        domain_id=b.domain_id,
        domain_name=names.get(b.domain_id, "") if b.domain_id else "",
        colour=colours.get(b.domain_id, "#7b8494") if b.domain_id else "#7b8494",
        environment_id=b.environment_id,
        environment_name=b.environment_name,
        release_id=b.release_id,
    )


def conflicts_if_moved(data: CalendarData, bar: Bar) -> list[Conflict]:
    """The conflicts there would be with ``bar``'s item over the bar's (moved) window,
    among the items that could meet it (its neighbourhood), not all of the load's."""
    if bar.kind == BOOKING:
        bookings = [
            dataclasses.replace(b, start=stored(bar.start), end=stored(bar.end))
            if b.id == bar.row_id
            else b
            for b in data.bookings
        ]
        return data.conflicts_of(data.near.overlapping(utc(bar.start), utc(bar.end)), bookings)
    return data.conflicts_of(data.near.around(moved_items(data.near, bar)))


def moved_items(near: Neighbourhood, bar: Bar) -> list[CalendarItem]:
    """``bar``'s item over the bar's (moved) window; a freeze or blackout moves every
    occurrence of its row by as much as the dragged one moved."""
    was = near.by_id.get(bar.key)
    if was is None:
        return []
    if bar.kind not in BANDS:
        return [dataclasses.replace(was, start=utc(bar.start), end=utc(bar.end))]
    by_start, by_end = utc(bar.start) - was.start, utc(bar.end) - was.end
    series = near.by_row.get(bar.row_id, []) if bar.row_id is not None else [was]
    return [
        dataclasses.replace(i, start=i.start + by_start, end=i.end + by_end)
        for i in series
        if i.table == bar.table
    ]


def new_conflicts(data: CalendarData, bar: Bar) -> list[str]:
    """The sentences of the conflicts ``bar`` (moved: a drag's step) would have that it
    has not now."""
    before = {c.key for c in data.conflicts}
    return [
        c.sentence
        for c in conflicts_if_moved(data, bar)
        if c.key not in before and any(is_of(i, bar) for i in c.items)
    ]


def is_of(item: CalendarItem, bar: Bar) -> bool:
    """``item`` is ``bar``'s, or (a freeze or blackout) another occurrence of its row."""
    return item.id == bar.key or (bar.kind in BANDS and item.row_id == bar.row_id)
