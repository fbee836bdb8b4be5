"""Every number and date of a plan file is bounded at the reader, naming the element.

Each case once ended in a Python exception (OverflowError, RecursionError), in a row
PostgreSQL refused (DataError) or in a plan that imported and then could not be
scheduled. Now the reader refuses it with an :class:`ImportFormatError`, the same on
SQLite and PostgreSQL, or the plan imports and schedules.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.interchange import ImportFormatError, read_gan, read_mspdi
from app.services.plan_service import export_plan, import_plan
from app.services.release_schedule import schedule_release
from app.workspace import Workspace
from tests.app.interchange.mspdi_samples import project_xml, task_xml


def _link(body: str) -> str:
    return f"<PredecessorLink><PredecessorUID>1</PredecessorUID>{body}</PredecessorLink>"


MSPDI_REFUSED = [
    (task_xml(1, "<ConstraintType>1e999</ConstraintType>"), "<ConstraintType>"),
    (task_xml(1, "<ConstraintType>nan</ConstraintType>"), "<ConstraintType>"),
    (task_xml(1, "<CalendarUID>99999999999999999999</CalendarUID>"), "<CalendarUID>"),
    (task_xml(1, "<PercentComplete>1e999</PercentComplete>"), "<PercentComplete>"),
    (task_xml(1, "<PercentComplete>250</PercentComplete>"), "<PercentComplete>"),
    (task_xml(1, "<TotalSlack>-inf</TotalSlack>"), "<TotalSlack>"),
    (task_xml(1).replace("PT8H0M0S", "PT40000000H0M0S"), "<Duration>"),
    (task_xml(1).replace("PT8H0M0S", "PT" + "9" * 400 + "H"), "<Duration>"),
    (task_xml(1).replace("PT8H0M0S", "-PT8H0M0S"), "negative <Duration>"),
    (task_xml(1, "<Deadline>0001-01-01T08:00:00</Deadline>"), "<Deadline>"),
    (task_xml(1, "<ActualStart>9999-12-31T08:00:00</ActualStart>"), "<ActualStart>"),
    (task_xml(1, "<ConstraintType>4</ConstraintType>"
                 "<ConstraintDate>1899-12-31T08:00:00</ConstraintDate>"), "<ConstraintDate>"),
    (task_xml(1) + task_xml(2, _link("<LinkLag>1e999</LinkLag>")), "<LinkLag>"),
    (task_xml(1) + task_xml(2, _link("<LinkLag>400000000000</LinkLag>")), "<LinkLag>"),
    (task_xml(1) + task_xml(2, _link("<LinkLag>1e9</LinkLag><LagFormat>19</LagFormat>")),
     "<LinkLag>"),
]


@pytest.mark.parametrize(("tasks", "element"), MSPDI_REFUSED)
def test_mspdi_numbers_and_dates_out_of_bounds_are_refused(tasks: str, element: str) -> None:
    with pytest.raises(ImportFormatError, match=element) as info:
        read_mspdi(project_xml(tasks), name="plan.xml")
    assert info.value.line is not None


@pytest.mark.parametrize(
    ("replace", "element"),
    [
        (("2026-01-05T08:00:00", "0001-01-01T08:00:00"), "<StartDate>"),
        (("<MinutesPerDay>480", "<MinutesPerDay>1e999"), "<MinutesPerDay>"),
        (("<MinutesPerDay>480", "<MinutesPerDay>-5"), "<MinutesPerDay>"),
        (("<FromDate>2026-12-24T00:00:00", "<FromDate>1800-12-24T00:00:00"), "<FromDate>"),
        (("<DayType>1</DayType>", "<DayType>1e999</DayType>"), "<DayType>"),
    ],
)
def test_mspdi_project_and_calendar_bounds(replace: tuple[str, str], element: str) -> None:
    data = project_xml(task_xml(1)).replace(replace[0].encode(), replace[1].encode(), 1)
    with pytest.raises(ImportFormatError, match=element):
        read_mspdi(data, name="plan.xml")


def _gan(task_attrs: str = "", dates: str = "", inner: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<project name="Bounds"><calendars>{dates}</calendars><tasks>
<task id="1" name="A" start="2026-01-05" duration="2" complete="0" {task_attrs}>{inner}</task>
<task id="2" name="B" start="2026-01-07" duration="1" complete="0"/>
</tasks></project>""".encode()


GAN_REFUSED = [
    (_gan('thirdDate="0001-01-01" thirdDate-constraint="1"'), "thirdDate"),
    (_gan().replace(b'"2026-01-07"', b'"2201-01-07"'), "start"),
    (_gan().replace(b'duration="1"', b'duration="1e999"'), "duration"),
    (_gan().replace(b'duration="1"', b'duration="9999999"'), "duration"),
    (_gan().replace(b'complete="0"/>', b'complete="120"/>'), "complete"),
    (_gan(inner='<depend id="2" type="2" difference="1e999"/>'), "difference"),
    (_gan(inner='<depend id="2" type="2" difference="-99999999"/>'), "difference"),
    (_gan(dates='<date year="99999999999999999999" month="1" date="1"/>'), "year"),
    (_gan(dates='<date year="0001" month="1" date="1"/>'), "holiday"),
    (_gan(dates='<date year="" month="1e999" date="1"/>'), "month"),
]


