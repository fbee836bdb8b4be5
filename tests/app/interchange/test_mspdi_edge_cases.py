"""read_mspdi on hand-made files: units, calendars, exceptions, and refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from app.interchange import ImportFormatError, read_mspdi
from app.scheduling.plan import (
    STANDARD_DAY,
    CalendarException,
    ConstraintType,
    LagUnit,
    LinkType,
    WorkingTime,
)
from tests.app.interchange.mspdi_samples import link_xml, project_xml, task_xml

D = dt.datetime
T = dt.time


def test_units_constraints_actuals_baseline():
    tasks = "".join(
        [
            task_xml(1, "<Summary>1</Summary>"),
            task_xml(
                2,
                "<ConstraintType>3</ConstraintType><CalendarUID>2</CalendarUID>"
                "<ConstraintDate>2026-01-09T17:00:00</ConstraintDate>"
                "<Deadline>2026-01-12T17:00:00</Deadline><PercentComplete>40</PercentComplete>"
                "<ActualStart>2026-01-05T08:00:00</ActualStart><Manual>1</Manual>"
                "<Baseline><Number>0</Number><Start>2026-01-05T08:00:00</Start>"
                "<Finish>2026-01-05T17:00:00</Finish><Duration>PT8H0M0S</Duration></Baseline>",
                level=2,
            ),
            task_xml(3, link_xml(2, 3, 14400, 8), level=2).replace(
                "<DurationFormat>7", "<DurationFormat>8"
            ),
            task_xml(4, link_xml(3, 0, 50, 19) + link_xml(2, 2, 600, 5)),
        ]
    )
    doc = read_mspdi(project_xml(tasks, extra="<StatusDate>2026-01-06T17:00:00</StatusDate>"))
    t = {task.id: task for task in doc.plan.tasks}
    assert doc.name == "Edge cases"
    assert doc.plan.deadline == D(2026, 6, 30, 17)  # from the project summary task
    assert doc.plan.status_date == D(2026, 1, 6, 17)
    assert t["2"].parent_id == "1" and t["3"].parent_id == "1" and t["4"].parent_id is None
    assert t["2"].constraint is ConstraintType.MFO
    assert t["2"].constraint_date == D(2026, 1, 9, 17)
    assert t["2"].calendar_id == "2" and t["2"].deadline == D(2026, 1, 12, 17)
    assert t["2"].percent_complete == 40 and t["2"].actual_start == D(2026, 1, 5, 8)
    assert (t["2"].baseline_start, t["2"].baseline_finish, t["2"].baseline_duration_minutes) == (
        D(2026, 1, 5, 8),
        D(2026, 1, 5, 17),
        480,
    )
    assert doc.reference["2"].manual and doc.tasks["2"].manual
    assert t["3"].elapsed and not t["2"].elapsed
    links = {(link.predecessor_id, link.successor_id): link for link in doc.plan.links}
    assert links["2", "3"].type is LinkType.SS
    assert (links["2", "3"].lag, links["2", "3"].lag_unit) == (1440.0, LagUnit.ELAPSED)
    assert (links["3", "4"].lag, links["3", "4"].lag_unit) == (50.0, LagUnit.PERCENT)
    assert links["3", "4"].type is LinkType.FF
    assert (links["2", "4"].lag, links["2", "4"].lag_unit) == (60.0, LagUnit.WORKING)


def test_calendar_week_exceptions_and_inheritance():
    cals = read_mspdi(project_xml()).plan.calendars
    standard, ops = cals["1"], cals["2"]
    assert standard.week[0] == STANDARD_DAY  # working day without hours: default hours
    assert standard.week[4] == (WorkingTime(T(8), T(12)),)
    assert standard.week[5] == standard.week[6] == ()
    # the 2003 and 2007 styles describe Christmas twice: kept once, with its name
    assert standard.exceptions == (
        CalendarException(
            dt.date(2026, 3, 7),
            dt.date(2026, 3, 7),
            (WorkingTime(T(9), T(13)),),
            "Release Saturday",
        ),
        CalendarException(dt.date(2026, 12, 24), dt.date(2026, 12, 26), (), "Christmas"),
    )
    assert ops.week[:5] == standard.week[:5]
    assert ops.week[5] == (WorkingTime(T(22), T(0)),)  # Saturday night shift
    # own exception on the 25th splits the inherited Christmas range
    assert [(e.start.day, e.finish.day, e.working_times) for e in ops.exceptions[1:]] == [
        (24, 24, ()),
        (25, 25, (WorkingTime(T(10), T(12)),)),
        (26, 26, ()),
    ]


def test_namespace_is_optional():
    data = project_xml(task_xml(1)).replace(b' xmlns="http://schemas.microsoft.com/project"', b"")
    assert [t.id for t in read_mspdi(data).plan.tasks] == ["1"]


GOOD = project_xml(task_xml(1) + task_xml(2, link_xml(1)))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (GOOD[: len(GOOD) // 2], "damaged or cut off"),
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"Release notes for 4.2\nNothing to see.\n", "not a Microsoft Project XML"),
        (b"<project><tasks/></project>", "starts with <project> instead of <Project>"),
        (project_xml("<Task><Name>no uid</Name></Task>"), "has no <UID>"),
        (project_xml(task_xml(2, link_xml(7))), "linked to task 7, which the file does not"),
        (project_xml(task_xml(1) + task_xml(1)), "same UID 1"),
        (project_xml(task_xml(1, link_xml(1, type_code=9))), "unknown Type code 9"),
        (project_xml(task_xml(1, "<ConstraintType>12</ConstraintType>")), "ConstraintType code"),
        (project_xml(task_xml(1, link_xml(1, fmt=99))), "unknown LagFormat 99"),
        (project_xml(task_xml(1, "<ConstraintType>4</ConstraintType>")), "without a <Constr"),
        (project_xml(task_xml(1, "<Deadline>2026-02-30T08:00:00</Deadline>")), "impossible date"),
        (project_xml(task_xml(1, "<CalendarUID>42</CalendarUID>")), "uses calendar 42"),
        (project_xml(task_xml(1).replace("PT8H0M0S", "eight hours")), "cannot be understood"),
    ],
)
def test_malformed_files_are_refused_clearly(data, expected):
    with pytest.raises(ImportFormatError) as info:
        read_mspdi(data, name="plan.xml")
    message = str(info.value)
    assert message.startswith("Cannot import plan.xml")
    assert expected in message


def test_error_reports_the_line():
    with pytest.raises(ImportFormatError) as info:
        read_mspdi(project_xml(task_xml(2, link_xml(7))), name="plan.xml")
    assert info.value.line is not None and info.value.line > 50
    assert f"line {info.value.line}" in str(info.value)


def test_missing_file_is_an_import_error(tmp_path):
    with pytest.raises(ImportFormatError, match="cannot be opened"):
        read_mspdi(tmp_path / "gone.xml")
