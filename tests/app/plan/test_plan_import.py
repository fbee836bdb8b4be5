"""import_plan and load_plan against the real Microsoft Project and GanttProject files."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import sqlalchemy as sa

from app.errors import ValidationError
from app.interchange import read_gan, read_mspdi, write_mspdi
from app.scheduling import schedule
from app.scheduling.plan import STANDARD_DAY, CalendarSpec, PlanSpec, TaskSpec, WorkingTime
from app.services.plan_loader import load_plan
from app.services.plan_service import export_plan, import_plan
from app.services.release_service import create_release
from app.workspace import Workspace
from models import AuditLog, Calendar, CalendarException, Release, Task, TaskLink
from tests.interop_files import gan_file, mspdi_file

MSPDI_FILES = (
    "mspdirelations.xml",
    "task-links-project2010-mspdi.xml",
    "sample.xml",
    "baselines.xml",
    "calendar-calendars-project2010-mspdi.xml",
)


def _document(name: str):
    return read_gan(gan_file(name)) if name.endswith(".gan") else read_mspdi(mspdi_file(name))


def _counts(ws: Workspace) -> dict[str, int]:
    with ws.engine.connect() as conn:
        return {
            m.__tablename__: conn.scalar(sa.select(sa.func.count()).select_from(m))
            for m in (Release, Task, TaskLink, Calendar, CalendarException, AuditLog)
        }


def _shape(plan: PlanSpec) -> list[tuple]:
    """A plan without its ids: tasks by position, parents and links as positions."""
    index = {t.id: i for i, t in enumerate(plan.tasks)}
    tasks = [
        (
            t.name.strip(), t.duration_minutes, t.elapsed, t.milestone,
            None if t.parent_id is None else index[t.parent_id],
            t.constraint, t.constraint_date, t.deadline, t.actual_start, t.actual_finish,
            t.percent_complete, t.baseline_start, t.baseline_finish, t.baseline_duration_minutes,
        )
        for t in plan.tasks
    ]
    links = sorted(
        (index[x.predecessor_id], index[x.successor_id], x.type, x.lag, x.lag_unit)
        for x in plan.links
    )
    return [tasks, links]


@pytest.mark.parametrize("name", [*MSPDI_FILES, "HouseBuildingSample.gan"])
def test_import_counts_and_refuses_a_second_import(workspace: Workspace, name: str) -> None:
    doc = _document(name)
    result = import_plan(workspace, doc)
    assert result.created_release
    assert result.release_name == doc.name
    assert (result.tasks, result.links) == (len(doc.plan.tasks), len(doc.plan.links))
    before = _counts(workspace)
    assert before["task"] == len(doc.plan.tasks) and before["task_link"] == len(doc.plan.links)
    if doc.plan.tasks:
        with pytest.raises(ValidationError, match=r"already has a plan of \d+ tasks"):
            import_plan(workspace, doc)
        assert _counts(workspace) == before  # nothing written, not even audit rows


@pytest.mark.parametrize("name", [*MSPDI_FILES, "HouseBuildingSample.gan"])
def test_load_plan_round_trip(workspace: Workspace, name: str) -> None:
    doc = _document(name)
    result = import_plan(workspace, doc)
    loaded = load_plan(workspace, [result.release_id])
    assert _shape(loaded.plan) == _shape(doc.plan)
    assert loaded.plan.project_start == doc.plan.project_start
    assert loaded.plan.deadline == doc.plan.deadline
    assert loaded.release_names[str(result.release_id)] == doc.name
    assert loaded.context_task_ids == frozenset()
    default = loaded.plan.calendars[loaded.plan.default_calendar_id]
    original = doc.plan.calendars[doc.plan.default_calendar_id]
    assert default.week == original.week
    assert default.exceptions == original.exceptions


def test_import_keeps_wbs_notes_and_baselines(workspace: Workspace) -> None:
    doc = read_mspdi(mspdi_file("sample.xml"))
    result = import_plan(workspace, doc, release_name="Sample 1.0")
    with workspace.engine.connect() as conn:
        rows = conn.execute(
            sa.select(Task.wbs, Task.notes, Task.position)
            .where(Task.release_id == result.release_id)
            .order_by(Task.position)
        ).all()
    assert [r.wbs for r in rows] == [doc.tasks[t.id].wbs for t in doc.plan.tasks]
    assert sum(1 for r in rows if r.notes) == 1
    base = read_mspdi(mspdi_file("baselines.xml"))
    loaded = load_plan(workspace, [import_plan(workspace, base).release_id])
    fields = ("baseline_start", "baseline_finish", "baseline_duration_minutes")
    original, stored = base.plan.tasks[0], loaded.plan.tasks[0]
    assert [getattr(stored, f) for f in fields] == [getattr(original, f) for f in fields]


def test_import_into_an_existing_empty_release(workspace: Workspace) -> None:
    change = create_release(workspace, name="Payments", version_label="4.2")
    doc = read_mspdi(mspdi_file("mspdirelations.xml"))
    result = import_plan(workspace, doc, release_name="Payments 4.2")
    assert not result.created_release
    assert (result.release_id, result.release_name) == (change.id, "Payments 4.2")
    with pytest.raises(ValidationError, match=r"'Payments 4\.2' already has a plan of 5 tasks"):
        import_plan(workspace, read_gan(gan_file("HouseBuildingSample.gan")),
                    release_name="Payments 4.2")


def test_import_is_all_or_nothing(workspace: Workspace) -> None:
    doc = read_mspdi(mspdi_file("mspdirelations.xml"))
    broken = doc.plan.tasks[-1].__class__(**{
        **{f: getattr(doc.plan.tasks[-1], f) for f in doc.plan.tasks[-1].__slots__},
        "percent_complete": 140.0,
    })
    bad = type(doc)(name=doc.name, plan=PlanSpec(
        tasks=(*doc.plan.tasks[:-1], broken), links=doc.plan.links,
        project_start=doc.plan.project_start, calendars=doc.plan.calendars,
        default_calendar_id=doc.plan.default_calendar_id,
    ))
    before = _counts(workspace)
    with pytest.raises(ValidationError, match="140 % complete"):
        import_plan(workspace, bad)
    assert _counts(workspace) == before


def test_import_is_audited(workspace: Workspace) -> None:
    result = import_plan(workspace, read_mspdi(mspdi_file("mspdirelations.xml")))
    with workspace.engine.connect() as conn:
        inserted = conn.scalar(
            sa.select(sa.func.count()).select_from(AuditLog).where(
                AuditLog.entity == "task", AuditLog.action == "insert", AuditLog.field == ""
            )
        )
    assert inserted == result.tasks


@pytest.mark.parametrize("name", [*MSPDI_FILES, "HouseBuildingSample.gan"])
def test_export_reads_back_as_the_same_plan(workspace: Workspace, name: str) -> None:
    doc = _document(name)
    result = import_plan(workspace, doc)
    buffer = io.BytesIO()
    assert export_plan(workspace, result.release_name, buffer) == len(doc.plan.tasks)
    again = read_mspdi(buffer.getvalue())
    assert again.name == doc.name
    assert _shape(again.plan) == _shape(doc.plan)
    assert again.plan.project_start == doc.plan.project_start


def test_calendar_with_hours_per_weekday_is_kept(workspace: Workspace) -> None:
    """A short Friday survives import, storage and loading, and the schedule uses it."""
    short_friday = (WorkingTime(dt.time(8), dt.time(12)),)
    week = (STANDARD_DAY,) * 4 + (short_friday, (), ())
    calendar = CalendarSpec("1", "Short Fridays", week)
    start = dt.datetime(2026, 1, 8, 8, 0)  # a Thursday
    plan = PlanSpec(
        [TaskSpec("1", "Deploy", 960)], project_start=start, calendars={"1": calendar},
        default_calendar_id="1",
    )
    doc = read_mspdi(io.BytesIO(write_mspdi(plan, "Fridays")))
    result = import_plan(workspace, doc)
    assert not any("weekday" in w for w in result.warnings)
    with workspace.transaction() as s:
        stored = s.scalars(sa.select(Calendar).where(Calendar.name.like("Short Fridays%"))).one()
        assert (stored.working_days, stored.working_hours, stored.weekday_hours) == (
            "1111100", "08:00-12:00,13:00-17:00", "Fri=08:00-12:00"
        )
        release_id = s.scalars(sa.select(Release.id).where(Release.name == "Fridays")).one()
    loaded = load_plan(workspace, [release_id])
    (used,) = {loaded.plan.default_calendar_id}
    assert loaded.plan.calendars[used].week == week
    task = schedule(loaded.plan).tasks[next(iter(loaded.plan.tasks)).id]
    # Thursday 8 h, the short Friday 4 h, then Monday morning 4 h.
    assert task.early_finish == dt.datetime(2026, 1, 12, 12, 0)


def test_calendar_with_too_many_working_intervals_is_refused(workspace: Workspace) -> None:
    busy = tuple(WorkingTime(dt.time(h), dt.time(h, 30)) for h in range(24))
    plan = PlanSpec(
        [TaskSpec("1", "Deploy", 60)],
        calendars={"1": CalendarSpec("1", "Busy", (busy,) * 5 + ((), ()))},
        default_calendar_id="1",
    )
    with pytest.raises(ValidationError, match="Busy"):
        import_plan(workspace, read_mspdi(io.BytesIO(write_mspdi(plan, "Busy"))))
    with workspace.transaction() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Release)) == 0


def test_dated_tasks_are_read_through_the_partial_index(sqlite_workspace: Workspace) -> None:
    """Reading a portfolio must not scan every task for the few with dates."""
    from app.services import plan_loader

    with sqlite_workspace.engine.connect() as conn:
        stmt = plan_loader._dated_select(plan_loader._Reader(conn))
        steps = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {stmt.compile(conn)}").fetchall()
    assert "USING INDEX ix_task_dated" in " ".join(str(s) for s in steps)
