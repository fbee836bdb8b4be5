"""Open conflicts of the coordination calendar, as the board, the editor and the CLI
ask for them (the engine itself is :mod:`app.conflicts`)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict

import sqlalchemy as sa

from app import clock
from app.conflicts.conflict import Conflict
from app.conflicts.engine import find_conflicts
from app.conflicts.items import CONFLICT_KINDS, calendar_items
from app.conflicts.lookup import utc
from app.errors import ValidationError
from app.wall_time import plan_instant
from app.workspace import Workspace
from models import Deployment, Release, ReleasePackage

CONFLICT_INPUTS = frozenset(
    {
        "release",
        "deployment",
        "release_package",
        "calendar_exception",
        "calendar",
        "domain",
        "environment",
        "person",
        "release_dependency",
        "promotion_step",
    }
)
"""Tables whose changes can open or close a conflict (what a view listens for)."""

BOARD_PAST = dt.timedelta(days=92)
"""The board looks this far back for open conflicts (a deployment planned a quarter
ago and never recorded is a stale plan, not a clash to badge)…"""
BOARD_AHEAD = dt.timedelta(days=3 * 366)
"""…and this far ahead."""


def conflicts_between(ws: Workspace, start: dt.datetime, end: dt.datetime) -> list[Conflict]:
    """The open conflicts concerning ``[start, end)``, worst and earliest first."""
    if utc(end) <= utc(start):
        raise ValidationError("The range ends before it starts; give a start before the end.")
    items = calendar_items(ws, start, end, kinds=CONFLICT_KINDS)
    return find_conflicts(items, start=start, end=end)


def release_conflicts(ws: Workspace, release_id: uuid.UUID) -> list[Conflict]:
    """The open conflicts one release is involved in (over its window and deployments)."""
    span = _release_span(ws, release_id)
    if span is None:
        return []
    return [c for c in conflicts_between(ws, *span) if release_id in c.release_ids]


def conflicts_by_release(ws: Workspace) -> dict[uuid.UUID, list[Conflict]]:
    """Open conflicts per release id, from a quarter ago to three years ahead (the board)."""
    now = utc(clock.now())
    out: dict[uuid.UUID, list[Conflict]] = defaultdict(list)
    for conflict in conflicts_between(ws, now - BOARD_PAST, now + BOARD_AHEAD):
        for rid in conflict.release_ids:
            out[rid].append(conflict)
    return dict(out)


def conflict_sentences(ws: Workspace) -> dict[uuid.UUID, tuple[str, ...]]:
    """What the board's cards say: per release id, its open conflicts' sentences, worst
    first (see :func:`conflicts_by_release`)."""
    return {
        rid: tuple(c.sentence for c in found) for rid, found in conflicts_by_release(ws).items()
    }


def _release_span(ws: Workspace, release_id: uuid.UUID) -> tuple[dt.datetime, dt.datetime] | None:
    with ws.reading() as s:
        rel = s.execute(
            sa.select(Release.planned_start, Release.planned_end).where(
                Release.id == release_id, Release.deleted_at.is_(None)
            )
        ).first()
        if rel is None:
            return None
        rows = s.execute(
            sa.select(
                Deployment.planned_start,
                Deployment.planned_end,
                Deployment.actual_start,
                Deployment.actual_end,
            )
            .join(ReleasePackage, ReleasePackage.id == Deployment.package_id)
            .where(
                ReleasePackage.release_id == release_id,
                ReleasePackage.deleted_at.is_(None),
                Deployment.deleted_at.is_(None),
            )
        ).all()
    moments = [utc(m) for row in rows for m in row if m is not None]
    moments += [plan_instant(m) for m in rel if m is not None]  # wall clock of the plan
    if not moments:
        return None
    # A deployment planned without an end still lasts an hour (see the item loader).
    return min(moments), max(moments) + dt.timedelta(hours=1)
