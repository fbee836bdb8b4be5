"""Read GanttProject (``.gan``) files into a :class:`PlanSpec`.

What GanttProject means, and how it maps (decided from GanttProject's behaviour):

* Durations are in working days of the project calendar (8 h here: 480 minutes).
* ``<depend id=X>`` inside task T means T -> X (T is the predecessor). Type codes
  1 SS, 2 FS, 3 FF, 4 SF; ``difference`` is the lag in working days.
* GanttProject has no constraint types. Its scheduler leaves a task without
  predecessors where the user put it, and pulls a task with "Strong" dependencies
  to exactly the date they allow; a "Rubber" dependency only pushes, never pulls.
  So a leaf task with no predecessors, or with any Rubber one, gets a
  start-no-earlier-than constraint at its stored start; tasks with only Strong
  predecessors are as soon as possible. Summary tasks take their children's dates.
  A ``thirdDate`` with ``thirdDate-constraint="1"`` (earliest begin) becomes SNET.
* ``<default-week sun="1" ...>``: 1 marks a weekend (non-working) day. Working days
  get Project's standard 8-12, 13-17 hours, which GanttProject does not store.
* ``<calendars><date year= month= date= type="HOLIDAY"/>``: a holiday (an empty
  year means every year); ``type="WORKING_DAY"`` a working weekend day.
* ``<vacations>`` belong to resources, which GanttProject does not use to move
  tasks; they are kept on :attr:`GanDocument.vacations`, not in the calendar.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app import clock
from app.interchange._xml import Source, XmlDoc, check_date, check_int, load_source, parse_xml
from app.interchange.limits import MAX_DURATION_MINUTES
from app.interchange.mspdi_calendars import merge_exceptions
from app.scheduling.plan import (
    STANDARD_DAY,
    CalendarException,
    CalendarSpec,
    ConstraintType,
    LinkSpec,
    LinkType,
    PlanSpec,
    TaskSpec,
)

GAN_LINK_TYPES = {1: LinkType.SS, 2: LinkType.FS, 3: LinkType.FF, 4: LinkType.SF}
MINUTES_PER_DAY = 480
DAY_START = dt.time(8, 0)
RECURRING_HOLIDAY_YEARS = 5  # yearly holidays are expanded this many years on
_WEEK_ATTRS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WHAT = "a GanttProject (.gan) file"


@dataclass(frozen=True, slots=True)
class GanVacation:
    """A resource's absence, as GanttProject records it (resource id, inclusive dates)."""

    resource_id: str
    start: dt.date
    finish: dt.date


@dataclass(frozen=True, slots=True)
class GanDocument:
    """A GanttProject file, read. Task ids are GanttProject's numeric task ids as text."""

    name: str
    plan: PlanSpec
    notes: Mapping[str, str] = field(default_factory=dict)
    link_hardness: Mapping[tuple[str, str], str] = field(default_factory=dict)
    vacations: tuple[GanVacation, ...] = ()
    warnings: tuple[str, ...] = ()


def read_gan(source: Source, *, name: str | None = None) -> GanDocument:
    """Read a GanttProject file (path, bytes or binary stream).

    Raises :class:`ImportFormatError` for anything that is not a readable .gan plan.
    """
    data, file_name = load_source(source, name or "project.gan")
    doc = parse_xml(data, file_name, "project", _WHAT)
    return _GanReader(doc).read()


def _attr_date(doc: XmlDoc, el: ET.Element, attr: str) -> dt.date:
    value = el.get(attr)
    if not value:
        raise doc.error(f"<{el.tag}> has no '{attr}' date", el)
    try:
        when = dt.date.fromisoformat(value)
    except ValueError:
        raise doc.error(f"<{el.tag}> has an impossible date {attr}='{value[:40]}'", el) from None
    return check_date(doc, el, f"<{el.tag}> {attr}", when)


def _attr_int(doc: XmlDoc, el: ET.Element, attr: str, default: int | None = None) -> int:
    value = el.get(attr)
    if value is None or value == "":
        if default is None:
            raise doc.error(f"<{el.tag}> has no '{attr}'", el)
        return default
    try:
        number = int(float(value))
    except (ValueError, OverflowError):  # "abc", "nan"; "1e999" is infinite
        raise doc.error(f"<{el.tag}> {attr}='{value[:40]}' should be a number", el) from None
    return check_int(doc, el, f"<{el.tag}> {attr}", number)


def _attr_days(doc: XmlDoc, el: ET.Element, attr: str) -> int:
    """A duration or lag in working days, as minutes, within the bound."""
    minutes = _attr_int(doc, el, attr, 0) * MINUTES_PER_DAY
    if abs(minutes) > MAX_DURATION_MINUTES:
        raise doc.error(
            f"<{el.tag}> {attr}='{el.get(attr)}' days is longer than 50 years of working time",
            el,
        )
    return minutes


