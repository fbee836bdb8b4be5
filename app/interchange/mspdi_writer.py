"""Write a :class:`PlanSpec` as Microsoft Project XML (MSPDI).

The output follows the element order of Microsoft's MSPDI schema (Project refuses
files whose elements are out of order) and opens in Microsoft Project 2010+ and
ProjectLibre. Reading it back with :func:`read_mspdi` gives the same plan when task
and calendar ids are positive integers written as text (what :func:`read_mspdi`
produces); other ids are numbered (see :func:`mspdi_uids`), since MSPDI's UIDs are
integers.
"""

from __future__ import annotations

import datetime as dt
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import IO, Any

from app.interchange._xml import format_datetime, format_duration
from app.interchange.file_output import write_replacing
from app.interchange.mspdi_calendar_writer import write_calendars
from app.interchange.mspdi_codes import (
    CONSTRAINT_CODES,
    DATED_CONSTRAINTS,
    LINK_TYPE_CODES,
    duration_format_for,
    lag_format_for,
)
from app.interchange.working_time import add_working_minutes
from app.scheduling.plan import CalendarSpec, LagUnit, LinkSpec, PlanSpec, TaskSpec

NAMESPACE = "http://schemas.microsoft.com/project"

Destination = str | os.PathLike[str] | IO[bytes] | None


def mspdi_uids(ids: Iterable[str]) -> dict[str, int]:
    """The integer UID each id gets in MSPDI: itself when it is a positive integer
    written canonically (``"12"``), otherwise the next free number."""
    ids = list(ids)
    numeric = {i: int(i) for i in ids if i.isdigit() and str(int(i)) == i and int(i) > 0}
    used, result, next_uid = set(numeric.values()), {}, 1
    for i in ids:
        if i in numeric:
            result[i] = numeric[i]
            continue
        while next_uid in used:
            next_uid += 1
        result[i] = next_uid
        used.add(next_uid)
    return result


def write_mspdi(
    plan: PlanSpec,
    name: str,
    destination: Destination = None,
    schedule: Any = None,
    protected: Iterable[str | os.PathLike[str]] = (),
) -> bytes:
    """Write ``plan`` as an MSPDI document named ``name``; return the bytes written.

    ``destination`` is a path, a binary stream, or None (only return the bytes). A path
    is replaced whole or not at all, and never when it is a database or one of the
    ``protected`` files (the open workspace): see :mod:`app.interchange.file_output`.
    ``schedule`` is optional: anything giving per-task ``early_start``/``early_finish``
    (a mapping by task id, or an object whose ``tasks`` is one) supplies Start and
    Finish; without it tasks start at the project start and finish after their
    duration on their calendar, and Project reschedules them when it opens the file.
    """
    root = ET.Element("Project", xmlns=NAMESPACE)
    calendar_uids = mspdi_uids(plan.calendars)
    calendars = dict(plan.calendars)
    if plan.default_calendar_id not in calendars:
        calendars[plan.default_calendar_id] = CalendarSpec(plan.default_calendar_id)
        calendar_uids = mspdi_uids(calendars)
    ordered = _outline_order(plan.tasks)
    dates = _task_dates(plan, calendars, ordered, schedule)
    finish = max((f for _, f in dates.values()), default=plan.project_start)
    _project_header(root, plan, name, finish, calendar_uids[plan.default_calendar_id])
    write_calendars(root, calendars, calendar_uids, plan.project_start.year)
    _tasks(root, plan, name, ordered, dates, calendar_uids, finish)
    ET.indent(root, space="  ")
    # Written by hand: ElementTree's declaration uses single quotes, which some
    # importers of MSPDI files are known to stumble over.
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    data = (declaration + ET.tostring(root, encoding="unicode")).encode("utf-8")
    if isinstance(destination, str | os.PathLike):
        write_replacing(destination, data, protected)
    elif destination is not None:
        destination.write(data)
    return data


def _add(parent: ET.Element, tag: str, value: object) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if isinstance(value, bool):
        element.text = "1" if value else "0"
    elif isinstance(value, dt.datetime):
        element.text = format_datetime(value)
    else:
        element.text = str(value)
    return element