@pytest.mark.parametrize(("data", "element"), GAN_REFUSED)
def test_gan_numbers_and_dates_out_of_bounds_are_refused(data: bytes, element: str) -> None:
    with pytest.raises(ImportFormatError, match=element):
        read_gan(data, name="plan.gan")


def test_dates_at_the_bounds_are_read() -> None:
    tasks = task_xml(1, "<Deadline>2200-12-31T17:00:00</Deadline>")
    data = project_xml(tasks).replace(b"2026-01-05T08:00", b"1900-01-01T08:00")
    doc = read_mspdi(data, name="edges.xml")
    assert doc.plan.project_start == dt.datetime(1900, 1, 1, 8)
    assert doc.plan.tasks[0].deadline == dt.datetime(2200, 12, 31, 17)


def test_thousands_of_chained_base_calendars_are_read_without_recursion() -> None:
    chain = "".join(
        f"<Calendar><UID>{uid}</UID><Name>C{uid}</Name><BaseCalendarUID>{uid + 1}"
        "</BaseCalendarUID></Calendar>"
        for uid in range(3, 3000)
    )
    chain += "<Calendar><UID>3000</UID><Name>Root</Name></Calendar>"
    doc = read_mspdi(project_xml(task_xml(1), calendars=chain), name="chain.xml")
    assert len(doc.plan.calendars) == 3000
    assert doc.plan.calendars["3"].week == doc.plan.calendars["3000"].week


def test_a_task_linked_to_itself_is_refused_by_both_readers() -> None:
    own = "<PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink>"
    with pytest.raises(ImportFormatError, match="task 1 is linked to itself"):
        read_mspdi(project_xml(task_xml(1, own)), name="plan.xml")
    with pytest.raises(ImportFormatError, match="task 1 is linked to itself"):
        read_gan(_gan(inner='<depend id="1" type="2"/>'), name="plan.gan")


def _deep_gan(depth: int) -> bytes:
    opening = "".join(
        f'<task id="{i}" name="T{i}" start="2026-01-05" duration="1" complete="0">'
        for i in range(depth)
    )
    return f'<project name="Deep"><tasks>{opening}{"</task>" * depth}</tasks></project>'.encode()


def test_thousands_of_nested_gan_tasks_are_read_without_recursion() -> None:
    depth = 1200
    doc = read_gan(_deep_gan(depth), name="deep.gan")
    assert len(doc.plan.tasks) == depth
    assert doc.plan.tasks[-1].parent_id == str(depth - 2)
    assert [t.id for t in doc.plan.tasks[:3]] == ["0", "1", "2"]  # outline order kept


def test_gan_siblings_keep_their_outline_order() -> None:
    data = _gan(inner='<task id="3" name="C" start="2026-01-05" duration="1"/>'
                      '<task id="4" name="D" start="2026-01-05" duration="1"/>')
    doc = read_gan(data, name="plan.gan")
    assert [(t.id, t.parent_id) for t in doc.plan.tasks] == [
        ("1", None), ("3", "1"), ("4", "1"), ("2", None)
    ]


def test_the_widest_bounds_import_and_schedule_on_both_databases(workspace: Workspace) -> None:
    """Decades of work fit both databases and the engine; a plan may start on 29 February
    (the calendar horizon once failed on it: 2029-02-29 does not exist)."""
    tasks = task_xml(1).replace("PT8H0M0S", "PT100000H0M0S") + task_xml(2)
    data = project_xml(tasks).replace(b"2026-01-05T08:00", b"2024-02-29T08:00")
    result = import_plan(workspace, read_mspdi(data, name="wide.xml"), release_name="Wide")
    assert result.tasks == 2
    scheduled = schedule_release(workspace, "Wide")
    assert scheduled.start == dt.datetime(2024, 2, 29, 8)


def test_a_plan_1200_levels_deep_imports_schedules_and_exports(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    """The MSPDI writer walked the outline recursively too (RecursionError on export)."""
    doc = read_gan(_deep_gan(1200), name="deep.gan")
    import_plan(sqlite_workspace, doc, release_name="Deep")
    assert len(schedule_release(sqlite_workspace, "Deep").tasks) == 1200
    assert export_plan(sqlite_workspace, "Deep", tmp_path / "deep.xml") == 1200
    again = read_mspdi(tmp_path / "deep.xml")
    assert again.plan.tasks[-1].parent_id == again.plan.tasks[-2].id


@pytest.mark.parametrize("reader", [read_mspdi, read_gan])
def test_an_unknown_text_encoding_is_refused_by_both_readers(reader) -> None:
    data = b'<?xml version="1.0" encoding="abc"?><Project/>'
    with pytest.raises(ImportFormatError, match="encoding cannot be read"):
        reader(data, name="plan")
