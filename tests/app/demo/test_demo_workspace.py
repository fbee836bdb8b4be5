"""The demo workspace: deterministic, complete and consistent with the lifecycle gates."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.demo import create_demo_workspace, populate_demo
from app.errors import ValidationError
from app.services import release_service as rs
from app.services.release_lifecycle import GATES
from app.services.release_schedule import schedule_release
from app.workspace import Workspace
from models import (
    CalendarException,
    Domain,
    Environment,
    Release,
    ReleaseDependency,
    Task,
    TaskLink,
)
from models.audit import verify_audit_chain
from models.enums import CalendarExceptionKind, ReleaseStatus

ANCHOR = dt.datetime(2026, 11, 23, 8, 0)


def _snapshot(ws: Workspace) -> list[tuple]:
    with ws.engine.connect() as conn:
        rows = []
        for model in (Release, Task, TaskLink):
            cols = [c for c in model.__table__.c if c.name not in ("created_at", "updated_at")]
            rows += [tuple(r) for r in conn.execute(sa.select(*cols).order_by(model.id))]
        return rows


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    ws = create_demo_workspace(tmp_path_factory.mktemp("demo") / "demo.db", anchor=ANCHOR)
    yield ws
    ws.close()


def test_same_seed_same_workspace(demo: Workspace, tmp_path: Path) -> None:
    with create_demo_workspace(tmp_path / "again.db", anchor=ANCHOR) as again:
        assert _snapshot(again) == _snapshot(demo)
    with create_demo_workspace(tmp_path / "other.db", anchor=ANCHOR, seed=1) as other:
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
        freeze = s.scalars(
            sa.select(CalendarException).where(
                CalendarException.kind == CalendarExceptionKind.FREEZE
            )
        ).one()
        assert (freeze.start.month, freeze.start.day) == (12, 15)
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


def test_dependencies_point_back_in_time_and_plans_follow_their_baseline(demo: Workspace) -> None:
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
        assert all(t.actual_start < ANCHOR for t in started)
        assert all(t.actual_finish <= ANCHOR for t in done)
        releases = s.scalars(sa.select(Release).where(Release.actual_start.is_not(None)))
        assert all(r.actual_start <= ANCHOR for r in releases)
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
