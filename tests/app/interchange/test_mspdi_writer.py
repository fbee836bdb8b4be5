"""write_mspdi: round trips through read_mspdi, schedule dates, ids, holidays."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import defusedxml.ElementTree as SafeET
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.interchange import mspdi_uids, read_mspdi, write_mspdi
from app.scheduling.plan import (
    STANDARD_DAY,
    CalendarException,
    CalendarSpec,
    ConstraintType,
    LagUnit,
    LinkSpec,
    LinkType,
    PlanSpec,
    TaskSpec,
    WorkingTime,
)
from tests.interop_files import mspdi_file

D = dt.datetime
NS = "{http://schemas.microsoft.com/project}"


@pytest.mark.parametrize(
    "name",
    [
        "mspdirelations.xml",
        "task-links-project2010-mspdi.xml",
        "sample.xml",
        "baselines.xml",
        "calendar-calendars-project2010-mspdi.xml",
    ],
)
def test_real_file_round_trip(name):
    doc = read_mspdi(mspdi_file(name))
    again = read_mspdi(write_mspdi(doc.plan, doc.name))
    assert again.plan == doc.plan
    assert again.name == doc.name


def _plan() -> PlanSpec:
    cal = CalendarSpec(
        "7",
        "Ops",
        week=(STANDARD_DAY,) * 4 + ((WorkingTime(dt.time(22), dt.time(0)),), (), ()),
        exceptions=(CalendarException(dt.date(2026, 1, 6), dt.date(2026, 1, 6), (), "Epiphany"),),
    )
    return PlanSpec(
        tasks=(
            TaskSpec("1", "Release 4.2"),
            TaskSpec("2", "Build", 960, parent_id="1", baseline_start=D(2026, 1, 5, 8)),
            TaskSpec("3", "Deploy", 120, parent_id="1", calendar_id="7", is_deployment=False),
            TaskSpec(
                "4",
                "Go-live",
                milestone=True,
                constraint=ConstraintType.MSO,
                constraint_date=D(2026, 1, 9, 22),
            ),
        ),
        links=(
            LinkSpec("2", "3", LinkType.FS, 30.0, LagUnit.ELAPSED),
            LinkSpec("3", "4", LinkType.FF, 50.0, LagUnit.PERCENT),
        ),
        calendars={"1": CalendarSpec("1"), "7": cal},
        default_calendar_id="1",
        deadline=D(2026, 1, 30, 17),
        status_date=D(2026, 1, 5, 12),
    )


def test_written_file_has_project_structure():
    root = SafeET.fromstring(write_mspdi(_plan(), "Release 4.2"))
    assert root.tag == f"{NS}Project"
    children = [child.tag.removeprefix(NS) for child in root]
    for required in ("Name", "ScheduleFromStart", "StartDate", "MinutesPerDay", "CalendarUID"):
        assert required in children
    # schema order: header fields, then Calendars, then Tasks
    assert children.index("StatusDate") < children.index("CurrentDate")
    assert children[-2:] == ["Calendars", "Tasks"]
    tasks = root.findall(f"{NS}Tasks/{NS}Task")
    assert [t.findtext(f"{NS}UID") for t in tasks] == ["0", "1", "2", "3", "4"]
    assert tasks[1].findtext(f"{NS}Summary") == "1"
    assert tasks[3].findtext(f"{NS}OutlineNumber") == "1.2"
    link = tasks[3].find(f"{NS}PredecessorLink")
    assert link.findtext(f"{NS}LinkLag") == "300"  # tenths of a minute
    assert link.findtext(f"{NS}LagFormat") == "4"  # elapsed minutes
    percent = tasks[4].find(f"{NS}PredecessorLink")
    assert (percent.findtext(f"{NS}LinkLag"), percent.findtext(f"{NS}LagFormat")) == ("50", "19")
    # without a schedule: start at the project start, finish after the duration
    assert tasks[2].findtext(f"{NS}Start") == "2026-01-05T08:00:00"
    assert tasks[2].findtext(f"{NS}Finish") == "2026-01-06T17:00:00"


def test_round_trip_of_hand_made_plan_and_destinations(tmp_path):
    plan = _plan()
    path = tmp_path / "plan.xml"
    data = write_mspdi(plan, "Release 4.2", path)
    stream = io.BytesIO()
    write_mspdi(plan, "Release 4.2", stream)
    assert path.read_bytes() == data == stream.getvalue()
    assert read_mspdi(path).plan == plan


def test_schedule_dates_are_written():
    plan = _plan()
    dates = {
        t.id: SimpleNamespace(early_start=D(2026, 2, 2, 8), early_finish=D(2026, 2, 3, 17))
        for t in plan.tasks
    }
    doc = read_mspdi(write_mspdi(plan, "x", schedule=SimpleNamespace(tasks=dates)))
    assert {r.start for r in doc.reference.values()} == {D(2026, 2, 2, 8)}
    assert doc.project_finish == D(2026, 2, 3, 17)


def test_text_ids_are_numbered():
    plan = PlanSpec(
        tasks=(TaskSpec("build", "Build", 60), TaskSpec("7", "Test", 60)),
        links=(LinkSpec("build", "7"),),
    )
    uids = mspdi_uids(t.id for t in plan.tasks)
    assert uids == {"build": 1, "7": 7}
    doc = read_mspdi(write_mspdi(plan, "x"))
    assert [t.id for t in doc.plan.tasks] == ["1", "7"]
    assert doc.plan.links == (LinkSpec("1", "7"),)
    assert doc.plan.default_calendar_id == "1"  # "standard" became calendar UID 1


def test_holiday_country_is_written_as_exceptions():
    plan = PlanSpec(
        tasks=(), calendars={"1": CalendarSpec("1", holiday_country="DE")}, default_calendar_id="1"
    )
    cal = read_mspdi(write_mspdi(plan, "x")).plan.calendars["1"]
    new_year = [e for e in cal.exceptions if e.start == dt.date(2026, 1, 1)]
    assert len(new_year) == 1 and new_year[0].working_times == ()


# --- property: any plan our engine accepts survives the trip ------------------------

_minutes = st.datetimes(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)
_times = st.sampled_from([(8, 12), (13, 17), (22, 0), (6, 14), (0, 8)])


@st.composite
def plans(draw):
    cal_ids = draw(st.lists(st.integers(1, 50).map(str), min_size=1, max_size=3, unique=True))
    calendars = {}
    for cal_id in cal_ids:
        week = tuple(
            tuple(
                WorkingTime(dt.time(a), dt.time(b)) for a, b in draw(st.lists(_times, max_size=1))
            )
            for _ in range(7)
        )
        first = draw(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 1)))
        exceptions = tuple(
            CalendarException(
                first + dt.timedelta(days=10 * i),
                first + dt.timedelta(days=10 * i + draw(st.integers(0, 3))),
                draw(st.sampled_from([(), STANDARD_DAY])),
                draw(st.text("abc XYZ", max_size=8)).strip(),
            )
            for i in range(draw(st.integers(0, 3)))
        )
        calendars[cal_id] = CalendarSpec(
            cal_id,
            draw(st.text("Opsabc ", min_size=1, max_size=10)).strip() or "C",
            week,
            exceptions,
        )
    n = draw(st.integers(0, 12))
    ids = draw(st.lists(st.integers(1, 10_000).map(str), min_size=n, max_size=n, unique=True))
    tasks, open_parents = [], []
    for task_id in ids:
        # depth-first outline order: a parent is one of the still open ancestors
        depth = draw(st.integers(0, len(open_parents)))
        open_parents = open_parents[:depth]
        constraint = draw(st.sampled_from(list(ConstraintType)))
        dated = constraint not in (ConstraintType.ASAP, ConstraintType.ALAP)
        tasks.append(
            TaskSpec(
                id=task_id,
                name=draw(st.text("Deploy db-42 ßé", max_size=12)).strip(),
                duration_minutes=draw(st.integers(0, 20_000)),
                elapsed=draw(st.booleans()),
                milestone=draw(st.booleans()),
                parent_id=open_parents[-1] if open_parents else None,
                calendar_id=draw(st.none() | st.sampled_from(cal_ids)),
                constraint=constraint,
                constraint_date=draw(_minutes) if dated else None,
                deadline=draw(st.none() | _minutes),
                actual_start=draw(st.none() | _minutes),
                actual_finish=draw(st.none() | _minutes),
                percent_complete=float(draw(st.integers(0, 100))),
                baseline_start=draw(st.none() | _minutes),
                baseline_finish=draw(st.none() | _minutes),
                baseline_duration_minutes=draw(st.none() | st.integers(0, 5000)),
            )
        )
        open_parents.append(task_id)
    links = []
    for succ in ids:  # grouped by successor in task order, as MSPDI stores them
        for pred in draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)) if ids else []:
            if pred != succ:
                unit = draw(st.sampled_from(list(LagUnit)))
                links.append(
                    LinkSpec(
                        pred,
                        succ,
                        draw(st.sampled_from(list(LinkType))),
                        float(draw(st.integers(-5000, 5000))),
                        unit,
                    )
                )
    return PlanSpec(
        tasks=tuple(tasks),
        links=tuple(links),
        project_start=draw(_minutes),
        calendars=calendars,
        default_calendar_id=cal_ids[0],
        deadline=draw(st.none() | _minutes),
        status_date=draw(st.none() | _minutes),
        minutes_per_day=draw(st.sampled_from([480, 450, 420])),
        minutes_per_week=draw(st.sampled_from([2400, 2250])),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.text("Release 4.2-ü", min_size=1, max_size=20).map(str.strip).filter(bool))
def test_generated_plan_round_trip(plan, name):
    doc = read_mspdi(write_mspdi(plan, name))
    assert doc.plan == plan
    assert doc.name == name