class _GanReader:
    def __init__(self, doc: XmlDoc) -> None:
        self.doc = doc
        self.warnings: list[str] = []

    def read(self) -> GanDocument:
        doc, root = self.doc, self.doc.root
        rows: list[tuple[ET.Element, str | None]] = []  # (task element, parent id)
        self._collect(root.find("tasks"), None, rows, set())
        ids = {el.get("id", "") for el, _ in rows}
        links, hardness, incoming = [], {}, {}
        for el, _ in rows:
            pred = el.get("id", "")
            for dep in el.findall("depend"):
                succ = dep.get("id", "")
                if succ not in ids:
                    raise doc.error(f"task {pred} is linked to task {succ}, which is missing", dep)
                if succ == pred:
                    raise doc.error(f"task {pred} is linked to itself", dep)
                code = _attr_int(doc, dep, "type", 2)
                if code not in GAN_LINK_TYPES:
                    raise doc.error(f"a link of task {pred} has an unknown type {code}", dep)
                lag = _attr_days(doc, dep, "difference")
                links.append(LinkSpec(pred, succ, GAN_LINK_TYPES[code], float(lag)))
                hardness[pred, succ] = dep.get("hardness", "Strong")
                incoming.setdefault(succ, []).append(hardness[pred, succ])
        parents = {parent for _, parent in rows if parent is not None}
        tasks, notes = [], {}
        for el, parent in rows:
            task, note = self._task(el, parent, el.get("id", "") in parents, incoming)
            tasks.append(task)
            if note:
                notes[task.id] = note
        starts = [_task_start(doc, el) for el, _ in rows]
        first = min(starts) if starts else dt.datetime.combine(clock.today(), DAY_START)
        calendar = self._calendar(first.year)
        plan = PlanSpec(
            tasks=tuple(tasks),
            links=tuple(links),
            project_start=first,
            calendars={calendar.id: calendar},
            default_calendar_id=calendar.id,
            minutes_per_day=MINUTES_PER_DAY,
            minutes_per_week=MINUTES_PER_DAY * sum(1 for d in calendar.week if d),
        )
        vacations = tuple(
            GanVacation(
                v.get("resourceid", ""), _attr_date(doc, v, "start"), _attr_date(doc, v, "end")
            )
            for v in root.findall("vacations/vacation")
        )
        return GanDocument(
            name=root.get("name") or Path(doc.file_name).stem,
            plan=plan,
            notes=notes,
            link_hardness=hardness,
            vacations=vacations,
            warnings=tuple(self.warnings),
        )

    def _collect(
        self,
        parent_el: ET.Element | None,
        parent_id: str | None,
        rows: list[tuple[ET.Element, str | None]],
        seen: set[str],
    ) -> None:
        """Every task under ``parent_el`` in outline order (depth first, walked with a
        stack: a file may nest thousands of levels deep)."""
        if parent_el is None:
            return
        stack = [(el, parent_id) for el in reversed(parent_el.findall("task"))]
        while stack:
            el, parent = stack.pop()
            task_id = el.get("id")
            if not task_id:
                raise self.doc.error("a task has no id", el)
            if task_id in seen:
                raise self.doc.error(f"two tasks have the same id {task_id}", el)
            seen.add(task_id)
            rows.append((el, parent))
            stack.extend((child, task_id) for child in reversed(el.findall("task")))

    def _task(
        self, el: ET.Element, parent: str | None, is_summary: bool, incoming: dict[str, list[str]]
    ) -> tuple[TaskSpec, str]:
        doc, task_id = self.doc, el.get("id", "")
        milestone = el.get("meeting") == "true"
        minutes = 0 if milestone else _attr_days(doc, el, "duration")
        if minutes < 0:
            raise doc.error(f"task {task_id} has a negative duration", el)
        complete = _attr_int(doc, el, "complete", 0)
        if not 0 <= complete <= 100:
            raise doc.error(f"task {task_id} is {complete} % complete", el)
        start = _task_start(doc, el)
        constraint, constraint_date = ConstraintType.ASAP, None
        preds = incoming.get(task_id, [])
        if not is_summary and (not preds or "Rubber" in preds):
            constraint, constraint_date = ConstraintType.SNET, start
        if el.get("thirdDate-constraint") == "1" and el.get("thirdDate"):
            third = dt.datetime.combine(_attr_date(doc, el, "thirdDate"), DAY_START)
            constraint = ConstraintType.SNET
            constraint_date = max(third, constraint_date) if constraint_date else third
        note_el = el.find("notes")
        note = (note_el.text or "").strip() if note_el is not None else ""
        task = TaskSpec(
            id=task_id,
            name=el.get("name", ""),
            duration_minutes=minutes,
            milestone=milestone,
            parent_id=parent,
            constraint=constraint,
            constraint_date=constraint_date,
            percent_complete=float(complete),
        )
        return task, note

    def _calendar(self, base_year: int) -> CalendarSpec:
        doc, root = self.doc, self.doc.root
        week_el = root.find("calendars/day-types/default-week")
        weekend = {"sat", "sun"}
        if week_el is not None:
            weekend = {day for day in _WEEK_ATTRS if week_el.get(day) == "1"}
        week = tuple(() if day in weekend else STANDARD_DAY for day in _WEEK_ATTRS)
        exceptions = []
        for date_el in root.findall("calendars/date"):
            kind = date_el.get("type", "HOLIDAY")
            if kind not in {"HOLIDAY", "WORKING_DAY"}:
                continue
            hours = () if kind == "HOLIDAY" else STANDARD_DAY
            month, day = _attr_int(doc, date_el, "month"), _attr_int(doc, date_el, "date")
            years = (
                [_attr_int(doc, date_el, "year")]
                if date_el.get("year")
                else list(range(base_year, base_year + RECURRING_HOLIDAY_YEARS))
            )
            for year in years:
                try:
                    when = dt.date(year, month, day)
                except (ValueError, OverflowError):  # year 99999999999999999999 overflows
                    raise doc.error(
                        f"an impossible holiday date {year}-{month}-{day}", date_el
                    ) from None
                check_date(doc, date_el, "a holiday", when)
                name = (date_el.text or "").strip()
                exceptions.append(CalendarException(when, when, hours, name))
        return CalendarSpec("default", "GanttProject", week, merge_exceptions(exceptions))


def _task_start(doc: XmlDoc, el: ET.Element) -> dt.datetime:
    return dt.datetime.combine(_attr_date(doc, el, "start"), DAY_START)
