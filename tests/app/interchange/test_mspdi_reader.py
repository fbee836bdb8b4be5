"""read_mspdi against files saved by Microsoft Project itself, and small hand-made ones."""

from __future__ import annotations

import datetime as dt

import pytest

from app.interchange import read_mspdi
from app.scheduling.plan import STANDARD_DAY, ConstraintType, LagUnit, LinkSpec, LinkType
from tests.interop_files import mspdi_file

D = dt.datetime


def _tasks(doc):
    return {t.id: t for t in doc.plan.tasks}


def test_mspdirelations_counts_links_and_slack():
    doc = read_mspdi(mspdi_file("mspdirelations.xml"))
    assert len(doc.plan.tasks) == 5  # UID 0, the project summary, is not a task
    assert [t.name for t in doc.plan.tasks] == [f"Task {i}" for i in range(1, 6)]
    assert all(t.duration_minutes == 480 for t in doc.plan.tasks)
    assert list(doc.plan.links) == [
        LinkSpec("1", "2", LinkType.FS, 0.0),
        LinkSpec("2", "3", LinkType.SS, 480.0),  # LinkLag 4800 tenths = one 8 h day
        LinkSpec("3", "4", LinkType.FF, 0.0),
        LinkSpec("4", "5", LinkType.SF, 0.0),
    ]
    assert doc.plan.project_start == D(2006, 9, 21, 8)
    assert doc.plan.minutes_per_day == 480 and doc.plan.minutes_per_week == 2400
    ref = doc.reference["5"]
    assert ref.total_slack_minutes == 480.0
    assert not ref.critical and not ref.manual and not ref.summary
    assert doc.reference["1"].early_start == D(2006, 9, 21, 8)
    assert doc.reference["1"].critical


def test_task_links_lag_formats_and_constraints():
    doc = read_mspdi(mspdi_file("task-links-project2010-mspdi.xml"))
    tasks = _tasks(doc)
    assert len(tasks) == 16 and len(doc.plan.links) == 8
    by_successor = {link.successor_id: link for link in doc.plan.links}
    assert by_successor["8"] == LinkSpec("7", "8", LinkType.FS, 2400.0, LagUnit.WORKING)  # 1 week
    assert by_successor["10"].lag == 4800.0  # 2 weeks, LagFormat 9
    assert by_successor["12"].type is LinkType.SF and by_successor["12"].lag == 960.0
    assert by_successor["14"].type is LinkType.SS
    assert by_successor["16"].type is LinkType.FF
    assert tasks["2"].constraint is ConstraintType.SNET
    assert tasks["2"].constraint_date == D(2014, 10, 20, 8)
    assert doc.reference["9"].critical and doc.reference["9"].total_slack_minutes == 0
    assert doc.reference["1"].total_slack_minutes == 4800.0


def test_sample_outline_milestones_negative_lag_and_calendars():
    doc = read_mspdi(mspdi_file("sample.xml"))
    tasks = _tasks(doc)
    assert len(tasks) == 19 and len(doc.plan.links) == 6
    assert doc.name == "sample"
    # outline order follows the file (by ID), not by UID
    assert [t.id for t in doc.plan.tasks][:7] == ["1", "2", "3", "6", "7", "8", "19"]
    assert tasks["2"].parent_id == "1" and tasks["1"].parent_id is None
    assert tasks["9"].parent_id == "19"
    assert tasks["2"].duration_minutes == 800 * 60
    assert tasks["3"].milestone and tasks["3"].duration_minutes == 0
    assert tasks["21"].constraint is ConstraintType.SNET
    links = {link.successor_id: link for link in doc.plan.links}
    assert links["14"].lag == -480.0
    assert links["21"].type is LinkType.SF
    assert doc.reference["1"].summary
    night = doc.plan.calendars["2"]
    assert night.name == "Night Shift"
    assert night.week[6] == ()  # Sunday off
    assert night.week[1][0].start == dt.time(0, 0)
    # a resource calendar inherits its base calendar's week
    assert doc.plan.calendars["4"].week == night.week
    assert doc.plan.default_calendar_id == "1"


def test_calendars_file():
    doc = read_mspdi(mspdi_file("calendar-calendars-project2010-mspdi.xml"))
    cals = doc.plan.calendars
    assert sorted(cals) == ["1", "3", "4", "5", "6"]
    assert [cals[k].name for k in ("1", "3", "4", "5", "6")] == [
        "Standard",
        "Calendar1",
        "Calendar2",
        "Resource One",
        "Resource Two",
    ]
    standard = cals["1"]
    assert standard.week == (STANDARD_DAY,) * 5 + ((), ())
    assert cals["5"].week == standard.week  # derived: no WeekDays of its own
    assert doc.plan.tasks == ()


def test_baselines_file():
    doc = read_mspdi(mspdi_file("baselines.xml"))
    assert doc.name == "project1"  # the <Title>, not the file name in <Name>
    assert doc.plan.minutes_per_day == 450
    task = doc.plan.tasks[0]
    assert task.name == "Task One" and task.duration_minutes == 450
    # the file has baselines 1..10 but no plain "Baseline" (Number 0)
    assert task.baseline_start is None
    baselines = {b.number: b for b in doc.tasks["1"].baselines}
    assert sorted(baselines) == list(range(1, 11))
    assert baselines[1].start == D(2001, 1, 1, 9)
    assert baselines[1].duration_minutes == 450
    assert baselines[10].duration_minutes == 75 * 60
    assert doc.tasks["1"].wbs == "1"


@pytest.mark.parametrize("name", ["mspdirelations.xml", "sample.xml", "baselines.xml"])
def test_reads_bytes_and_stream(name):
    path = mspdi_file(name)
    with path.open("rb") as stream:
        assert read_mspdi(stream).plan == read_mspdi(path.read_bytes()).plan
