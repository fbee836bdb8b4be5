"""Small builders for hand-checked scheduling tests (week of Monday 2026-01-05)."""

from __future__ import annotations

import datetime as dt

from app.scheduling.plan import LagUnit, LinkSpec, LinkType, PlanSpec, TaskSpec

DAY = 480  # working minutes in MS Project's standard day
MONDAY = dt.datetime(2026, 1, 5, 8, 0)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A date-time in January 2026 (the 5th is a Monday)."""
    return dt.datetime(2026, 1, day, hour, minute)


def task(tid: str, minutes: int = DAY, **kw: object) -> TaskSpec:
    """A task named like its id in upper case."""
    return TaskSpec(tid, kw.pop("name", tid.upper()), minutes, **kw)  # type: ignore[arg-type]


def link(
    a: str,
    b: str,
    kind: str = "FS",
    lag: float = 0,
    unit: LagUnit = LagUnit.WORKING,
) -> LinkSpec:
    """A link ``a -> b``."""
    return LinkSpec(a, b, LinkType(kind), lag, unit)


def plan(tasks: list[TaskSpec], links: list[LinkSpec] = (), **kw: object) -> PlanSpec:  # type: ignore[assignment]
    """A plan starting Monday 2026-01-05 08:00 on the standard calendar."""
    return PlanSpec(tasks, list(links), project_start=MONDAY, **kw)  # type: ignore[arg-type]
