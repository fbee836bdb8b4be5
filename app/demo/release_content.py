"""What the demo puts into each release: scope, stakeholders and sign-offs, a package
with its builds and deployments, handover, communications, risks, issues and changes.

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
from app.demo.risk_log import RiskLogContent
from app.services.compatibility import RuleRow, violations
from app.services.package_manifest import ManifestItem, manifest_of
from app.services.scope_fingerprint import scope_hash
from models import (
    Build,
    BuildNote,
    Communication,
    ConfigurationItem,
    Deployment,
    DeploymentEvent,
    HandoverItem,
    Issue,
    PromotionStep,
    Release,
    ReleasePackage,
    ReleaseStakeholder,
    Risk,
    Runbook,
    RunbookRun,
    RunbookStep,
    RunbookStepResult,
    ScopeItem,
    SignOff,
)
from models.enums import (
    Audience,
    Channel,
    CommunicationAudience,
    Decision,
    DeploymentStatus,
    IssueSeverity,
    PackageStatus,
    ReleaseStatus,
    ReleaseType,
    RiskStatus,
    ScopeStatus,
)

if TYPE_CHECKING:
    from models import Domain, Environment, Person

S = ReleaseStatus


def _items(drawn: dict[str, tuple[str, str]]) -> list[ManifestItem]:
    return [ManifestItem("", comp, version, "", "", None) for comp, (version, _) in drawn.items()]


def compatible(drawn: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """``drawn`` (component → version, SHA-256) changed to keep every demo rule: a
    required component missing or out of range gets the catalog's compatible version."""
    out = dict(drawn)
    rules = [
        RuleRow(uuid.UUID(int=n), comp, req, spec, "", 1)
        for n, (comp, req, spec) in enumerate(c.COMPATIBILITY_RULES)
    ]
    while broken := violations(rules, _items(out)):
        req = rules[broken[0].rule_id.int].requires_component
        version = c.COMPATIBLE_VERSIONS[req]
        out[req] = (version, hashlib.sha256(f"{req} {version}".encode()).hexdigest())
    return out


