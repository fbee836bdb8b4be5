"""The demo workspace: deterministic, complete and consistent with the lifecycle gates."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from dateutil.rrule import rrulestr

from app.demo import create_demo_workspace, populate_demo
from app.errors import ValidationError
from app.services import release_service as rs
from app.services.release_lifecycle import GATES
from app.services.release_schedule import schedule_release
from app.workspace import Workspace
from models import (
    Build,
    BuildNote,
    CalendarException,
    Communication,
    Deployment,
    DeploymentEvent,
    Domain,
    Environment,
    HandoverItem,
    Release,
    ReleaseDependency,
    ReleasePackage,
    SignOff,
    Task,
    TaskLink,
)
from models.audit import verify_audit_chain
from models.enums import CalendarExceptionKind, ReleaseStatus


def _snapshot(ws: Workspace) -> list[tuple]:
    with ws.engine.connect() as conn:
        rows = []
        for model in (Release, Task, TaskLink, Deployment, DeploymentEvent, BuildNote):
            cols = [c for c in model.__table__.c if c.name not in ("created_at", "updated_at")]
            rows += [tuple(r) for r in conn.execute(sa.select(*cols).order_by(model.id))]
        return rows


def test_same_seed_same_workspace(demo: Workspace, anchor: dt.datetime, tmp_path: Path) -> None:
    with create_demo_workspace(tmp_path / "again.db", anchor=anchor) as again:
        assert _snapshot(again) == _snapshot(demo)
    with create_demo_workspace(tmp_path / "other.db", anchor=anchor, seed=1) as other:
        assert _snapshot(other) != _snapshot(demo)


def test_demo_has_the_promised_breadth(demo: Workspace) -> None:
    with demo.transaction() as s:
        countries = set(s.scalars(sa.select(Domain.holiday_country)))
        assert len(countries) >= 4
        assert s.scalar(sa.select(sa.func.count()).select_from(Environment)) == 5
        statuses = Counter(s.scalars(sa.select(Release.status)))
        assert set(statuses) == set(ReleaseStatus)
        assert sum(statuses.values()) >= 12
        per_release = Counter(s.scalars(sa.select(Task.release_id)))
        assert all(20 <= n <= 60 for n in per_release.values())
        kinds = set(s.scalars(sa.select(TaskLink.link_type)))
        assert kinds == {"FS", "SS", "FF", "SF"}
        assert s.scalar(sa.select(sa.func.count()).where(TaskLink.lag != 0)) > 0
        deps = s.execute(sa.select(ReleaseDependency.release_id, ReleaseDependency.depends_on_id))
        domain_of = dict(s.execute(sa.select(Release.id, Release.domain_id)).all())
        assert any(domain_of[a] != domain_of[b] for a, b in deps)


def test_every_release_satisfies_the_gates_of_its_state(demo: Workspace) -> None:
    order = list(ReleaseStatus)
    with demo.transaction() as s:
        for release in s.scalars(sa.select(Release)):
            if release.status == ReleaseStatus.CANCELLED:
                continue
            reached = order[: order.index(release.status) + 1]
            for status in reached:
                if status in GATES:
                    assert GATES[status](s, release) == [], (release.name, status)


def test_demo_audit_trail_is_sound_and_releases_listed(demo: Workspace) -> None:
    with demo.engine.connect() as conn:
        assert verify_audit_chain(conn) is None
    names = {r.name for r in rs.list_releases(demo)}
    assert {"SEPA Instant", "Wallet App", "Lakehouse Migration"} <= names


def test_demo_refuses_existing_file_and_nonempty_workspace(
    demo: Workspace, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match="already exists"):
        create_demo_workspace(demo.url.database)
    with pytest.raises(ValidationError, match="already has releases"):
        populate_demo(demo)


def test_dependencies_point_back_in_time_and_plans_follow_their_baseline(
    demo: Workspace, anchor: dt.datetime
) -> None:
    with demo.transaction() as s:
        start = dict(s.execute(sa.select(Release.id, Release.planned_start)).all())
        for dependent, dependency in s.execute(
            sa.select(ReleaseDependency.release_id, ReleaseDependency.depends_on_id)
        ):
            assert start[dependency] <= start[dependent]
        done = s.scalars(sa.select(Task).where(Task.percent_complete == 100)).all()
        assert done and all(
            (t.actual_start, t.actual_finish) == (t.baseline_start, t.baseline_finish)
            for t in done
        )
        # Nothing is done, started or released after the demo's "now".
        started = s.scalars(sa.select(Task).where(Task.actual_start.is_not(None))).all()
        assert all(t.actual_start < anchor for t in started)
        assert all(t.actual_finish <= anchor for t in done)
        leaves = s.scalars(sa.select(Task).where(Task.parent_id.is_not(None))).all()
        assert all(t.baseline_finish >= t.baseline_start for t in leaves)


def test_planned_windows_fit_the_plans_and_only_dependencies_make_releases_late(
    demo: Workspace,
) -> None:
    with demo.transaction() as s:
        finish = dict(s.execute(
            sa.select(Task.release_id, sa.func.max(Task.baseline_finish)).group_by(
                Task.release_id
            )
        ).all())
        releases = s.scalars(sa.select(Release)).all()
        waiting = set(s.scalars(sa.select(ReleaseDependency.release_id)))
        for rel in releases:
            assert rel.planned_end == finish[rel.id]
            assert rel.deadline == rel.planned_end + dt.timedelta(days=5)
        ids = [(rel.id, rel.deadline) for rel in releases]
    late = {rid for rid, deadline in ids if schedule_release(demo, rid).finish > deadline}
    assert late <= waiting  # only a release that waits for another can slip
    assert late  # and one does: the demo always shows a missed deadline


# Every moment the demo records as past, by table and column.
RECORDED_MOMENTS = (
    (Release, "actual_start"), (Release, "actual_end"), (Deployment, "actual_start"),
    (Deployment, "actual_end"), (HandoverItem, "accepted_at"), (SignOff, "decided_at"),
    (Communication, "sent_at"), (ReleasePackage, "baselined_at"), (Build, "built_at"),
    (BuildNote, "committed_at"), (DeploymentEvent, "at"),
)


@pytest.mark.parametrize(
    ("model", "column"), RECORDED_MOMENTS, ids=lambda v: getattr(v, "__name__", v)
)
def test_nothing_recorded_as_done_lies_after_the_anchor(
    demo: Workspace, anchor: dt.datetime, model: type, column: str
) -> None:
    with demo.transaction() as s:
        moments = s.scalars(sa.select(getattr(model, column)).where(
            getattr(model, column).is_not(None)
        )).all()
    assert moments, "the demo records some"
    assert max(moments) <= anchor


def _occurrences(window: CalendarException, first: dt.datetime, last: dt.datetime) -> set:
    span = window.finish - window.start
    rule = rrulestr(window.rrule, dtstart=window.start)
    return {o.date() for o in rule.between(first - span, last, inc=True)}


def test_freezes_cover_every_year_and_the_close_falls_on_quarter_ends(demo: Workspace) -> None:
    with demo.transaction() as s:
        first, last = s.execute(
            sa.select(sa.func.min(Release.planned_start), sa.func.max(Release.deadline))
        ).one()
        windows = {w.name: w for w in s.scalars(sa.select(CalendarException))}
    days = [first.date() + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    freeze = windows["Year-end change freeze"]
    assert freeze.kind == CalendarExceptionKind.FREEZE
    year_ends = {dt.date(d.year - (d.month == 1), 12, 15) for d in days if d.month in (12, 1)}
    assert _occurrences(freeze, first, last) >= {
        y for y in year_ends if y + dt.timedelta(days=21) >= first.date() and y <= last.date()
    }  # every freeze that overlaps the portfolio's span
    quarter_ends = {d for d in days if (d + dt.timedelta(days=1)).day == 1 and d.month % 3 == 0}
    close = _occurrences(windows["Quarter-end financial close"], first, last)
    assert quarter_ends and quarter_ends <= close
    assert all(d.month % 3 == 0 and (d + dt.timedelta(days=1)).day == 1 for d in close)
