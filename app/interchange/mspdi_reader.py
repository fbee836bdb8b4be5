"""Read Microsoft Project XML (MSPDI) files into a :class:`PlanSpec`.

Project saves its own computed schedule with every task; :func:`read_mspdi` keeps it
in :attr:`MspdiDocument.reference` so our engine can be checked against it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from app.interchange._xml import (
    Source,
    XmlDoc,
    check_minutes,
    load_source,
    parse_bool,
    parse_datetime,
    parse_duration_minutes,
    parse_float,
    parse_int,
    parse_xml,
    text,
)
from app.interchange.limits import MAX_LAG_PERCENT
from app.interchange.mspdi_calendars import read_calendars
from app.interchange.mspdi_codes import (
    CONSTRAINT_TYPES,
    DATED_CONSTRAINTS,
    ELAPSED_FORMATS,
    KNOWN_FORMATS,
    LINK_TYPES,
    lag_unit_for,
)
from app.interchange.mspdi_document import (
    MspdiBaseline,
    MspdiDocument,
    MspdiTaskInfo,
    ProjectTaskResult,
)
from app.scheduling.plan import CalendarSpec, LagUnit, LinkSpec, PlanSpec, TaskSpec

_WHAT = "a Microsoft Project XML (MSPDI) file"


def read_mspdi(source: Source, *, name: str | None = None) -> MspdiDocument:
    """Read an MSPDI file (path, bytes or binary stream).

    ``name`` is the file name shown in error messages when ``source`` is bytes.
    Raises :class:`ImportFormatError` for anything that is not a readable MSPDI plan.
    """
    data, file_name = load_source(source, name or "project.xml")
    doc = parse_xml(data, file_name, "Project", _WHAT)
    return _Reader(doc).read()


class _Reader:
    def __init__(self, doc: XmlDoc) -> None:
        self.doc = doc
        self.warnings: list[str] = []

    def read(self) -> MspdiDocument:
        doc, root = self.doc, self.doc.root
        calendars = read_calendars(doc, self.warnings)
        default_calendar = self._default_calendar(calendars)
        if not calendars:
            calendars = {default_calendar: CalendarSpec(default_calendar)}
        summary_task, task_elements = self._task_elements()
        tasks, infos, reference = self._tasks(task_elements, calendars)
        links = self._links(task_elements, {t.id for t in tasks})
        start = parse_datetime(doc, root, "StartDate")
        if start is None:
            starts = [r.start for r in reference.values() if r.start is not None]
            if not starts:
                raise doc.error("the project has no <StartDate>", root)
            start = min(starts)
        plan = PlanSpec(
            tasks=tuple(tasks),
            links=tuple(links),
            project_start=start,
            calendars=calendars,
            default_calendar_id=default_calendar,
            deadline=None
            if summary_task is None
            else parse_datetime(doc, summary_task, "Deadline"),
            status_date=parse_datetime(doc, root, "StatusDate"),
            minutes_per_day=self._minutes(root, "MinutesPerDay", 480, 24 * 60),
            minutes_per_week=self._minutes(root, "MinutesPerWeek", 2400, 7 * 24 * 60),
        )
        title = text(root, "Title") or (summary_task is not None and text(summary_task, "Name"))
        return MspdiDocument(
            name=title or text(root, "Name") or Path(doc.file_name).stem,
            plan=plan,
            reference=reference,
            tasks=infos,
            project_finish=parse_datetime(doc, root, "FinishDate"),
            schedule_from_start=text(root, "ScheduleFromStart") != "0",
            warnings=tuple(self.warnings),
        )

    def _minutes(self, root: ET.Element, tag: str, default: int, most: int) -> int:
        """``MinutesPerDay``/``MinutesPerWeek``: 0 or missing means the default."""
        minutes = parse_int(self.doc, root, tag, default) or default
        if not 0 < minutes <= most:
            raise self.doc.error(f"<{tag}> holds {minutes}, more than there are or none", root)
        return minutes

    def _default_calendar(self, calendars: dict[str, CalendarSpec]) -> str:
        uid = parse_int(self.doc, self.doc.root, "CalendarUID")
        if uid is not None and str(uid) in calendars:
            return str(uid)
        if calendars:
            first = next(iter(calendars))
            self.warnings.append(
                f"The project calendar is missing; using '{calendars[first].name}'."
            )
            return first
        return "standard"

    def _task_elements(self) -> tuple[ET.Element | None, list[tuple[int, ET.Element]]]:
        """The project summary task (UID 0) and the real tasks, in outline order."""
        doc, summary, result, seen = self.doc, None, [], set()
        for element in self.doc.root.findall("Tasks/Task"):
            uid = parse_int(doc, element, "UID")
            if uid is None:
                raise doc.error("a task has no <UID> (unique id)", element)
            if uid in seen:
                raise doc.error(f"two tasks have the same UID {uid}", element)
            seen.add(uid)
            if uid == 0:
                summary = element
            elif not parse_bool(element, "IsNull"):  # IsNull = a blank row in Project
                result.append((uid, element))
        return summary, result

    def _tasks(
        self, elements: list[tuple[int, ET.Element]], calendars: dict[str, CalendarSpec]
    ) -> tuple[list[TaskSpec], dict[str, MspdiTaskInfo], dict[str, ProjectTaskResult]]:
        doc = self.doc
        tasks, infos, reference = [], {}, {}
        stack: list[tuple[int, str]] = []  # (outline level, task id) of open ancestors
        for uid, el in elements:
            task_id = str(uid)
            level = self._outline_level(el)
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1][1] if stack else None
            stack.append((level, task_id))
            fmt = parse_int(doc, el, "DurationFormat", 7)
            if fmt not in KNOWN_FORMATS:
                raise doc.error(f"task {uid} has an unknown DurationFormat code {fmt}", el)
            code = parse_int(doc, el, "ConstraintType", 0)
            if code not in CONSTRAINT_TYPES:
                raise doc.error(f"task {uid} has an unknown ConstraintType code {code}", el)
            constraint = CONSTRAINT_TYPES[code]
            constraint_date = None
            if constraint in DATED_CONSTRAINTS:
                constraint_date = parse_datetime(doc, el, "ConstraintDate")
                if constraint_date is None:
                    raise doc.error(
                        f"task {uid} has a {constraint} constraint without a <ConstraintDate>", el
                    )
            calendar_uid = parse_int(doc, el, "CalendarUID", -1)
            calendar_id = None
            if calendar_uid is not None and calendar_uid >= 0:
                calendar_id = str(calendar_uid)
                if calendar_id not in calendars:
                    raise doc.error(
                        f"task {uid} uses calendar {calendar_uid}, which the file does not contain",
                        el,
                    )
            baselines = self._baselines(el)
            base0 = next((b for b in baselines if b.number == 0), MspdiBaseline(0))
            percent = parse_float(doc, el, "PercentComplete")
            if not 0 <= percent <= 100:
                raise doc.error(f"task {uid} has a <PercentComplete> of {percent:g}", el)
            duration = parse_duration_minutes(doc, el, "Duration") or 0
            if duration < 0:
                raise doc.error(f"task {uid} has a negative <Duration>", el)
            tasks.append(
                TaskSpec(
                    id=task_id,
                    name=text(el, "Name") or "",
                    duration_minutes=duration,
                    elapsed=fmt in ELAPSED_FORMATS,
                    milestone=parse_bool(el, "Milestone"),
                    parent_id=parent,
                    calendar_id=calendar_id,
                    constraint=constraint,
                    constraint_date=constraint_date,
                    deadline=parse_datetime(doc, el, "Deadline"),
                    actual_start=parse_datetime(doc, el, "ActualStart"),
                    actual_finish=parse_datetime(doc, el, "ActualFinish"),
                    percent_complete=percent,
                    baseline_start=base0.start,
                    baseline_finish=base0.finish,
                    baseline_duration_minutes=base0.duration_minutes,
                )
            )
            manual = parse_bool(el, "Manual")
            infos[task_id] = MspdiTaskInfo(
                uid=uid,
                id=parse_int(doc, el, "ID"),
                wbs=text(el, "WBS"),
                outline_number=text(el, "OutlineNumber"),
                notes=text(el, "Notes"),
                manual=manual,
                baselines=baselines,
            )
            reference[task_id] = self._result(el, manual, percent)
        return tasks, infos, reference

    def _outline_level(self, el: ET.Element) -> int:
        level = parse_int(self.doc, el, "OutlineLevel")
        if level is None:
            number = text(el, "OutlineNumber")
            level = number.count(".") + 1 if number else 1
        return max(level, 1)

    def _baselines(self, el: ET.Element) -> tuple[MspdiBaseline, ...]:
        doc = self.doc
        return tuple(
            MspdiBaseline(
                number=parse_int(doc, b, "Number", 0) or 0,
                start=parse_datetime(doc, b, "Start"),
                finish=parse_datetime(doc, b, "Finish"),
                duration_minutes=parse_duration_minutes(doc, b, "Duration"),
            )
            for b in el.findall("Baseline")
        )

    def _result(self, el: ET.Element, manual: bool, percent: float) -> ProjectTaskResult:
        doc = self.doc
        total = parse_int(doc, el, "TotalSlack")
        free = parse_int(doc, el, "FreeSlack")
        return ProjectTaskResult(
            start=parse_datetime(doc, el, "Start"),
            finish=parse_datetime(doc, el, "Finish"),
            early_start=parse_datetime(doc, el, "EarlyStart"),
            early_finish=parse_datetime(doc, el, "EarlyFinish"),
            late_start=parse_datetime(doc, el, "LateStart"),
            late_finish=parse_datetime(doc, el, "LateFinish"),
            total_slack_minutes=None if total is None else total / 10,
            free_slack_minutes=None if free is None else free / 10,
            critical=parse_bool(el, "Critical"),
            manual=manual,
            summary=parse_bool(el, "Summary"),
            percent_complete=percent,
        )

    def _links(self, elements: list[tuple[int, ET.Element]], task_ids: set[str]) -> list[LinkSpec]:
        doc, links = self.doc, []
        for uid, el in elements:
            for link in el.findall("PredecessorLink"):
                if parse_bool(link, "CrossProject"):
                    self.warnings.append(f"Task {uid}: a link to another project was left out.")
                    continue
                pred = parse_int(doc, link, "PredecessorUID")
                if pred is None:
                    raise doc.error(f"a link of task {uid} has no <PredecessorUID>", link)
                if str(pred) not in task_ids:
                    raise doc.error(
                        f"task {uid} is linked to task {pred}, which the file does not contain",
                        link,
                    )
                type_code = parse_int(doc, link, "Type", 1)
                if type_code not in LINK_TYPES:
                    raise doc.error(
                        f"a link of task {uid} has an unknown Type code {type_code}", link
                    )
                lag_code = parse_int(doc, link, "LagFormat", 7)
                unit = lag_unit_for(lag_code) if lag_code is not None else None
                if unit is None:
                    raise doc.error(
                        f"a link of task {uid} has an unknown LagFormat {lag_code}", link
                    )
                # LinkLag is tenths of a minute (working or elapsed per LagFormat); for a
                # percent lag it is the percentage itself (as MPXJ reads Project's files).
                lag = parse_float(doc, link, "LinkLag")
                if unit is not LagUnit.PERCENT:
                    lag = check_minutes(doc, link, "LinkLag", lag / 10)
                elif abs(lag) > MAX_LAG_PERCENT:
                    raise doc.error(f"a link of task {uid} has a <LinkLag> of {lag:g} %", link)
                if pred == uid:
                    raise doc.error(f"task {uid} is linked to itself", link)
                links.append(LinkSpec(str(pred), str(uid), LINK_TYPES[type_code], lag, unit))
        return links
