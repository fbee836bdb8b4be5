"""The sentences of a driving path, as a coordinator reads them.

``step_sentence`` writes one step ("*Deploy* starts Tue 12 Jan 08:00 because *Load
test* (FS + 1d) finishes Mon 11 Jan 17:00."); task names go through ``mark`` so that
the CLI writes ``*name*`` and the Plan view a link. ``crossed_exceptions`` names the
non-working days of a calendar (exceptions, public holidays) between two dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.dates_text import day_month, weekday_moment
from app.scheduling import DriverKind
from app.scheduling.plan import CalendarSpec, LagUnit
from app.services.working_time import format_working
from app.words import listing

if TYPE_CHECKING:
    from app.scheduling import Driver
    from app.services.driving_steps import PathStep

PLANNED_START = "planned start"  # Driver.name of the pin a release's planned start sets
Mark = Callable[[str, str], str]  # (task name, task id) -> how the name is written
_CONSTRAINT_WORDS = {
    "SNET": "start no earlier than",
    "SNLT": "start no later than",
    "FNET": "finish no earlier than",
    "FNLT": "finish no later than",
    "MSO": "must start on",
    "MFO": "must finish on",
}


def starred(name: str, _task_id: str) -> str:
    """The plain-text way to set a task name apart: ``*Load test*``."""
    return f"*{name}*"


def link_words(driver: Driver, minutes_per_day: int) -> str:
    """A link as Project writes it, in words: ``FS``, ``FS + 1d``, ``SS - 4h elapsed``,
    ``FF + 50 %``."""
    link = driver.link
    if link is None:
        return ""
    if not link.lag:
        return str(link.type.value)
    sign = "+" if link.lag > 0 else "-"
    size = abs(link.lag)
    if link.lag_unit == LagUnit.PERCENT:
        amount = f"{size:g} %"
    else:
        amount = format_working(round(size), minutes_per_day)
        if link.lag_unit == LagUnit.ELAPSED:
            amount += " elapsed"
    return f"{link.type.value} {sign} {amount}"


def step_sentence(
    step: PathStep, asked_release: str, minutes_per_day: int, mark: Mark = starred
) -> str:
    """One step of a driving path as a sentence (task names through ``mark``)."""
    d = step.driver
    subject = mark(step.name, step.task_id) + _of_release(step.release, asked_release)
    finish = step.end == "finish"
    if step.bound:
        head = (
            f"{subject} holds its tasks back until {weekday_moment(step.date)}"
            if not finish
            else f"{subject} keeps its tasks from finishing before {weekday_moment(step.date)}"
        )
    elif step.start == step.finish:
        head = f"{subject} (a milestone) falls on {weekday_moment(step.date)}"
    else:
        head = f"{subject} {'finishes' if finish else 'starts'} {weekday_moment(step.date)}"
    if step.via_duration and step.start != step.finish:
        work = format_working(step.duration_minutes, minutes_per_day)
        if finish:
            head += f", {work} of work after it starts {weekday_moment(step.start)}"
        else:
            head += f", {work} of work before it finishes {weekday_moment(step.finish)}"
    return head + _reason(step, d, asked_release, minutes_per_day, mark) + "."


def _of_release(release: str, asked: str) -> str:
    return f" (release {release})" if release and release != asked else ""


def _reason(step: PathStep, d: Driver, asked: str, per_day: int, mark: Mark) -> str:
    kind = d.kind
    when = weekday_moment(d.date) if d.date is not None else ""
    other = mark(step.driver_name, d.task_id or "") + _of_release(step.driver_release, asked)
    if kind == DriverKind.LINK:
        assert d.link is not None
        verb = "finishes" if d.link.type.value in ("FS", "FF") else "starts"
        text = f" because {other} ({link_words(d, per_day)}) {verb} {when}"
        if step.crossed:
            are = "is" if len(step.crossed) == 1 else "are"
            text += (
                f"; {listing(list(step.crossed))} {are} non-working on the "
                f"{step.calendar} calendar in between"
            )
        return text
    if kind == DriverKind.CHILD:
        if d.to_finish:
            return f" because its last task {other} finishes then"
        return f" because its first task {other} starts then"
    if kind == DriverKind.SUMMARY:
        if d.to_finish:
            return f" because its summary {other} keeps it from finishing before {when}"
        return f" because its summary {other} holds it back until {when}"
    if kind == DriverKind.CONSTRAINT and d.name == PLANNED_START:
        return f" because its release is planned to start {when}"
    if kind == DriverKind.CONSTRAINT:
        return f" because of its constraint: {_CONSTRAINT_WORDS.get(d.name, d.name)} {when}"
    if kind == DriverKind.ACTUAL:
        return f": it actually {'finished' if d.to_finish else 'started'} {when}"
    if kind == DriverKind.STATUS_DATE and d.to_finish:
        return f" because its remaining work resumes at the status date {when}"
    if kind == DriverKind.STATUS_DATE:
        return f" because remaining work starts no earlier than the status date {when}"
    if kind == DriverKind.FREEZE_WINDOW:
        return f" because it is a deployment, pushed past the {d.name} until {when}"
    if d.date == step.start:
        return ", the start of the plan"
    return f": the plan starts {when} and nothing else holds it back"


def crossed_exceptions(
    calendar: CalendarSpec, after: dt.datetime, before: dt.datetime
) -> tuple[str, ...]:
    """Named non-working days of ``calendar`` from ``after``'s day to ``before``'s day
    (exceptions without working time, then public holidays), e.g. ``Year-end freeze
    (24 Dec – 4 Jan)``."""
    a, b = after.date(), before.date()
    if b <= a:
        return ()
    found = [
        f"{exc.name or 'non-working time'} ({_days(exc.start, exc.finish)})"
        for exc in calendar.exceptions
        if not exc.working_times and exc.start <= b and exc.finish >= a
    ]
    found += _holidays(calendar.holiday_country, a, b)
    return tuple(found)


def _days(first: dt.date, last: dt.date) -> str:
    return day_month(first) if first == last else f"{day_month(first)} – {day_month(last)}"


def _holidays(country: str | None, a: dt.date, b: dt.date) -> list[str]:
    if not country:
        return []
    import holidays  # loaded only when a path crosses a calendar with public holidays

    code, _, subdiv = country.partition("-")
    try:
        table = holidays.country_holidays(
            code.upper(), subdiv=subdiv or None, years=range(a.year, b.year + 1)
        )
    except (NotImplementedError, KeyError):
        return []
    return [
        f"{name} ({day_month(when)})"
        for when, name in sorted(table.items())
        if a <= when <= b and when.weekday() < 5
    ]