def _project_header(
    root: ET.Element, plan: PlanSpec, name: str, finish: dt.datetime, calendar_uid: int
) -> None:
    fields: list[tuple[str, object]] = [
        ("SaveVersion", 14),
        ("Name", name),
        ("Title", name),
        ("ScheduleFromStart", True),
        ("StartDate", plan.project_start),
        ("FinishDate", finish),
        ("FYStartDate", 1),
        ("CriticalSlackLimit", 0),
        ("CurrencyDigits", 2),
        ("CurrencySymbol", "€"),
        ("CurrencyCode", "EUR"),
        ("CurrencySymbolPosition", 0),
        ("CalendarUID", calendar_uid),
        ("DefaultStartTime", "08:00:00"),
        ("DefaultFinishTime", "17:00:00"),
        ("MinutesPerDay", plan.minutes_per_day),
        ("MinutesPerWeek", plan.minutes_per_week),
        ("DaysPerMonth", 20),
        ("DefaultTaskType", 1),  # fixed duration: our durations are the plan
        ("DefaultFixedCostAccrual", 3),
        ("DefaultStandardRate", 0),
        ("DefaultOvertimeRate", 0),
        ("DurationFormat", 7),
        ("WorkFormat", 2),
        ("EditableActualCosts", False),
        ("HonorConstraints", False),
        ("InsertedProjectsLikeSummary", True),
        ("MultipleCriticalPaths", False),
        ("NewTasksEffortDriven", False),
        ("NewTasksEstimated", False),
        ("SplitsInProgressTasks", True),
        ("SpreadActualCost", False),
        ("SpreadPercentComplete", False),
        ("TaskUpdatesResource", True),
        ("FiscalYearStart", False),
        ("WeekStartDay", 1),
        ("MoveCompletedEndsBack", False),
        ("MoveRemainingStartsBack", False),
        ("MoveRemainingStartsForward", False),
        ("MoveCompletedEndsForward", False),
        ("BaselineForEarnedValue", 0),
        ("AutoAddNewResourcesAndTasks", True),
    ]
    if plan.status_date is not None:
        fields.append(("StatusDate", plan.status_date))
    fields += [
        ("CurrentDate", plan.status_date or plan.project_start),
        ("MicrosoftProjectServerURL", True),
        ("Autolink", False),
        ("NewTaskStartDate", 0),
        ("DefaultTaskEVMethod", 0),
        ("ProjectExternallyEdited", False),
        ("ActualsInSync", False),
        ("RemoveFileProperties", False),
        ("AdminProject", False),
    ]
    for tag, value in fields:
        _add(root, tag, value)


def _outline_order(tasks: Iterable[TaskSpec]) -> list[tuple[TaskSpec, int, str]]:
    """Tasks depth first (MSPDI nests by position), with outline level and number."""
    tasks = list(tasks)
    ids = {t.id for t in tasks}
    children: dict[str | None, list[TaskSpec]] = {}
    for task in tasks:
        if task.parent_id is not None and task.parent_id not in ids:
            raise ValueError(f"task {task.id!r} has an unknown parent {task.parent_id!r}")
        children.setdefault(task.parent_id, []).append(task)
    result: list[tuple[TaskSpec, int, str]] = []
    # Depth first with a stack, not recursion: an outline may be thousands of levels deep.
    stack = [(task, 1, str(n)) for n, task in enumerate(children.get(None, ()), start=1)]
    stack.reverse()
    while stack:
        task, level, number = stack.pop()
        result.append((task, level, number))
        kids = children.get(task.id, ())
        stack.extend(
            (kid, level + 1, f"{number}.{n}") for n, kid in reversed(list(enumerate(kids, 1)))
        )
    if len(result) != len(tasks):
        raise ValueError("the plan's parent links form a cycle")
    return result


def _task_dates(
    plan: PlanSpec,
    calendars: Mapping[str, CalendarSpec],
    ordered: list[tuple[TaskSpec, int, str]],
    schedule: Any,
) -> dict[str, tuple[dt.datetime, dt.datetime]]:
    scheduled = _scheduled(schedule)
    result = {}
    for task, _, _ in ordered:
        entry = scheduled.get(task.id)
        start = getattr(entry, "early_start", None)
        finish = getattr(entry, "early_finish", None)
        if start is None or finish is None:
            start = task.actual_start or plan.project_start
            calendar = calendars[task.calendar_id or plan.default_calendar_id]
            if task.elapsed:
                finish = start + dt.timedelta(minutes=task.duration_minutes)
            else:
                finish = add_working_minutes(calendar, start, task.duration_minutes)
        result[task.id] = (start, finish)
    return result


def _scheduled(schedule: Any) -> Mapping[str, Any]:
    """Per-task schedule entries by task id, from whatever shape the engine returns."""
    if schedule is None:
        return {}
    tasks = getattr(schedule, "tasks", schedule)
    if isinstance(tasks, Mapping):
        return tasks
    return {str(getattr(e, "task_id", getattr(e, "id", ""))): e for e in tasks}


