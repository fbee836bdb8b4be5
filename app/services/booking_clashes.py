"""Deployments planned into an environment that someone else has booked.

The conflict engine knows deployments, freezes and holidays; bookings live here. A
deployment clashes with a booking of its environment when their times overlap (touching
is fine) and the booking is not its own (not for its release, nor for its domain). The
clash has the engine's shape (:class:`~app.conflicts.Conflict`), the booking standing
in as a blackout item of that environment, and its fix moves the deployment to just
after the booking.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable

from app import clock
from app.conflicts.conflict import Conflict, ConflictKind, Fix, Severity
from app.conflicts.items import CalendarItem, ItemKind
from app.dates_text import moment
from app.services.booking_service import BookingRow


def booking_item(b: BookingRow) -> CalendarItem:
    """A booking as a calendar item (a blackout of its environment, for its holder)."""
    return CalendarItem(
        id=f"booking:{b.id}",
        kind=ItemKind.BLACKOUT,
        title=b.title,
        start=b.start.replace(tzinfo=dt.UTC),
        end=b.end.replace(tzinfo=dt.UTC),
        row_id=b.id,
        table="environment_booking",
        domain_id=b.domain_id,
        environment_id=b.environment_id,
        environment_name=b.environment_name,
        release_id=b.release_id,
    )


def _own(item: CalendarItem, b: BookingRow) -> bool:
    if b.release_id is not None:
        return b.release_id == item.release_id
    return b.domain_id is not None and b.domain_id == item.domain_id


def _when(start: dt.datetime, end: dt.datetime) -> str:
    """``28 Dec 2026 18:00–20:00`` within a day, else both moments in full (local)."""
    a, b = clock.to_local(start), clock.to_local(end)
    if a.date() == b.date():
        return f"{moment(a)}–{moment(b)[-5:]}"
    return f"{moment(a)} – {moment(b)}"


def _explain(item: CalendarItem, held: CalendarItem, b: BookingRow) -> tuple[str, Fix]:
    """The clash's sentence and its fix: the deployment just after the booking."""
    who = item.release_title or item.title
    sentence = (
        f"{who} deploys to {b.environment_name} ({_when(item.start, item.end)}) while "
        f"it is booked for {b.title} ({_when(held.start, held.end)})."
    )
    assert item.row_id is not None
    end = held.end + (item.end - item.start)
    fix = Fix(
        item.id,
        item.table,
        item.row_id,
        held.end,
        end,
        f"Move the deployment to {_when(held.end, end)}, after the booking.",
    )
    return sentence, fix


def booking_clashes(
    items: Iterable[CalendarItem], bookings: Iterable[BookingRow]
) -> list[Conflict]:
    """The clashes of open deployments among ``items`` with ``bookings``."""
    by_env: dict[object, list[BookingRow]] = defaultdict(list)
    for b in bookings:
        by_env[b.environment_id].append(b)
    found: list[Conflict] = []
    for item in items:
        if item.kind is not ItemKind.DEPLOYMENT or item.done or item.row_id is None:
            continue
        for b in by_env.get(item.environment_id, ()):
            held = booking_item(b)
            if not item.overlaps(held) or _own(item, b):
                continue
            found.append(
                Conflict(
                    ConflictKind.ENVIRONMENT_OVERLAP,
                    Severity.MEDIUM,
                    (item, held),
                    functools.partial(_explain, item, held, b),
                )
            )
    return found
