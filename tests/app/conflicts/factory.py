"""Calendar items made by hand, for the engine's tests (times are UTC, on 2026-06-01
unless a test says otherwise)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from app.conflicts.items import CalendarItem, ItemKind

DAY = dt.date(2026, 6, 1)
ENV_STAGING = uuid.UUID(int=101)
ENV_PROD = uuid.UUID(int=102)
ENV_TEST = uuid.UUID(int=100)
DOMAIN_A = uuid.UUID(int=201)
DOMAIN_B = uuid.UUID(int=202)
ANA = uuid.UUID(int=301)
BEN = uuid.UUID(int=302)
ENVS = {
    ENV_TEST: ("Test", "test", 1),
    ENV_STAGING: ("Staging", "staging", 2),
    ENV_PROD: ("Production", "prod", 3),
}
NAMES = {ANA: "Ana Ruiz", BEN: "Ben Okafor", DOMAIN_A: "Payments", DOMAIN_B: "Ledger"}


def at(hour: float, day: dt.date = DAY) -> dt.datetime:
    """``hour`` o'clock UTC on ``day`` (``hour`` may pass 24)."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC) + dt.timedelta(hours=hour)


def deployment(
    name: str,
    start: float,
    end: float,
    *,
    env: uuid.UUID = ENV_STAGING,
    domain: uuid.UUID = DOMAIN_A,
    release: uuid.UUID | None = None,
    people: tuple[uuid.UUID, ...] = (),
    day: dt.date = DAY,
    **more: Any,
) -> CalendarItem:
    """A deployment of release ``name`` (its own release unless ``release`` is given)."""
    env_name, stage, order = ENVS[env]
    rid = release or uuid.uuid5(uuid.NAMESPACE_OID, name)
    row = uuid.uuid5(uuid.NAMESPACE_OID, f"{name}:{env}:{start}:{day}")
    return CalendarItem(
        id=f"deployment:{row}",
        kind=ItemKind.DEPLOYMENT,
        start=at(start, day),
        end=at(end, day),
        title=f"{name} to {env_name}",
        row_id=row,
        table="deployment",
        domain_id=domain,
        domain_name=NAMES[domain],
        environment_id=env,
        environment_name=env_name,
        stage=stage,
        stage_order=order,
        release_id=rid,
        release_title=name,
        people=people,
        people_names=tuple(NAMES[p] for p in people),
        status=more.pop("status", "scheduled"),
        **more,
    )


def window(
    name: str,
    start: dt.datetime,
    end: dt.datetime,
    *,
    kind: ItemKind = ItemKind.FREEZE,
    domain: uuid.UUID | None = None,
    env: uuid.UUID | None = None,
) -> CalendarItem:
    """A freeze, blackout or holiday, workspace-wide unless narrowed."""
    env_name, stage, order = ENVS[env] if env else ("", "", 0)
    return CalendarItem(
        id=f"{kind.value}:{name}:{start.isoformat()}",
        kind=kind,
        start=start,
        end=end,
        title=name,
        domain_id=domain,
        domain_name=NAMES.get(domain, "") if domain else "",
        environment_id=env,
        environment_name=env_name,
        stage=stage,
        stage_order=order,
    )


def release_window(
    name: str,
    start: dt.datetime,
    end: dt.datetime,
    *,
    domain: uuid.UUID = DOMAIN_A,
    **more: Any,
) -> CalendarItem:
    rid = uuid.uuid5(uuid.NAMESPACE_OID, name)
    return CalendarItem(
        id=f"release:{rid}",
        kind=ItemKind.RELEASE_WINDOW,
        start=start,
        end=end,
        title=name,
        row_id=rid,
        table="release",
        domain_id=domain,
        domain_name=NAMES[domain],
        release_id=rid,
        release_title=name,
        status=more.pop("status", "planned"),
        **more,
    )
