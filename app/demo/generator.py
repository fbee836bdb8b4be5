"""A deterministic, realistic demo workspace.

Same seed and anchor date, same workspace (ids included): tests can rely on it and a
coordinator trying the product sees a plausible portfolio around today's date — four
domains, sixteen releases over two quarters in every lifecycle state, each consistent
with the gates of its state (approved releases carry current sign-offs, deployed ones
verified deployments, closed ones accepted handover).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import clock
from app.demo import catalog as c
from app.demo.bookings import demo_bookings
from app.demo.calendar_clashes import add_clashes
from app.demo.change_log import decide_demo_changes
from app.demo.new_workspace import open_new_workspace
from app.demo.plan_recipe import add_plan
from app.demo.release_content import ReleaseContent
from app.errors import ValidationError
from app.scheduling.plan import CalendarSpec, FreezeWindow
from app.services.plan_calendars import build_freeze_windows, parse_week
from app.workspace import Workspace
from models import (
    Calendar,
    CalendarException,
    CompatibilityRule,
    Domain,
    Environment,
    Person,
    Release,
    ReleaseDependency,
    TaskLink,
)
from models.enums import (
    CalendarExceptionKind,
    ReleaseStatus,
    ReleaseType,
)

DEFAULT_SEED = 20261126
S = ReleaseStatus
# Earliest releases are finished, the latest still drafts; one was cancelled.
STATUS_BY_ORDER = (
    [S.CLOSED] * 3 + [S.DEPLOYED] * 2 + [S.IN_PROGRESS] * 3 + [S.APPROVED] * 2
    + [S.PLANNED] * 3 + [S.DRAFT] * 2 + [S.CANCELLED]
)
NOT_STARTED = {S.DRAFT, S.PLANNED, S.APPROVED}
PROGRESS = {S.CLOSED: 1.0, S.DEPLOYED: 0.9, S.IN_PROGRESS: 0.45, S.APPROVED: 0.1}
CROSS_DOMAIN = (  # related releases as (domain index, release index); the later waits
    ((1, 2), (0, 1)),  # Checkout Redesign / Card Tokenisation
    ((3, 0), (0, 3)),  # Wallet App / Payouts API
    ((2, 1), (2, 0)),  # Reporting Mart / Lakehouse Migration
    ((1, 3), (3, 3)),  # Account Hub / Biometric Login
    ((0, 2), (2, 2)),  # Fraud Rules / Event Streaming
)


@dataclass(frozen=True)
class DemoSummary:
    """What was generated."""

    domains: int
    releases: int
    tasks: int
    links: int


def default_anchor() -> dt.datetime:
    """The demo's "now": Monday 08:00 of this week, or of last week while this week's
    has not come yet (UTC), so that nothing the demo records as done lies ahead."""
    now = clock.now()
    monday = dt.datetime.combine(now.date() - dt.timedelta(days=now.weekday()), dt.time(8))
    return monday if monday <= now else monday - dt.timedelta(days=7)


def create_demo_workspace(
    target: str | os.PathLike[str],
    *,
    user: str | None = None,
    seed: int = DEFAULT_SEED,
    anchor: dt.datetime | None = None,
) -> Workspace:
    """Create a workspace at ``target`` and fill it with the demo portfolio."""
    ws = open_new_workspace(target, user, "Demo workspace")
    try:
        populate_demo(ws, seed=seed, anchor=anchor)
    except BaseException:
        ws.close()
        raise
    return ws


def populate_demo(
    ws: Workspace, *, seed: int = DEFAULT_SEED, anchor: dt.datetime | None = None
) -> DemoSummary:
    """Fill an empty workspace with the demo portfolio in one transaction."""
    with ws.transaction() as s:
        if s.scalar(sa.select(sa.func.count()).select_from(Release)):
            raise ValidationError(
                "The workspace already has releases; the demo needs an empty one."
            )
        summary = _DemoBuilder(s, random.Random(seed), anchor or default_anchor()).build()
    decide_demo_changes(ws)  # through the services: the engine assesses them
    return summary


class _DemoBuilder(ReleaseContent):
    def __init__(self, s: Session, rng: random.Random, anchor: dt.datetime) -> None:
        self.s, self.rng, self.anchor = s, rng, anchor
        self.tasks = 0
        self.deployment_turns = 0  # releases given deployments so far (they take turns)

    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def add(self, obj: object, *, parent: bool = False) -> object:
        """Add a row; ``parent`` rows are flushed at once because later rows reference
        them and, without ORM relationships, the flush would not order them first."""
        if getattr(obj, "id", None) is None:
            obj.id = self.new_id()  # type: ignore[attr-defined]
        self.s.add(obj)
        if parent:
            self.s.flush()
        return obj

    def build(self) -> DemoSummary:
        self._organisation()
        releases = self._releases()
        self._plan_one_pair_side_by_side(releases)
        go_lives = {}
        for key, rel in releases.items():
            progress = PROGRESS.get(rel.status, 0.0)
            names = add_plan(
                self.s, self.rng, rel, self.new_id, progress,
                calendar=self._calendar_spec(rel), status_date=self.anchor,
                freeze_windows=self._freeze_windows(rel),
            )
            self.tasks += len(names) + len(c.PHASES)
            go_lives[key] = names
            if rel.actual_end is not None:  # released when its plan finished, or by now
                rel.actual_end = min(rel.planned_end, self.anchor)
            self._release_details(rel)
        self._dependencies(releases, go_lives)
        add_clashes(self, list(releases.values()))
        demo_bookings(self.s, self.anchor, self.envs, self.domains, self.add)
        self.s.flush()
        links = self.s.scalar(sa.select(sa.func.count()).select_from(TaskLink))
        return DemoSummary(len(self.domains), len(releases), self.tasks, links or 0)

    def _freeze_windows(self, rel: Release) -> tuple[FreezeWindow, ...]:
        """The freeze and blackout windows ``plan schedule`` applies to the release alone."""
        rows = [
            (None, str(w.domain_id) if w.domain_id else None, w.name, w.kind.value,
             w.start, w.finish, w.working_hours, w.rrule)
            for w in self.windows
        ]
        return tuple(build_freeze_windows(rows, {str(rel.domain_id)}, rel.planned_start, []))

    def _calendar_spec(self, rel: Release) -> CalendarSpec:
        """The release's working calendar as the engine sees it (for its baselines)."""
        cal = self.s.get(Calendar, rel.calendar_id)
        assert cal is not None
        week = parse_week(cal.working_days, cal.working_hours, cal.weekday_hours, cal.name)
        return CalendarSpec(str(cal.id), cal.name, week, holiday_country=cal.holiday_country)

    # -- organisation ------------------------------------------------------------------
    def _organisation(self) -> None:
        self.add(Calendar(name="Standard (Mon-Fri 08-17)"), parent=True)
        self.domains: list[Domain] = []
        for name, code, colour, country, weekday_hours in c.DOMAINS:
            cal = self.add(
                Calendar(
                    name=f"{name} ({country})", holiday_country=country,
                    weekday_hours=weekday_hours,
                ),
                parent=True,
            )
            self.domains.append(
                self.add(
                    Domain(
                        name=name, code=code, colour=colour, holiday_country=country,
                        calendar_id=cal.id, description=f"{name} delivery domain",
                    ),
                    parent=True,
                )
            )
        self.people: list[Person] = []
        for name, role, domain in c.PEOPLE:
            email = name.lower().replace(" ", ".") + "@example.com"
            domain_id = self.domains[domain].id if domain is not None else None
            self.people.append(
                self.add(
                    Person(name=name, email=email, role=role, domain_id=domain_id), parent=True
                )
            )
        self.envs = [
            self.add(Environment(name=n, stage=stage, stage_order=order), parent=True)
            for n, stage, order in c.ENVIRONMENTS
        ]
        # Both windows repeat from before the demo's first release, so they cover every
        # year the portfolio spans, whatever the anchor. Their bounds are local midnights
        # (a freeze begins at 00:00 where the team works), stored as UTC instants.
        year = self.anchor.year - 1
        self.windows = [
            CalendarException(
                name="Year-end change freeze", kind=CalendarExceptionKind.FREEZE,
                start=clock.from_local(dt.datetime(year, 12, 15)),
                finish=clock.from_local(dt.datetime(year + 1, 1, 5, 23, 59)),
                rrule="FREQ=YEARLY",
            ),
            CalendarException(  # the last day of each quarter and the three after it
                name="Quarter-end financial close", kind=CalendarExceptionKind.BLACKOUT,
                environment_id=self.envs[-1].id, domain_id=self.domains[0].id,
                start=clock.from_local(dt.datetime(year, 12, 31)),
                finish=clock.from_local(dt.datetime(year + 1, 1, 3, 23, 59)),
                rrule="FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1",
            ),
        ]
        for window in self.windows:
            self.add(window)
        for comp, req, specifier in c.COMPATIBILITY_RULES:
            self.add(CompatibilityRule(component=comp, requires_component=req, specifier=specifier))

    def person(self, role: str, domain: Domain | None = None) -> Person:
        for p in self.people:
            if p.role == role and (domain is None or p.domain_id == domain.id):
                return p
        return self.people[1]

    # -- releases ----------------------------------------------------------------------
    def _releases(self) -> dict[tuple[int, int], Release]:
        keys = [(d, r) for d in range(len(self.domains)) for r in range(4)]
        self.rng.shuffle(keys)
        releases: dict[tuple[int, int], Release] = {}
        for order, key in enumerate(keys):
            d, r = key
            domain = self.domains[d]
            status = STATUS_BY_ORDER[order]
            start = self.anchor + dt.timedelta(days=-84 + order * 12 + self.rng.randint(0, 3))
            kind = self.rng.choice([ReleaseType.MAJOR, ReleaseType.MINOR, ReleaseType.PATCH])
            if order == 6:
                kind = ReleaseType.EMERGENCY
            major = self.rng.randint(1, 5)
            rel = self.add(
                Release(
                    name=c.RELEASE_NAMES[d][r], version_label=f"{major}.{self.rng.randint(0, 9)}",
                    domain_id=domain.id, release_type=kind, status=status,
                    planned_start=start, planned_end=start + dt.timedelta(days=55),
                    deadline=start + dt.timedelta(days=60),  # both fitted to the plan by add_plan
                    owner_id=self.person("Product Owner", domain).id,
                    release_manager_id=self.people[0].id, calendar_id=domain.calendar_id,
                    description=f"{c.RELEASE_NAMES[d][r]} for the {domain.name} domain.",
                ),
                parent=True,
            )
            if status in (S.IN_PROGRESS, S.DEPLOYED, S.CLOSED):  # never in the future
                rel.actual_start = min(start + dt.timedelta(days=1), self.anchor)
            if status in (S.DEPLOYED, S.CLOSED):
                rel.actual_end = start  # set once its plan is known
            releases[key] = rel
        return releases

    def _plan_one_pair_side_by_side(self, releases: dict[tuple[int, int], Release]) -> None:
        """The snag every portfolio has: two releases planned side by side before anyone
        saw that one builds on the other. The first related pair not yet started gets its
        later release moved to start two days after the other, and its build waits for the
        other's go-live: the dependency (and only it) makes that release miss its deadline
        by weeks, whatever the anchor."""
        self.side_by_side: tuple[tuple[int, int], ...] = ()
        for pair in CROSS_DOMAIN:
            later, earlier = sorted(
                (releases[k] for k in pair), key=lambda r: r.planned_start, reverse=True
            )
            if {later.status, earlier.status} <= NOT_STARTED:
                later.planned_start = earlier.planned_start + dt.timedelta(days=2)
                self.side_by_side = pair
                return

    def _dependencies(
        self,
        releases: dict[tuple[int, int], Release],
        plans: dict[tuple[int, int], dict[str, uuid.UUID]],
    ) -> None:
        for first, second in CROSS_DOMAIN:
            # Whichever of the pair is planned later waits for the other one.
            dependent, dependency = sorted(
                (first, second), key=lambda k: releases[k].planned_start, reverse=True
            )
            early = (first, second) == self.side_by_side
            self.add(
                ReleaseDependency(
                    release_id=releases[dependent].id, depends_on_id=releases[dependency].id,
                    note="Builds on the other release: its build starts once that is live."
                    if early else "Needs the other release in production first.",
                )
            )
            # The plans are linked too, so the portfolio schedules as one graph.
            waiting = "Implement backend changes" if early else "Deploy to staging"
            self.add(
                TaskLink(
                    predecessor_id=plans[dependency]["Go-live"],
                    successor_id=plans[dependent][waiting],
                )
            )
