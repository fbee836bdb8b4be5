"""What the demo puts into each release: scope, stakeholders and sign-offs, a package
with its builds and deployments (``delivery_content``), handover, communications,
risks, issues and changes.

A mix-in of the demo builder (``generator``), which owns the session, the random
generator and the organisation these pick from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import uuid
from typing import TYPE_CHECKING

from app.demo import catalog as c
from app.demo.change_log import ChangeLogContent
from app.demo.delivery_content import DeliveryContent
from app.demo.risk_log import RiskLogContent
from app.services.scope_fingerprint import scope_hash
from models import (
    Communication,
    HandoverItem,
    Issue,
    Release,
    ReleaseStakeholder,
    Risk,
    ScopeItem,
    SignOff,
)
from models.enums import (
    Audience,
    Channel,
    CommunicationAudience,
    Decision,
    IssueSeverity,
    ReleaseStatus,
    RiskStatus,
    ScopeStatus,
)

if TYPE_CHECKING:
    from models import Domain, Environment, Person

S = ReleaseStatus


class ReleaseContent(DeliveryContent, RiskLogContent, ChangeLogContent):
    """``_release_details(release)`` and its parts."""

    rng: random.Random
    anchor: dt.datetime
    domains: list[Domain]
    people: list[Person]
    envs: list[Environment]

    def add(self, obj: object, *, parent: bool = False) -> object:
        raise NotImplementedError

    def new_id(self) -> uuid.UUID:
        raise NotImplementedError

    def person(self, role: str, domain: Domain | None = None) -> Person:
        raise NotImplementedError

    def _release_details(self, rel: Release) -> None:
        items = self._scope(rel)
        self._stakeholders(rel, items)
        package, package_items = self._package(rel)
        self._deliver(rel, package, package_items)
        self._handover(rel)
        self._logs(rel)

    def _scope(self, rel: Release) -> list[ScopeItem]:
        advanced = rel.status not in (S.DRAFT, S.PLANNED, S.CANCELLED)
        status = ScopeStatus.DONE if rel.status in (S.DEPLOYED, S.CLOSED) else (
            ScopeStatus.AGREED if advanced else ScopeStatus.PROPOSED
        )
        titles = self.rng.sample(c.SCOPE_TITLES, self.rng.randint(3, 6))
        items = []
        for pos, title in enumerate(titles):
            verb = self.rng.choice(c.SCOPE_VERBS)
            items.append(
                self.add(
                    ScopeItem(
                        release_id=rel.id, key=f"{rel.name[:3].upper()}-{100 + pos * 7}",
                        title=title.format(verb=verb), description="", kind="feature",
                        status=status, position=pos,
                    )
                )
            )
        return items

    def _stakeholders(self, rel: Release, items: list[ScopeItem]) -> None:
        domain = next(d for d in self.domains if d.id == rel.domain_id)
        roster = (
            (self.person("Product Owner", domain), "Business owner", True),
            (self.person("Operations Lead"), "Operations", True),
            (self.person("Security Officer"), "Security", False),
            (self.person("Service Desk Manager"), "Service desk", False),
        )
        for person, role, required in roster:
            self.add(
                ReleaseStakeholder(
                    release_id=rel.id, person_id=person.id, role=role, signoff_required=required
                )
            )
        current = scope_hash(items)
        approved = rel.status not in (S.DRAFT, S.PLANNED, S.CANCELLED)
        signers = [r for r in roster if r[2]] if approved else roster[:1]
        decided = self.past((rel.planned_start or self.anchor) - dt.timedelta(days=10))
        for person, role, _required in signers:
            # A planned release shows the typical snag: approved, then the scope moved.
            stale = rel.status == S.PLANNED
            self.add(
                SignOff(
                    release_id=rel.id, person_id=person.id, role=role,
                    decided_at=decided,
                    decision=Decision.APPROVED, comment="Scope agreed in the planning workshop.",
                    scope_hash=hashlib.sha256(b"earlier scope").hexdigest() if stale else current,
                )
            )

    def _handover(self, rel: Release) -> None:
        for i, (audience, title) in enumerate(c.HANDOVER):
            accepted = rel.status == S.CLOSED or (rel.status == S.DEPLOYED and i % 2 == 0)
            end = rel.planned_end or self.anchor
            self.add(
                HandoverItem(
                    release_id=rel.id, audience=Audience(audience), title=title,
                    owner_id=self.person("Release Coordinator").id,
                    accepted_by=self.person("Service Desk Manager").name if accepted else None,
                    accepted_at=self.past(end - dt.timedelta(days=2)) if accepted else None,
                )
            )
        for audience, channel, subject, offset in c.COMMUNICATIONS:
            when = (rel.planned_end or self.anchor) + dt.timedelta(days=offset)
            self.add(
                Communication(
                    release_id=rel.id, audience=CommunicationAudience(audience),
                    channel=Channel(channel), subject=f"{rel.name}: {subject}", planned_at=when,
                    sent_at=when if when < self.anchor else None,
                )
            )

    def _logs(self, rel: Release) -> None:
        risks: list[Risk] = []
        issue: Issue | None = None
        for title, mitigation in self.rng.sample(c.RISKS, self.rng.randint(1, 3)):
            closed = rel.status == S.CLOSED
            risk = self.add(
                Risk(
                    release_id=rel.id, title=title, probability=self.rng.randint(1, 5),
                    impact=self.rng.randint(2, 5), owner_id=self.rng.choice(self.people).id,
                    mitigation=mitigation,
                    status=RiskStatus.CLOSED if closed else self.rng.choice(
                        [RiskStatus.OPEN, RiskStatus.MITIGATING]
                    ),
                    proximity=((rel.planned_start or self.anchor) + dt.timedelta(days=20)).date(),
                ),
                parent=True,
            )
            risks.append(risk)  # type: ignore[arg-type]
        if rel.status in (S.IN_PROGRESS, S.DEPLOYED, S.CLOSED):
            title, action = self.rng.choice(c.ISSUES)
            issue = self.add(  # type: ignore[assignment]
                Issue(
                    release_id=rel.id, title=title, corrective_action=action,
                    severity=self.rng.choice(list(IssueSeverity)),
                    owner_id=self.person("Operations Lead").id,
                    due_date=((rel.planned_start or self.anchor) + dt.timedelta(days=30)).date(),
                ),
                parent=True,
            )
        self._risk_log(rel, risks, issue)
        if self.rng.random() < 0.5:
            title, days, _risk = self.rng.choice(c.CHANGE_REQUESTS)
            self._change_request(rel, title, days)