class ReleaseContent(RiskLogContent, ChangeLogContent):
    """``_release_details(release)`` and its parts."""

    rng: random.Random
    deployed_releases = -1  # releases given deployments so far (they take turns)
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

    def past(self, moment: dt.datetime) -> dt.datetime:
        """``moment``, or the demo's "now" if it lies later: what is done is never ahead."""
        return min(moment, self.anchor)

    def _release_details(self, rel: Release) -> None:
        items = self._scope(rel)
        self._stakeholders(rel, items)
        package = self._package(rel)
        self._deployments(rel, package)
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

    def _package(self, rel: Release) -> ReleasePackage:
        baselined = rel.status not in (S.DRAFT, S.PLANNED, S.CANCELLED)
        package = self.add(
            ReleasePackage(
                release_id=rel.id, name=f"{rel.title} package",
                status=PackageStatus.BASELINED if baselined else PackageStatus.DRAFT,
                baselined_at=self.past(rel.planned_start) if baselined else None,
            ),
            parent=True,
        )
        drawn: dict[str, tuple[str, str]] = {}
        ids: dict[str, uuid.UUID] = {}
        for comp in self.rng.sample(c.COMPONENTS, self.rng.randint(2, 4)):
            version = f"{self.rng.randint(1, 4)}.{self.rng.randint(0, 12)}.{self.rng.randint(0, 9)}"
            drawn[comp] = (version, f"{self.rng.getrandbits(256):064x}")
            ids[comp] = self.new_id()  # drawn where it always was: later rows keep theirs
        if rel.status not in (S.DRAFT, S.PLANNED):  # it passed the Approved gate
            drawn = compatible(drawn)
        items = [
            self.add(
                ConfigurationItem(
                    package_id=package.id, component=comp, version_label=version,
                    artifact_uri=f"https://artifacts.example.com/{comp}/{version}/{comp}.tar.gz",
                    sha256=sha, size_bytes=(2 + int(sha[:2], 16)) << 20,
                    domain=c.COMPONENT_DOMAINS[comp],
                    # an item added for a rule takes no random id (nor changes any later)
                    id=ids.get(comp) or uuid.uuid5(package.id, comp),
                )
            )
            for comp, (version, sha) in drawn.items()
        ]
        if baselined:  # what the package was baselined with: its items as built
            self._baseline(rel, package, items)
        if baselined:
            build = self.add(
                Build(
                    release_id=rel.id, package_id=package.id,
                    number=f"{rel.version_label}.{self.rng.randint(100, 999)}",
                    vcs_ref=f"{self.rng.getrandbits(40):010x}",
                    built_at=self.past(rel.planned_start),
                ),
                parent=True,
            )
            for i in range(3):
                self.add(
                    BuildNote(
                        build_id=build.id, reference=f"{rel.name[:3].upper()}-{100 + i * 7}",
                        author=self.rng.choice(self.people).name,
                        text=f"Merge change {i + 1} for {rel.name}",
                    )
                )
        return package

    def _baseline(
        self, rel: Release, package: ReleasePackage, items: list[ConfigurationItem]
    ) -> None:
        manifest = manifest_of(
            [
                ManifestItem(
                    i.domain, i.component, i.version_label, i.artifact_uri, i.sha256, i.size_bytes
                )
                for i in items
            ]
        )
        package.manifest_hash = manifest.hash
        package.baseline_manifest = manifest.text
        owner = next((p.name for p in self.people if p.id == rel.owner_id), "")
        package.baselined_by = owner or "release manager"
        package.baseline_reason = "Build passed the release checks."

    def _deployments(self, rel: Release, package: ReleasePackage) -> None:
        path = [self.envs[0], self.envs[1], self.envs[3], self.envs[4]]
        if rel.release_type == ReleaseType.MAJOR:
            path.insert(2, self.envs[2])
        for pos, env in enumerate(path):
            self.add(
                PromotionStep(release_id=rel.id, environment_id=env.id, position=pos)
            )
        if rel.status in (S.DEPLOYED, S.CLOSED):
            statuses = [DeploymentStatus.VERIFIED] * len(path)
        elif rel.status == S.IN_PROGRESS:
            statuses = [DeploymentStatus.VERIFIED, DeploymentStatus.VERIFIED,
                        self.rng.choice([DeploymentStatus.DEPLOYING, DeploymentStatus.BACKED_OUT])]
        elif rel.status == S.APPROVED:
            statuses = [DeploymentStatus.SCHEDULED]
        else:
            statuses = []
        start = rel.planned_start or self.anchor
        self.deployed_releases += 1
        shift = self.deployed_releases % 8  # within a day: each stays after the stage before
        for pos, (env, status) in enumerate(zip(path, statuses, strict=False)):
            when = start + dt.timedelta(days=14 + pos * 9, hours=10)
            done = status != DeploymentStatus.SCHEDULED
            if done:  # in promotion order, each finished before the demo's "now"
                when = min(when, self.anchor - dt.timedelta(days=len(path) - pos, hours=2))
                when -= dt.timedelta(hours=3 * shift)  # releases take turns on a stage
            deployment = self.add(
                Deployment(
                    package_id=package.id, environment_id=env.id, status=status,
                    planned_start=when, planned_end=when + dt.timedelta(hours=2),
                    actual_start=when if done else None,
                    actual_end=when + dt.timedelta(hours=2) if done else None,
                    deployed_by_id=self.person("Operations Lead").id if done else None,
                    manifest_hash=package.manifest_hash or "",  # what the promotion rule compares
                    backout_plan="Redeploy the previous package version; restore the "
                    "database from the pre-deployment snapshot.",
                    verification_result="Smoke tests passed" if status == "verified" else (
                        "Health check failed; rolled back" if status == "backed_out" else ""
                    ),
                ),
                parent=done,
            )
            if done:  # the lifecycle step that brought it where it is, with who and when
                self.add(
                    DeploymentEvent(
                        deployment_id=deployment.id, status=status,
                        at=when + dt.timedelta(hours=2), by_name="Operations Lead",
                    )
                )
        runbook = self.add(
            Runbook(
                release_id=rel.id, environment_id=path[-1].id, name=f"{rel.name} to production"
            ),
            parent=True,
        )
        for pos, (name, cmd) in enumerate((
            ("Announce maintenance", "notify --channel ops 'Deploying {release} {version}'"),
            ("Back up database", "pg_dump -Fc {database} -f /backups/{release}.dump"),
            ("Deploy package", "deploy --env {environment} --package {package}"),
            ("Smoke test", "smoke-test --env {environment}"),
        )):
            self.add(
                RunbookStep(runbook_id=runbook.id, position=pos, name=name, command_template=cmd)
            )
        if rel.status in (S.DEPLOYED, S.CLOSED):  # its dry run before going live
            start = self.past((rel.planned_end or self.anchor) - dt.timedelta(days=3))
            run = self.add(
                RunbookRun(
                    runbook_id=runbook.id, release_id=rel.id, status="succeeded", dry_run=True,
                    started_at=start, finished_at=start + dt.timedelta(seconds=4),
                    started_by="Operations Lead",
                ),
                parent=True,
            )
            self.add(
                RunbookStepResult(
                    run_id=run.id, position=0, name="Announce maintenance",
                    command=f"notify --channel ops 'Deploying {rel.name} {rel.version_label}'",
                    outcome="dry run",
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
