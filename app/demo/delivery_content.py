"""What the demo ships for each release: its package of configuration items, baselined
through the manifest service; the build that produced it, with its commits linked to the
items; the deployments that promoted that manifest stage by stage; the production runbook.

The story ``releasedesk metrics`` tells of it: commits start two weeks before the build
(lead time); a deployment takes 35 min to 2 h 40 against its two-hour slot (durations,
on-time rate); one closed release's first production deployment failed and was backed
out, and the fix went live the next day (change failure rate, time to restore). The
emergency release's package was changed after its baseline — a deviation the Package
tab shows — and that hotfix reached Development only, so no stage was promoted out of
order.

A mix-in of the demo builder. The rows the demo always had draw from the builder's
generator as they always did; what this part adds draws from a generator seeded by the
release and takes ids derived from its parent, so the rest of the demo does not shift.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import uuid
from typing import TYPE_CHECKING

from app.demo import catalog as c
from app.services.build_notes import component_of
from app.services.compatibility import RuleRow, violations
from app.services.git_log import Commit
from app.services.package_manifest import Manifest, ManifestItem, manifest_of
from models import (
    Build,
    BuildNote,
    ConfigurationItem,
    Deployment,
    DeploymentEvent,
    PromotionStep,
    Release,
    ReleasePackage,
    Runbook,
    RunbookRun,
    RunbookStep,
    RunbookStepResult,
)
from models.enums import DeploymentStatus, PackageStatus, ReleaseStatus, ReleaseType

if TYPE_CHECKING:
    from models import Domain, Environment, Person

S = ReleaseStatus
D = DeploymentStatus
H = dt.timedelta(hours=1)
SLOT = 3  # hours: releases take turns on a stage, each in its own slot of the day
FAILED_TURN = 1  # the release whose first production deployment failed (a closed one)
BACKOUT = (
    "Redeploy the previous package version; restore the database from the "
    "pre-deployment snapshot."
)


def _items(drawn: dict[str, tuple[str, str]]) -> list[ManifestItem]:
    return [ManifestItem("", comp, version, "", "", None) for comp, (version, _) in drawn.items()]


def _sha(component: str, version: str) -> str:
    return hashlib.sha256(f"{component} {version}".encode()).hexdigest()


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
        out[req] = (version, _sha(req, version))
    return out


def manifest_of_items(items: list[ConfigurationItem]) -> Manifest:
    """The manifest (hash and canonical text) of configuration items as they stand."""
    return manifest_of(
        [
            ManifestItem(
                i.domain, i.component, i.version_label, i.artifact_uri, i.sha256, i.size_bytes
            )
            for i in items
        ]
    )


def _child_id(parent: uuid.UUID, label: str) -> uuid.UUID:
    return uuid.uuid5(parent, label)


class DeliveryContent:
    """``_package(release)`` and ``_deliver(release, package, items)``."""

    rng: random.Random
    anchor: dt.datetime
    people: list[Person]
    envs: list[Environment]
    deployment_turns: int  # releases given deployments so far (they take turns on a stage)

    def add(self, obj: object, *, parent: bool = False) -> object:
        raise NotImplementedError

    def new_id(self) -> uuid.UUID:
        raise NotImplementedError

    def person(self, role: str, domain: Domain | None = None) -> Person:
        raise NotImplementedError

    def past(self, moment: dt.datetime) -> dt.datetime:
        """``moment``, or the demo's "now" if it lies later: what is done is never ahead."""
        return min(moment, self.anchor)

    # -- package -----------------------------------------------------------------------
    def _package(self, rel: Release) -> tuple[ReleasePackage, list[ConfigurationItem]]:
        baselined = rel.status not in (S.DRAFT, S.PLANNED, S.CANCELLED)
        package = self.add(
            ReleasePackage(
                release_id=rel.id, name=f"{rel.title} package",
                status=PackageStatus.BASELINED if baselined else PackageStatus.DRAFT,
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
                    id=ids.get(comp) or _child_id(package.id, comp),
                )
            )
            for comp, (version, sha) in drawn.items()
        ]
        return package, items  # type: ignore[return-value]

    def _baseline(
        self, rel: Release, package: ReleasePackage, items: list[ConfigurationItem],
        at: dt.datetime,
    ) -> None:
        """The package baselined with its items as built, through the manifest service."""
        manifest = manifest_of_items(items)
        package.manifest_hash = manifest.hash
        package.baseline_manifest = manifest.text
        package.baselined_at = at
        owner = next((p.name for p in self.people if p.id == rel.owner_id), "")
        package.baselined_by = owner or "release manager"
        package.baseline_reason = "Build passed the release checks."

    @staticmethod
    def _hotfix(items: list[ConfigurationItem]) -> None:
        """A component bumped after the baseline (a patch: it keeps every rule)."""
        item = min(items, key=lambda i: i.component)
        major, minor, patch = item.version_label.split(".")
        item.version_label = f"{major}.{minor}.{int(patch) + 1}"
        item.sha256 = _sha(item.component, item.version_label)
        item.artifact_uri = (
            f"https://artifacts.example.com/{item.component}/{item.version_label}/"
            f"{item.component}.tar.gz"
        )

    # -- delivery ----------------------------------------------------------------------
    def _deliver(
        self, rel: Release, package: ReleasePackage, items: list[ConfigurationItem]
    ) -> None:
        """The build, the deployments along the promotion path and the runbook."""
        turn = self.deployment_turns
        self.deployment_turns += 1
        own = random.Random(f"delivery {rel.name} {rel.version_label}")
        path = [self.envs[0], self.envs[1], self.envs[3], self.envs[4]]
        if rel.release_type == ReleaseType.MAJOR:
            path.insert(2, self.envs[2])
        started = rel.status in (S.IN_PROGRESS, S.DEPLOYED, S.CLOSED)
        slots = self._slots(rel, len(path), turn, started)
        if package.status == PackageStatus.BASELINED:
            built = self.past(slots[0] - 24 * H)  # the day before its first deployment
            self._build(rel, package, items, built, own)
            self._baseline(rel, package, items, self.past(built + 2 * H))
        manifest = package.manifest_hash or ""
        for pos, env in enumerate(path):
            self.add(PromotionStep(release_id=rel.id, environment_id=env.id, position=pos))
        if rel.status in (S.DEPLOYED, S.CLOSED):
            statuses = [D.VERIFIED] * len(path)
        elif rel.status == S.IN_PROGRESS:
            statuses = [D.VERIFIED, D.VERIFIED, self.rng.choice([D.DEPLOYING, D.BACKED_OUT])]
        elif rel.status == S.APPROVED:
            statuses = [D.SCHEDULED]
        else:
            statuses = []
        for pos, (env, status) in enumerate(zip(path, statuses, strict=False)):
            when = slots[pos]
            if turn == FAILED_TURN and env is path[-1] and when + 30 * H < self.anchor:
                self._failed_attempt(package, env, when, manifest, own)
                when += 24 * H  # the fix went live the next day
            self._deployment(package, env, status, when, manifest, own)
        if rel.release_type == ReleaseType.EMERGENCY and started:
            self._hotfix(items)  # after the baseline: the package deviates from it
            hotfix = manifest_of_items(items).hash
            when = self.anchor - dt.timedelta(days=1, hours=2 + SLOT * (turn % 8))
            self._deployment(
                package, path[0], D.DEPLOYED, when, hotfix, own, deviation=True,
                id=_child_id(package.id, "hotfix"),
            )
        self._runbook(rel, path[-1])

    def _slots(self, rel: Release, stages: int, turn: int, started: bool) -> list[dt.datetime]:
        """When each stage's deployment starts: nine days apart from two weeks into the
        release; done ones, in promotion order, before the demo's "now"; each release in
        its own slot of the day, so past deployments never clash."""
        start = rel.planned_start or self.anchor
        out = []
        for pos in range(stages):
            when = start + dt.timedelta(days=14 + pos * 9, hours=10)
            if started:
                when = min(when, self.anchor - dt.timedelta(days=stages - pos, hours=2))
                when -= SLOT * (turn % 8) * H
            out.append(when)
        return out

    def _build(
        self, rel: Release, package: ReleasePackage, items: list[ConfigurationItem],
        built: dt.datetime, own: random.Random,
    ) -> None:
        """The build that made the package, with its commits of the two weeks before,
        each linked to a configuration item by the folder it changed (as an import from
        git links them); a pipeline change stays unlinked."""
        build = self.add(
            Build(
                release_id=rel.id, package_id=package.id,
                number=f"{rel.version_label}.{self.rng.randint(100, 999)}",
                vcs_ref=f"{self.rng.getrandbits(40):010x}", built_at=built,
            ),
            parent=True,
        )
        components = sorted((i.component for i in items), key=len, reverse=True)
        touched = [i.component for i in sorted(items, key=lambda i: i.component)]
        touched += [own.choice(touched) for _ in range(own.randint(2, 5))] + [""]
        moments = sorted(
            built - dt.timedelta(minutes=own.randint(60, 14 * 24 * 60)) for _ in touched
        )
        shuffled = own.sample(touched, len(touched))
        for n, (comp, at) in enumerate(zip(shuffled, moments, strict=True)):
            paths = (f"{comp}/{own.choice(c.SOURCE_FILES)}",) if comp else (".ci/pipeline.yml",)
            subject = own.choice(c.COMMIT_SUBJECTS) if comp else "Cache dependencies in CI"
            commit = Commit(f"{own.getrandbits(160):040x}", "", at, subject, paths)
            # The first notes are the ones the demo always had: their ids and authors
            # come from the builder's generator, as they always did.
            author = (
                self.rng.choice(self.people).name if n < 3 else own.choice(self.people).name
            )
            self.add(
                BuildNote(
                    build_id=build.id, reference=commit.hash, author=author,
                    text=subject, component=component_of(commit, components),
                    paths="\n".join(paths), committed_at=at,
                    id=self.new_id() if n < 3 else _child_id(build.id, f"note {n}"),
                )
            )

    def _failed_attempt(
        self, package: ReleasePackage, env: Environment, when: dt.datetime, manifest: str,
        own: random.Random,
    ) -> None:
        self._deployment(
            package, env, D.BACKED_OUT, when, manifest, own,
            id=_child_id(package.id, f"failed attempt {env.name}"),
        )

    def _deployment(
        self, package: ReleasePackage, env: Environment, status: DeploymentStatus,
        when: dt.datetime, manifest: str, own: random.Random, *, deviation: bool = False,
        id: uuid.UUID | None = None,
    ) -> None:
        """One deployment of ``manifest`` and the lifecycle steps that brought it where
        it is, each with who and when; a scheduled one has no steps taken yet."""
        done = status != D.SCHEDULED
        legacy = id is None  # a row the demo always had: its ids come from the builder
        ops = self.person("Operations Lead")
        begun = when + dt.timedelta(minutes=own.randint(0, 10))
        ended = begun + dt.timedelta(minutes=own.randint(35, 160))
        failed = status == D.BACKED_OUT
        dep = self.add(
            Deployment(
                package_id=package.id, environment_id=env.id, status=status,
                planned_start=when, planned_end=when + 2 * H,
                actual_start=begun if done else None,
                actual_end=ended if done and status != D.DEPLOYING else None,
                deployed_by_id=ops.id if done else None, backout_plan=BACKOUT,
                verification_result="Smoke tests passed" if status == D.VERIFIED else (
                    "Health check failed; rolled back" if failed else ""
                ),
                manifest_hash=manifest, deviation=deviation,
                log_text="ERROR health check: 502 from the gateway after the switch-over"
                if failed else "",
                id=id,
            ),
            parent=done,
        )
        if not done:
            return
        steps = {D.SCHEDULED: when - 72 * H, D.DEPLOYING: begun}
        if status in (D.DEPLOYED, D.VERIFIED):
            steps[D.DEPLOYED] = ended
        if status == D.VERIFIED:
            steps[D.VERIFIED] = ended + dt.timedelta(minutes=20)
        if failed:
            steps[D.FAILED] = ended
            steps[D.BACKED_OUT] = ended + dt.timedelta(minutes=25)
        for step, at in steps.items():
            self.add(
                DeploymentEvent(
                    deployment_id=dep.id, status=step, at=at, by_name=ops.name,
                    # the step it stands at draws its id as the demo always did
                    id=None if legacy and step == status else _child_id(dep.id, step.value),
                )
            )

    def _runbook(self, rel: Release, production: Environment) -> None:
        runbook = self.add(
            Runbook(
                release_id=rel.id, environment_id=production.id,
                name=f"{rel.name} to production",
            ),
            parent=True,
        )
        for pos, (name, cmd) in enumerate((
            ("Announce maintenance", "notify --channel ops 'Deploying {version} to {environment}'"),
            ("Back up database", "pg_dump -Fc payments -f /backups/before-{version}.dump"),
            ("Deploy package", "deploy --env {environment} --components {component}"),
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
                    command=f"notify --channel ops 'Deploying {rel.version_label} to Production'",
                    outcome="dry run",
                )
            )
