"""The demo's risk log as a steering committee would see it: scores that moved over the
weeks, reviews that are due, risks that threaten tasks, and issues that came from risks.

A mix-in of the demo builder. It draws from its own random generator (seeded by the
release), so the rest of the demo (the same seed, the same rows) does not shift.
"""

from __future__ import annotations

import datetime as dt
import random

import sqlalchemy as sa

from models import (
    Deployment,
    Issue,
    IssueLink,
    Person,
    Release,
    ReleasePackage,
    Risk,
    RiskScore,
    RiskTask,
    Task,
)
from models.enums import IssueStatus, ReleaseStatus, RiskStatus

S = ReleaseStatus
OCCURRED = {
    "Integration test environment down": "Integration environment unavailable in system test",
    "Certificate expired on staging": "Certificates on staging expire unnoticed",
    "UAT defects above threshold": "UAT finds more defects than the team can fix",
    "Build pipeline timing out": "Build pipeline too slow for the release cadence",
}
"""The risk each demo issue came from (when it did)."""
THREATENED = (
    "Database migration scripts",
    "System integration testing",
    "User acceptance testing",
    "Production deployment",
)


class RiskLogContent:
    """``_risk_log(release, risks, issue)``: history, reviews and links of a release's log."""

    s: sa.orm.Session
    anchor: dt.datetime

    def add(self, obj: object, *, parent: bool = False) -> object:
        raise NotImplementedError

    def person(self, role: str, domain: object = None) -> Person:
        raise NotImplementedError

    def _risk_log(self, rel: Release, risks: list[Risk], issue: Issue | None) -> None:
        rng = random.Random(f"risk-log {rel.name} {rel.version_label}")
        start = min(rel.planned_start or self.anchor, self.anchor)
        tasks = dict(
            self.s.execute(sa.select(Task.name, Task.id).where(Task.release_id == rel.id)).all()
        )
        for n, risk in enumerate(risks):
            raised = start - dt.timedelta(days=rng.randint(20, 45))
            risk.created_at = raised
            self._score_history(rng, risk, raised)
            days_since = rng.choice((2, 5, 9, 21)) if n else rng.choice((3, 18))
            risk.last_reviewed_at = self.anchor - dt.timedelta(days=days_since)
            threatened = [tasks[t] for t in THREATENED if t in tasks]
            if threatened and risk.status != RiskStatus.CLOSED:
                self.add(RiskTask(risk_id=risk.id, task_id=rng.choice(threatened)))
        if issue is not None:
            self._issue_history(rng, rel, issue, tasks, start)

    def _score_history(self, rng: random.Random, risk: Risk, raised: dt.datetime) -> None:
        """One to three earlier scores, each a step from the one before to today's."""
        path = [(risk.probability, risk.impact)]
        for _ in range(rng.randint(0, 2)):
            p, i = path[0]
            path.insert(0, (min(5, max(1, p + rng.choice((-1, 1)))), i))
        span = (self.anchor - raised) / len(path)
        for k, (p, i) in enumerate(path):
            at = raised + span * k
            self.add(RiskScore(risk_id=risk.id, probability=p, impact=i, recorded_at=at))

    def _issue_history(
        self,
        rng: random.Random,
        rel: Release,
        issue: Issue,
        tasks: dict[str, object],
        start: dt.datetime,
    ) -> None:
        issue.created_at = start
        if issue.due_date is not None and issue.due_date < start.date():
            issue.due_date = (start + dt.timedelta(days=14)).date()
        if rel.status in (S.DEPLOYED, S.CLOSED):
            issue.status = IssueStatus.RESOLVED
            issue.resolved_at = min(start + dt.timedelta(days=12), self.anchor)
            issue.resolved_by = self.person("Operations Lead").name
        elif rng.random() < 0.6 and (self.anchor - start).days > 3:  # a fix running late
            issue.due_date = (self.anchor - dt.timedelta(days=2)).date()
        title = OCCURRED.get(issue.title)
        if title is not None and rng.random() < 0.7:
            risk = self.add(
                Risk(
                    release_id=rel.id,
                    title=title,
                    probability=3,
                    impact=4,
                    owner_id=issue.owner_id,
                    mitigation=issue.corrective_action,
                    status=RiskStatus.OCCURRED,
                    created_at=start - dt.timedelta(days=30),
                    last_reviewed_at=start,
                ),
                parent=True,
            )
            self.add(
                RiskScore(
                    risk_id=risk.id,
                    probability=3,
                    impact=4,
                    recorded_at=start - dt.timedelta(days=30),
                )
            )
            issue.risk_id = risk.id
        self.s.flush()
        if "System integration testing" in tasks:
            self.add(IssueLink(issue_id=issue.id, task_id=tasks["System integration testing"]))
        deployment = self.s.scalar(
            sa.select(Deployment.id)
            .join(ReleasePackage, ReleasePackage.id == Deployment.package_id)
            .where(ReleasePackage.release_id == rel.id)
            .order_by(Deployment.planned_start)
        )
        if deployment is not None:
            self.add(IssueLink(issue_id=issue.id, deployment_id=deployment))
