"""Which tasks a release's schedule needs: its own and everything upstream, set-based.

A release's schedule depends on its own tasks and on every task *upstream* of them:
predecessors through links (transitively, across releases), every descendant of a
predecessor that is a summary task (they make its dates), and the summary tasks above
every loaded task (links on a summary drive its children).

The functions here state those sets as SQL conditions, so the loader reads them with a
fixed handful of selects whatever the size of the release, instead of walking it with
lists of ids (which cost ~600 ``IN (...)`` queries and 200,000 ``uuid.UUID`` objects for
a 100,000-task release). The releases' own tasks are taken whole through
``task.release_id`` (:func:`own_filter`); only the upstream part, usually small, is
walked by a recursive CTE (:func:`upstream_filter`) seeded with the boundary: the few
tasks of other releases that the own tasks' links and parents name. Its rows are
``(id, full)``: ``full`` says the task's children are needed too (a predecessor, or a
descendant of one), not for a summary loaded only for its links.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from models import Task, TaskLink

_T = Task.__table__
_L = TaskLink.__table__


def own_filter(
    release_ids: Sequence[uuid.UUID],
) -> tuple[sa.ColumnElement[bool], sa.ColumnElement[bool]]:
    """``(task condition, link condition)``: a live task of the releases, a live link
    into one (from anywhere)."""
    own_ids = sa.select(_T.c.id).where(_live(_T), _T.c.release_id.in_(release_ids))
    return (
        sa.and_(_live(Task), Task.release_id.in_(release_ids)),
        sa.and_(_live(TaskLink), TaskLink.successor_id.in_(own_ids)),
    )


def upstream_filter(
    dialect: str,
    release_ids: Sequence[uuid.UUID],
    predecessors: Sequence[uuid.UUID],
    parents: Sequence[uuid.UUID],
) -> tuple[sa.ColumnElement[bool], sa.ColumnElement[bool]]:
    """``(task condition, link condition)`` of the upstream tasks outside the releases,
    reached from the releases' tasks through ``predecessors`` (tasks of other releases
    linked into them) and ``parents`` (their summary tasks in other releases)."""
    up_ids = sa.select(_upstream(dialect, release_ids, predecessors, parents).c.id)
    return (
        sa.and_(_live(Task), Task.id.in_(up_ids)),
        sa.and_(_live(TaskLink), TaskLink.successor_id.in_(up_ids)),
    )


def _live(table: Any) -> sa.ColumnElement[bool]:
    return table.c.deleted_at.is_(None) if hasattr(table, "c") else table.deleted_at.is_(None)


def _upstream(
    dialect: str,
    release_ids: Sequence[uuid.UUID],
    predecessors: Sequence[uuid.UUID],
    parents: Sequence[uuid.UUID],
) -> sa.CTE:
    """The recursive CTE ``(id, full)`` of upstream tasks outside the releases."""
    succ, pred = _T.alias("succ"), _T.alias("pred")
    outside = sa.and_(_live(pred), pred.c.release_id.not_in(release_ids))
    full, only = sa.literal(1, sa.Integer), sa.literal(0, sa.Integer)
    seed = sa.union(
        sa.select(pred.c.id, full.label("full")).where(pred.c.id.in_(predecessors), outside),
        sa.select(pred.c.id, only).where(pred.c.id.in_(parents), outside),
    ).subquery()
    up = sa.select(seed.c.id, seed.c.full).cte("upstream", recursive=True)
    u, child = up.alias("u"), _T.alias("child")
    if dialect == "sqlite":
        # SQLite walks each relation through its index, one recursive select each; a
        # single select over a UNION ALL of the relations would materialise all of them.
        return up.union(
            sa.select(_L.c.predecessor_id, full)
            .join(u, _L.c.successor_id == u.c.id)
            .join(pred, pred.c.id == _L.c.predecessor_id)
            .where(_live(_L), outside),
            sa.select(succ.c.parent_id, only)
            .join(u, succ.c.id == u.c.id)
            .join(pred, pred.c.id == succ.c.parent_id)
            .where(outside),
            sa.select(child.c.id, full)
            .join(u, child.c.parent_id == u.c.id)
            .where(u.c.full == 1, _live(child)),
        )
    # PostgreSQL allows one recursive reference: the three steps go in a LATERAL
    # subquery run per upstream row, so each is an index look-up on that row's id.
    step = sa.union_all(
        sa.select(_L.c.predecessor_id.label("id"), full.label("full"))
        .where(_L.c.successor_id == u.c.id, _live(_L)),
        sa.select(succ.c.parent_id, only).where(succ.c.id == u.c.id),
        sa.select(child.c.id, full).where(child.c.parent_id == u.c.id, u.c.full == 1),
    ).lateral("step")
    return up.union(
        sa.select(step.c.id, step.c.full)
        .select_from(u)
        .join(step, sa.true())
        .join(pred, pred.c.id == step.c.id)
        .where(outside)
    )
