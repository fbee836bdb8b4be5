"""The demo's delivery data: baselined packages promoted stage by stage, one deviation,
build notes with commit evidence, and delivery metrics with every figure, at any anchor."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
import time_machine

from app.cli import main
from app.services.build_notes import UNLINKED, release_notes
from app.services.delivery_metrics import delivery_metrics
from app.services.deployment_service import check_promotion
from app.services.package_manifest import manifest_in
from app.services.package_service import package_state
from app.services.runbook_service import plan_run
from app.workspace import Workspace
from models import Build, Deployment, Environment, Release, ReleasePackage, Runbook
from models.enums import DeploymentStatus, PackageStatus

D = DeploymentStatus


def test_deployments_carry_the_baseline_and_keep_the_promotion_rule(demo: Workspace) -> None:
    with demo.reading() as s:
        rows = s.execute(
            sa.select(Deployment, ReleasePackage, Environment)
            .join(ReleasePackage, ReleasePackage.id == Deployment.package_id)
            .join(Environment, Environment.id == Deployment.environment_id)
        ).all()
        assert rows
        for dep, package, env in rows:
            current = manifest_in(s, package.id).hash
            if dep.deviation:  # the hotfix: the package as it is now, not its baseline
                assert dep.manifest_hash == current != package.manifest_hash
            elif package.status == PackageStatus.BASELINED:
                assert dep.manifest_hash == package.manifest_hash
            else:  # scheduled for a package not baselined yet: its manifest as it is
                assert dep.status == D.SCHEDULED and dep.manifest_hash == current
            if dep.status != D.SCHEDULED:  # the previous stage verified this manifest
                check_promotion(s, package.release_id, env, dep.manifest_hash)


def test_one_release_deviates_from_its_baseline_and_it_stands_out(demo: Workspace) -> None:
    with demo.reading() as s:
        releases = s.execute(sa.select(Release.id, Release.name)).all()
    states = {name: package_state(demo, rid) for rid, name in releases}
    deviating = [name for name, state in states.items() if state.deviates]
    assert len(deviating) == 1
    [change] = states[deviating[0]].deviations
    assert "→" in change  # a component's version moved on after the baseline
    with demo.reading() as s:
        flagged = s.scalars(sa.select(Deployment).where(Deployment.deviation)).all()
    assert [d.status for d in flagged] == [D.DEPLOYED]  # reached Development only


def test_build_notes_are_commits_linked_to_the_package(demo: Workspace) -> None:
    with demo.reading() as s:
        builds = s.execute(sa.select(Build.release_id, Build.built_at)).all()
        components = {
            rid: {i.component for i in manifest_in(s, s.scalar(
                sa.select(ReleasePackage.id).where(ReleasePackage.release_id == rid)
            )).items}
            for rid, _ in builds
        }  # fmt: skip
    assert builds
    for release_id, built_at in builds:
        notes = release_notes(demo, release_id)
        assert set(notes) == components[release_id] | {UNLINKED}  # each item has evidence
        moments = [n.committed_at for rows in notes.values() for n in rows]
        assert all(m is not None and m < built_at for m in moments)
        assert all(n.paths for rows in notes.values() for n in rows)


@pytest.fixture
def at_anchor(anchor: dt.datetime) -> Iterator[None]:
    """The clock at the demo's "now" (the metrics count the weeks up to now)."""
    with time_machine.travel(anchor.replace(tzinfo=dt.UTC), tick=False):
        yield


@pytest.mark.usefixtures("at_anchor")
def test_every_metric_has_a_plausible_figure(demo: Workspace) -> None:
    report = delivery_metrics(demo)
    m = report.overall
    assert m.production_deployments >= 4 and 0 < (m.per_week or 0) < 2
    assert dt.timedelta(days=7) < m.lead_time < dt.timedelta(days=90)  # type: ignore[operator]
    assert 0 < (m.change_failure_rate or 0) < 0.5
    assert dt.timedelta(hours=1) < m.time_to_restore < dt.timedelta(days=3)  # type: ignore[operator]
    assert dt.timedelta(minutes=30) < m.median_duration <= m.longest_duration  # type: ignore[operator]
    assert m.longest_duration < dt.timedelta(hours=3)  # type: ignore[operator]
    assert 0.3 < (m.on_time_rate or 0) < 1
    # the domain whose release failed in production has every figure too
    [hit] = [name for name, d in report.by_domain.items() if d.time_to_restore is not None]
    assert None not in vars(report.by_domain[hit]).values()


@pytest.mark.usefixtures("at_anchor")
def test_metrics_command_on_the_demo(demo: Workspace, capsys: pytest.CaptureFixture) -> None:
    db = str(demo.url.database)
    assert main(["metrics", "--db", db, "--json"]) == 0
    overall = json.loads(capsys.readouterr().out)["overall"]
    assert None not in overall.values()
    domain = next(d for d, m in delivery_metrics(demo).by_domain.items() if m.time_to_restore)
    assert main(["metrics", "--db", db, "--domain", domain]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[1].startswith("All") and "–" not in table[1]


def test_every_demo_runbook_dry_runs(demo: Workspace) -> None:
    """Each runbook uses only the parameters a run fills in, so its dry run shows the
    exact commands (an unknown {parameter} would refuse the whole run)."""
    with demo.reading() as s:
        pairs = s.execute(
            sa.select(Release.id, Environment.name)
            .join(Runbook, Runbook.release_id == Release.id)
            .join(Environment, Environment.id == Runbook.environment_id)
        ).all()
    assert pairs
    for release_id, environment in pairs:
        plan = plan_run(demo, release_id, environment)
        assert plan.steps and all(step.argv for step in plan.steps)
        assert not any("{" in arg for step in plan.steps for arg in step.argv)