def _tasks(
    root: ET.Element,
    plan: PlanSpec,
    name: str,
    ordered: list[tuple[TaskSpec, int, str]],
    dates: Mapping[str, tuple[dt.datetime, dt.datetime]],
    calendar_uids: Mapping[str, int],
    finish: dt.datetime,
) -> None:
    tasks_el = ET.SubElement(root, "Tasks")
    uids = mspdi_uids(task.id for task, _, _ in ordered)
    parents = {t.parent_id for t in plan.tasks}
    preds: dict[str, list[LinkSpec]] = {}
    for link in plan.links:
        preds.setdefault(link.successor_id, []).append(link)
    summary = ET.SubElement(tasks_el, "Task")
    for tag, value in [
        ("UID", 0),
        ("ID", 0),
        ("Name", name),
        ("Type", 1),
        ("IsNull", False),
        ("WBS", 0),
        ("OutlineNumber", 0),
        ("OutlineLevel", 0),
        ("Start", plan.project_start),
        ("Finish", finish),
        ("DurationFormat", 53),
        ("Milestone", False),
        ("Summary", True),
        ("ConstraintType", 0),
    ]:
        _add(summary, tag, value)
    if plan.deadline is not None:
        _add(summary, "Deadline", plan.deadline)
    for position, (task, level, number) in enumerate(ordered, start=1):
        _task(
            tasks_el,
            plan,
            task,
            uids,
            position,
            level,
            number,
            dates[task.id],
            task.id in parents,
            calendar_uids,
            preds.get(task.id, ()),
        )


def _task(
    tasks_el: ET.Element,
    plan: PlanSpec,
    task: TaskSpec,
    uids: Mapping[str, int],
    position: int,
    level: int,
    number: str,
    dates: tuple[dt.datetime, dt.datetime],
    is_summary: bool,
    calendar_uids: Mapping[str, int],
    links: Iterable[LinkSpec],
) -> None:
    el = ET.SubElement(tasks_el, "Task")
    fmt = duration_format_for(task.duration_minutes, task.elapsed, plan.minutes_per_day)
    for tag, value in [
        ("UID", uids[task.id]),
        ("ID", position),
        ("Name", task.name),
        ("Type", 1),
        ("IsNull", False),
        ("WBS", number),
        ("OutlineNumber", number),
        ("OutlineLevel", level),
        ("Priority", 500),
        ("Start", dates[0]),
        ("Finish", dates[1]),
        ("Duration", format_duration(task.duration_minutes)),
        ("DurationFormat", fmt),
        ("Estimated", False),
        ("Milestone", task.milestone),
        ("Summary", is_summary),
        ("PercentComplete", round(task.percent_complete)),
    ]:
        _add(el, tag, value)
    if task.actual_start is not None:
        _add(el, "ActualStart", task.actual_start)
    if task.actual_finish is not None:
        _add(el, "ActualFinish", task.actual_finish)
    _add(el, "ConstraintType", CONSTRAINT_CODES[task.constraint])
    _add(el, "CalendarUID", calendar_uids[task.calendar_id] if task.calendar_id else -1)
    if task.constraint in DATED_CONSTRAINTS and task.constraint_date is not None:
        _add(el, "ConstraintDate", task.constraint_date)
    if task.deadline is not None:
        _add(el, "Deadline", task.deadline)
    for link in links:
        link_el = ET.SubElement(el, "PredecessorLink")
        _add(link_el, "PredecessorUID", uids[link.predecessor_id])
        _add(link_el, "Type", LINK_TYPE_CODES[link.type])
        _add(link_el, "CrossProject", False)
        scale = 1 if link.lag_unit is LagUnit.PERCENT else 10  # percent as is, else 0.1 min
        _add(link_el, "LinkLag", round(link.lag * scale))
        _add(link_el, "LagFormat", lag_format_for(link.lag_unit, link.lag, plan.minutes_per_day))
    baseline = (task.baseline_start, task.baseline_finish, task.baseline_duration_minutes)
    if any(value is not None for value in baseline):
        base_el = ET.SubElement(el, "Baseline")
        _add(base_el, "Number", 0)
        if task.baseline_start is not None:
            _add(base_el, "Start", task.baseline_start)
        if task.baseline_finish is not None:
            _add(base_el, "Finish", task.baseline_finish)
        if task.baseline_duration_minutes is not None:
            _add(base_el, "Duration", format_duration(task.baseline_duration_minutes))
            _add(base_el, "DurationFormat", 7)
