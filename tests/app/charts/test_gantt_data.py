"""``gantt_plan`` on a real workspace (SQLite and PostgreSQL): one release, a portfolio
with a link between releases, filters, and the refusals."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import sqlalchemy as sa

from app.charts.gantt_plan import ShadeKind
from app.errors import NotFoundError, PlanNotSchedulableError, ValidationError
from app.scheduling.plan import CalendarSpec, LinkSpec, LinkType, PlanSpec, TaskSpec
from app.services.gantt_data import gantt_plan
from app.services.plan_service import import_plan
from app.workspace import Workspace
from models import Release, Task, TaskLink
from models.bulk_audit import insert_audited
from tests.app.services.builders import add_domain
from tests.plan_documents import PlanDocument

MONDAY = dt.datetime(2026, 3, 2, 8, 0)
DAY = 480


def _import(ws: Workspace, name: str, prefix: str, baseline: bool = False) -> str:
    """Release ``name``: design (1 day) -> build (3 days, under "Work") -> go-live."""
    early = dict(baseline_start=MONDAY, baseline_finish=MONDAY) if baseline else {}
    plan = PlanSpec(
        [
            TaskSpec(f"{prefix}w", "Work", 0),
            TaskSpec(f"{prefix}d", f"{prefix} design", DAY, parent_id=f"{prefix}w", **early),
            TaskSpec(f"{prefix}b", f"{prefix} build", 3 * DAY, parent_id=f"{prefix}w"),
            TaskSpec(f"{prefix}q", f"{prefix} quick fix", DAY, parent_id=f"{prefix}w"),
            TaskSpec(f"{prefix}g", "Go-live", 0, milestone=True),
        ],
        [
            LinkSpec(f"{prefix}d", f"{prefix}b", LinkType.FS),
            LinkSpec(f"{prefix}b", f"{prefix}g", LinkType.FS),
            LinkSpec(f"{prefix}d", f"{prefix}q", LinkType.SS, DAY),
        ],
        project_start=MONDAY,
        calendars={"standard": CalendarSpec("standard")},
    )
    import_plan(ws, PlanDocument(name, plan), release_name=name)
    return name


def _task_id(ws: Workspace, name: str) -> uuid.UUID:
    with ws.reading() as s:
        return s.scalars(sa.select(Task.id).where(Task.name == name)).one()


def _release_id(ws: Workspace, name: str) -> uuid.UUID:
    with ws.reading() as s:
        return s.scalars(sa.select(Release.id).where(Release.name == name)).one()


def _link(ws: Workspace, predecessor: str, successor: str) -> None:
    with ws.transaction() as s:
        insert_audited(
            s,
            TaskLink,
            [
                {
                    "id": uuid.uuid4(),
                    "predecessor_id": _task_id(ws, predecessor),
                    "successor_id": _task_id(ws, successor),
                    "link_type": "FS",
                    "lag": 0.0,
                    "lag_unit": "working",
                }
            ],
        )


def test_one_release_as_gantt_rows(workspace: Workspace) -> None:
    _import(workspace, "Checkout 2.0", "A", baseline=True)
    plan = gantt_plan(workspace, ["Checkout 2.0"])
    assert [(r.number, r.level, r.label) for r in plan.rows] == [
        (1, 0, "Work"),
        (2, 1, "A design"),
        (3, 1, "A build"),
        (4, 1, "A quick fix"),
        (5, 0, "Go-live"),
    ]
    assert [r.predecessors for r in plan.rows] == ["", "", "2", "2SS+1d", "3"]
    assert [r.critical for r in plan.rows] == [True, True, True, False, True]
    assert plan.rows[4].milestone and plan.rows[0].summary
    assert (plan.rows[1].start, plan.rows[2].finish) == (MONDAY, dt.datetime(2026, 3, 5, 17, 0))
    assert plan.rows[1].baseline_start == MONDAY and plan.rows[2].baseline_start is None
    assert plan.rows[1].finish_variance_minutes == DAY
    assert len(plan.links) == 3 and not any(k.cross_release for k in plan.links)
    assert ShadeKind.NON_WORKING in {s.kind for s in plan.shades}
    assert list(plan.release_names.values()) == ["Checkout 2.0"]
    assert plan.status_date is not None and plan.start == MONDAY
    # the release's id gives the same chart
    again = gantt_plan(workspace, [_release_id(workspace, "Checkout 2.0")])
    assert [r.task_id for r in again.rows] == [r.task_id for r in plan.rows]


def test_a_portfolio_draws_its_releases_in_order_with_the_links_between_them(
    workspace: Workspace,
) -> None:
    _import(workspace, "Backend 1.0", "A")
    _import(workspace, "Frontend 1.0", "B")
    _link(workspace, "A build", "B design")  # the frontend waits for the backend's build
    plan = gantt_plan(workspace, ["Frontend 1.0", "Backend 1.0"])
    labels = [r.label for r in plan.rows]
    assert labels[:2] == ["Work", "B design"] and labels[5:7] == ["Work", "A design"]
    assert [r.number for r in plan.rows] == list(range(1, 11))
    (cross,) = [k for k in plan.links if k.cross_release]
    assert (plan.rows[cross.predecessor_row].label, plan.rows[cross.successor_row].label) == (
        "A build",
        "B design",
    )
    assert plan.rows[1].start == dt.datetime(2026, 3, 6, 8, 0)  # the day after A build
    # The loader anchors a portfolio's tasks to their release's start; not shown as a
    # constraint of the user's.
    assert all(r.constraint == "" for r in plan.rows)
    assert len(plan.release_names) == 2
    # Alone, the frontend still starts after the backend's build (upstream, not shown).
    alone = gantt_plan(workspace, ["Frontend 1.0"])
    assert len(alone.rows) == 5 and alone.rows[1].start == plan.rows[1].start
    assert not any(k.cross_release for k in alone.links)


def test_filters_on_the_workspace(workspace: Workspace) -> None:
    _import(workspace, "Backend 1.0", "A")
    _import(workspace, "Frontend 1.0", "B")
    domain = add_domain(workspace, "Payments")
    with workspace.transaction() as s:
        s.get(Release, _release_id(workspace, "Backend 1.0")).domain_id = domain
    both = ["Backend 1.0", "Frontend 1.0"]
    critical = gantt_plan(workspace, both, critical_only=True)
    assert "A quick fix" not in [r.label for r in critical.rows]
    assert all(r.critical or r.summary for r in critical.rows)
    in_domain = gantt_plan(workspace, both, domain_id=domain)
    assert {r.label for r in in_domain.rows} >= {"A design"}
    assert not any(r.label.startswith("B") for r in in_domain.rows)
    found = gantt_plan(workspace, both, text="build")
    assert [r.label for r in found.rows] == ["Work", "A build", "Work", "B build"]
    assert [r.number for r in found.rows] == [1, 3, 6, 8]


def test_refusals(workspace: Workspace) -> None:
    with pytest.raises(ValidationError):
        gantt_plan(workspace, [])
    with pytest.raises(NotFoundError):
        gantt_plan(workspace, [uuid.uuid4()])
    with workspace.transaction() as s:
        s.add(Release(name="Empty", version_label="1.0", description=""))
    with pytest.raises(ValidationError, match="nothing to chart"):
        gantt_plan(workspace, ["Empty"])
    _import(workspace, "Looped", "L")
    _link(workspace, "L build", "L design")  # closes a circle
    with pytest.raises(PlanNotSchedulableError):
        gantt_plan(workspace, ["Looped"])
