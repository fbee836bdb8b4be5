"""How a conflict is told to a coordinator: one sentence, dates in local time."""

from __future__ import annotations

import datetime as dt

from app import clock
from app.conflicts.calendar_item import CalendarItem, ItemKind
from app.dates_text import day, moment


def span(start: dt.datetime, end: dt.datetime) -> str:
    """``9 Mar 2026 14:00–15:30``, or ``9 Mar 2026 14:00 – 10 Mar 2026 09:00``, local."""
    a, b = clock.to_local(start), clock.to_local(end)
    if a.date() == b.date():
        return f"{moment(a)}–{b:%H:%M}"
    return f"{moment(a)} – {moment(b)}"


def days(start: dt.datetime, end: dt.datetime) -> str:
    """The local days a window covers: ``25 Dec 2026`` or ``15 Dec 2026 – 5 Jan 2027``."""
    a, b = clock.to_local(start), clock.to_local(end)
    last = (b - dt.timedelta(microseconds=1)).date() if b > a else a.date()
    return day(a) if last == a.date() else f"{day(a)} – {day(last)}"


def deployment(item: CalendarItem) -> str:
    """``Payments 4.2 to Staging``, or ``Payments 4.2 going live`` for a production window."""
    if item.kind is ItemKind.PRODUCTION_WINDOW:
        return f"{item.release_title} going live"
    return f"{item.release_title} to {item.environment_name}"


def overlap(first: CalendarItem, second: CalendarItem) -> str:
    start, end = max(first.start, second.start), min(first.end, second.end)
    return (
        f"{first.release_title} and {second.release_title} both deploy to "
        f"{first.environment_name} at {span(start, end)}."
    )


def double_booking(person: str, first: CalendarItem, second: CalendarItem) -> str:
    start, end = max(first.start, second.start), min(first.end, second.end)
    return (
        f"{person} is assigned to two deployments at once ({span(start, end)}): "
        f"{deployment(first)} and {deployment(second)}."
    )


def in_window(item: CalendarItem, window: CalendarItem) -> str:
    scope = _scope(window)
    what = "freeze" if window.kind is ItemKind.FREEZE else "blackout"
    return (
        f"{deployment(item)} ({span(item.start, item.end)}) falls in the {what} "
        f"'{window.title}'{scope} ({days(window.start, window.end)})."
    )


def on_holiday(item: CalendarItem, holiday: CalendarItem) -> str:
    whose = f" in {item.domain_name}" if item.domain_name else ""
    return (
        f"{deployment(item)} is planned on {days(holiday.start, holiday.end)}, "
        f"{holiday.title}, a public holiday{whose}."
    )


def dependency(item: CalendarItem, needed: CalendarItem) -> str:
    return (
        f"{item.release_title} goes to production at {moment(clock.to_local(item.start))}, "
        f"before {needed.release_title}, which it depends on, has deployed (planned to "
        f"finish {moment(clock.to_local(needed.end))})."
    )


def promotion(item: CalendarItem, earlier: CalendarItem) -> str:
    when = moment(clock.to_local(item.start))
    if earlier.status in ("failed", "backed_out"):
        return (
            f"{item.release_title} is still planned on {item.environment_name} ({when}) "
            f"although its {earlier.environment_name} deployment "
            f"{'failed' if earlier.status == 'failed' else 'was backed out'}."
        )
    check = " and is verified" if item.stage == "prod" else ""
    return (
        f"{item.release_title} is planned on {item.environment_name} ({when}) before its "
        f"{earlier.environment_name} deployment has finished{check} "
        f"({moment(clock.to_local(earlier.end))})."
    )


def move(item: CalendarItem, start: dt.datetime, end: dt.datetime) -> str:
    """What a fix does: ``Move Payments 4.2 to Staging to 10 Mar 2026 15:30–16:30.``"""
    return f"Move {deployment(item)} to {span(start, end)}."


def _scope(window: CalendarItem) -> str:
    parts = [p for p in (window.domain_name, window.environment_name) if p]
    return f" ({', '.join(parts)} only)" if parts else ""
