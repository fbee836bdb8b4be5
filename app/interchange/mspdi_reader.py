"""Read Microsoft Project XML (MSPDI) files into a :class:`PlanSpec`.

Project saves its own computed schedule with every task; :func:`read_mspdi` keeps it
in :attr:`MspdiDocument.reference` so our engine can be checked against it.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from app.gc_pause import gc_paused
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
    text,
)
from app.interchange._xml_stream import stream_xml
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
    Tasks are read as the parser meets them and then dropped from the tree, so a large
    file never stands in memory as a whole tree.
    """
    data, file_name = load_source(source, name or "project.xml")
    reader = _Reader()
    # Millions of elements come and go, hundreds of thousands of task records stay, none
    # in a cycle: the cyclic collector would rescan them all again and again (measured
    # on 100,000 tasks: 27 s of CPU with it, 7 s without).
    with gc_paused():
        doc = stream_xml(data, file_name, "Project", _WHAT, "Task", reader.task)
        return reader.read(doc)


class _Reader:
    """Reads each task as it streams by, then the rest once the whole file is parsed.

    What needs the whole file (does a link's predecessor exist, does a task's calendar)
    is checked at the end, by the element's path, so the message still names its line.
    """

    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.seen: set[int] = set()
        self.summary_deadline: dt.datetime | None = None
        self.summary_name: str | None = None
        self.stack: list[tuple[int, str]] = []  # (outline level, task id) of open ancestors
        self.tasks: list[TaskSpec] = []
        self.infos: dict[str, MspdiTaskInfo] = {}
        self.reference: dict[str, ProjectTaskResult] = {}
        self.calendar_uses: list[tuple[str, int, int]] = []  # calendar id, task UID, n
        self.links: list[tuple[LinkSpec, int, int]] = []  # link, n of task, n of link

    def task(self, doc: XmlDoc, el: ET.Element, n: int) -> None:
        """One <Task> element, complete; ``n`` counts them in the file."""
        self.doc = doc
        uid = parse_int(doc, el, "UID")
        if uid is None:
            raise doc.error("a task has no <UID> (unique id)", el)
        if uid in self.seen:
            raise doc.error(f"two tasks have the same UID {uid}", el)
        self.seen.add(uid)
        if uid == 0:  # the project summary task
            self.summary_deadline = parse_datetime(doc, el, "Deadline")
            self.summary_name = text(el, "Name")
        elif not parse_bool(el, "IsNull"):  # IsNull = a blank row in Project
            self._task(uid, el, n)
            self._links(uid, el, n)

    def read(self, doc: XmlDoc) -> MspdiDocument:
        """The document, once every task was read (``doc.root`` is the whole file)."""
        self.doc, root = doc, doc.root
        calendars = read_calendars(doc, self.warnings)
        default_calendar = self._default_calendar(calendars)
        if not calendars:
            calendars = {default_calendar: CalendarSpec(default_calendar)}
        for calendar_id, uid, n in self.calendar_uses:
            if calendar_id not in calendars:
                raise doc.error_at(
                    f"task {uid} uses calendar {calendar_id}, which the file does not contain",
                    (("//Task", n),),
                )
        task_ids = {t.id for t in self.tasks}
        for link, n, k in self.links:
            if link.predecessor_id not in task_ids:
                raise doc.error_at(
                    f"task {link.successor_id} is linked to task {link.predecessor_id}, "
                    "which the file does not contain",
                    (("//Task", n), ("PredecessorLink", k)),
                )
        start = parse_datetime(doc, root, "StartDate")
        if start is None:
            starts = [r.start for r in self.reference.values() if r.start is not None]
            if not starts:
                raise doc.error("the project has no <StartDate>", root)
            start = min(starts)
        plan = PlanSpec(
            tasks=tuple(self.tasks),
            links=tuple(link for link, _, _ in self.links),
            project_start=start,
            calendars=calendars,
            default_calendar_id=default_calendar,
            deadline=self.summary_deadline,
            status_date=parse_datetime(doc, root, "StatusDate"),
            minutes_per_day=self._minutes(root, "MinutesPerDay", 480, 24 * 60),
            minutes_per_week=self._minutes(root, "MinutesPerWeek", 2400, 7 * 24 * 60),
        )
        title = text(root, "Title") or self.summary_name
        return MspdiDocument(
            name=title or text(root, "Name") or Path(doc.file_name).stem,
            plan=plan,
            reference=self.reference,
            tasks=self.infos,
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

    def _task(self, uid: int, el: ET.Element, n: int) -> None:
        doc, stack = self.doc, self.stack
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
            self.calendar_uses.append((calendar_id, uid, n))
        baselines = self._baselines(el)
        base0 = next((b for b in baselines if b.number == 0), MspdiBaseline(0))
        percent = parse_float(doc, el, "PercentComplete")
        if not 0 <= percent <= 100:
            raise doc.error(f"task {uid} has a <PercentComplete> of {percent:g}", el)
        duration = parse_duration_minutes(doc, el, "Duration") or 0
        if duration < 0:
            raise doc.error(f"task {uid} has a negative <Duration>", el)
        self.tasks.append(
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
        self.infos[task_id] = MspdiTaskInfo(
            uid=uid,
            id=parse_int(doc, el, "ID"),
            wbs=text(el, "WBS"),
            outline_number=text(el, "OutlineNumber"),
            notes=text(el, "Notes"),
            manual=manual,
            baselines=baselines,
        )
        self.reference[task_id] = self._result(el, manual, percent)

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

    def _links(self, uid: int, el: ET.Element, n: int) -> None:
        doc = self.doc
        for k, link in enumerate(el.findall("PredecessorLink")):
            if parse_bool(link, "CrossProject"):
                self.warnings.append(f"Task {uid}: a link to another project was left out.")
                continue
            pred = parse_int(doc, link, "PredecessorUID")
            if pred is None:
                raise doc.error(f"a link of task {uid} has no <PredecessorUID>", link)
            type_code = parse_int(doc, link, "Type", 1)
            if type_code not in LINK_TYPES:
                raise doc.error(f"a link of task {uid} has an unknown Type code {type_code}", link)
            lag_code = parse_int(doc, link, "LagFormat", 7)
            unit = lag_unit_for(lag_code) if lag_code is not None else None
            if unit is None:
                raise doc.error(f"a link of task {uid} has an unknown LagFormat {lag_code}", link)
            # LinkLag is tenths of a minute (working or elapsed per LagFormat); for a
            # percent lag it is the percentage itself (as MPXJ reads Project's files).
            lag = parse_float(doc, link, "LinkLag")
            if unit is not LagUnit.PERCENT:
                lag = check_minutes(doc, link, "LinkLag", lag / 10)
            elif abs(lag) > MAX_LAG_PERCENT:
                raise doc.error(f"a link of task {uid} has a <LinkLag> of {lag:g} %", link)
            if pred == uid:
                raise doc.error(f"task {uid} is linked to itself", link)
            # whether the predecessor exists is known once every task was read
            self.links.append(
                (LinkSpec(str(pred), str(uid), LINK_TYPES[type_code], lag, unit), n, k)
            )
