"""Dependencies between releases: which release cannot ship before which other one.

A dependency that would close a circle (A needs B, B needs A, possibly through others)
is refused, naming the releases of the circle in order.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from app.changes import Change
from app.errors import ValidationError
from app.services import _rows, cascade
from app.workspace import Workspace
from models import Domain, Release, ReleaseDependency
from models.enums import ReleaseStatus


@dataclass(frozen=True)
class DependencyRow:
    """One dependency seen from one release; the ``depends_on_*`` fields describe the *other*
    release (what it needs in :func:`list_dependencies`, who needs it in
    :func:`list_dependents`)."""

    id: uuid.UUID
    release_id: uuid.UUID
    depends_on_id: uuid.UUID
    depends_on_title: str
    depends_on_domain: str
    depends_on_domain_colour: str
    depends_on_status: ReleaseStatus
    depends_on_planned_end: dt.datetime | None
    note: str
    version: int


def _rows_of(ws: Workspace, release_id: uuid.UUID, *, dependents: bool) -> list[DependencyRow]:
    here, there = (
        (ReleaseDependency.depends_on_id, ReleaseDependency.release_id)
        if dependents
        else (ReleaseDependency.release_id, ReleaseDependency.depends_on_id)
    )
    other = aliased(Release)
    query = (
        sa.select(
            ReleaseDependency.id,
            here,
            there,
            other.title,
            sa.func.coalesce(Domain.name, ""),
            sa.func.coalesce(Domain.colour, "#8a8f98"),
            other.status,
            other.planned_end,
            ReleaseDependency.note,
            ReleaseDependency.version,
        )
        .join(other, other.id == there)
        .outerjoin(Domain, _rows.live_ref(Domain, other.domain_id))
        .where(here == release_id, ReleaseDependency.deleted_at.is_(None))
        .where(other.deleted_at.is_(None))
        .order_by(other.planned_end, other.name)
    )
    return _rows.fetch(ws, DependencyRow, query)


def list_dependencies(ws: Workspace, release_id: uuid.UUID) -> list[DependencyRow]:
    """The live releases this release depends on, by planned end."""
    return _rows_of(ws, release_id, dependents=False)


def list_dependents(ws: Workspace, release_id: uuid.UUID) -> list[DependencyRow]:
    """The live releases that depend on this one (``depends_on_*`` = the dependent)."""
    return _rows_of(ws, release_id, dependents=True)


def _path(s: Session, start: uuid.UUID, goal: uuid.UUID) -> list[uuid.UUID] | None:
    """A chain of live "depends on" links from ``start`` to ``goal``, if there is one."""
    edges: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    target = aliased(Release)
    live = s.execute(
        sa.select(ReleaseDependency.release_id, ReleaseDependency.depends_on_id)
        .join(Release, Release.id == ReleaseDependency.release_id)
        .join(target, target.id == ReleaseDependency.depends_on_id)
        .where(
            ReleaseDependency.deleted_at.is_(None),
            Release.deleted_at.is_(None),
            target.deleted_at.is_(None),
        )
    ).all()
    for src, dst in live:
        edges[src].append(dst)
    came_from: dict[uuid.UUID, uuid.UUID | None] = {start: None}
    frontier = [start]
    while frontier:  # breadth first: the shortest circle is the clearest to read
        nxt: list[uuid.UUID] = []
        for node in frontier:
            for dst in edges[node]:
                if dst in came_from:
                    continue
                came_from[dst] = node
                if dst == goal:
                    path = [dst]
                    while (prev := came_from[path[-1]]) is not None:
                        path.append(prev)
                    return path[::-1]
                nxt.append(dst)
        frontier = nxt
    return None


def _check_link(
    s: Session, release_id: uuid.UUID, depends_on_id: uuid.UUID, own: uuid.UUID | None = None
) -> None:
    """Refuse a self-dependency, a second copy of a live one (other than ``own``, the
    dependency being restored), and one closing a circle."""
    release = _rows.require_ref(s, Release, release_id)
    needed = _rows.require_ref(s, Release, depends_on_id, "release to depend on")
    if release.id == needed.id:
        raise ValidationError(f"{release.title} cannot depend on itself.")
    twin = s.scalar(
        sa.select(ReleaseDependency.id).where(
            ReleaseDependency.release_id == release.id,
            ReleaseDependency.depends_on_id == needed.id,
            ReleaseDependency.deleted_at.is_(None),
            ReleaseDependency.id != own if own is not None else sa.true(),
        )
    )
    if twin is not None:
        raise ValidationError(f"{release.title} already depends on {needed.title}.")
    back = _path(s, needed.id, release.id)
    if back is not None:
        _refuse_circle(s, release.id, back)


def _refuse_circle(s: Session, start: uuid.UUID, back: list[uuid.UUID]) -> None:
    """Refuse with the circle ``start`` → ``back`` (which ends at ``start``), by title."""
    rels = s.scalars(sa.select(Release).where(Release.id.in_(back)))
    names = {r.id: r.title for r in rels}
    circle = " → ".join(names[r] for r in [start, *back])
    raise ValidationError(f"Releases would depend on each other in a circle: {circle}")


def refuse_circle_through(s: Session, release: Release) -> None:
    """Refuse (:class:`ValidationError` naming the circle) when the live dependencies
    lead from ``release`` back to itself: the check a restored release must pass."""
    needed = s.scalars(
        sa.select(ReleaseDependency.depends_on_id)
        .join(Release, Release.id == ReleaseDependency.depends_on_id)
        .where(
            ReleaseDependency.release_id == release.id,
            ReleaseDependency.deleted_at.is_(None),
            Release.deleted_at.is_(None),
        )
    ).all()
    for other in needed:
        back = _path(s, other, release.id)
        if back is not None:
            _refuse_circle(s, release.id, back)


def add_dependency(
    ws: Workspace, release_id: uuid.UUID, depends_on_id: uuid.UUID, note: str = ""
) -> Change:
    """Record that ``release_id`` cannot ship before ``depends_on_id``.

    Refused: a release depending on itself, the same dependency twice, and a dependency
    that closes a circle (the message walks the circle: "A 1.0 → B 2.0 → A 1.0").
    """
    with ws.transaction() as s:
        _check_link(s, release_id, depends_on_id)
        dep = ReleaseDependency(
            release_id=release_id, depends_on_id=depends_on_id, note=str(note or "").strip()
        )
        return _rows.create(s, dep)


remove_dependency, restore_dependency = cascade.delete_and_restore(
    ReleaseDependency,
    # Refused like add_dependency when, since the removal, a copy of the dependency was
    # added or other dependencies would now close a circle with it.
    check=lambda s, dep: _check_link(s, dep.release_id, dep.depends_on_id, dep.id),
)
