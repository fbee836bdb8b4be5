"""Reading a release's tasks and links for the task table: rows, row numbers, links.

The rows come in *outline order* (parents before their children, siblings by
``position``: the order :mod:`app.services.plan_loader` gives the engine), and each
task's ``row`` is its 1-based place in that order: the number the table shows and
predecessor text (:mod:`app.services.predecessor_text`) refers to.
:class:`RowNumbers` maps row numbers to task ids and back.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from app.errors import NotFoundError
from app.services import _rows
from app.services.predecessor_text import PredecessorEntry, format_predecessors
from app.workspace import Workspace
from models import Calendar, Task, TaskLink
from models.enums import ConstraintType, LagUnit, LinkType

# Siblings by position; creation then id break ties (rows restored into a renumbered list).
SIBLING_ORDER = (Task.position, Task.created_at, Task.id)


@dataclass(frozen=True)
class TaskRow:
    """One live task of a release, as the task table shows it.

    ``row`` is its 1-based place in the outline, ``depth`` its outline level (0 = top),
    ``index`` its place among its siblings (0-based), ``is_summary`` whether it has live
    sub-tasks; ``predecessors`` its predecessor links from tasks of the same release in
    predecessor text (``3FS+2d, 5``); links from other releases are not in that text.
    Dates are naive plan (wall-clock) time, durations working minutes unless
    ``duration_elapsed``.
    """

    id: uuid.UUID
    release_id: uuid.UUID
    parent_id: uuid.UUID | None
    position: int
    wbs: str
    name: str
    duration_minutes: int
    duration_elapsed: bool
    milestone: bool
    is_deployment: bool
    calendar_id: uuid.UUID | None
    constraint_type: ConstraintType
    constraint_date: dt.datetime | None
    deadline: dt.datetime | None
    actual_start: dt.datetime | None
    actual_finish: dt.datetime | None
    percent_complete: float
    notes: str
    version: int
    row: int = 0
    depth: int = 0
    index: int = 0
    is_summary: bool = False
    predecessors: str = ""


_COMPUTED = ("row", "depth", "index", "is_summary", "predecessors")  # not columns


@dataclass(frozen=True)
class LinkRow:
    """One live link into a task of a release (``predecessor_row`` is 0 when the
    predecessor belongs to another release, whose name is ``predecessor_release``)."""

    id: uuid.UUID
    predecessor_id: uuid.UUID
    successor_id: uuid.UUID
    link_type: LinkType
    lag: float
    lag_unit: LagUnit
    version: int
    predecessor_name: str = ""
    predecessor_row: int = 0
    successor_row: int = 0


@dataclass(frozen=True)
class RowNumbers:
    """Row numbers of a release's live tasks (1-based, outline order) and back."""

    task_ids: tuple[uuid.UUID, ...]
    rows: Mapping[uuid.UUID, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.rows:
            object.__setattr__(self, "rows", {t: n for n, t in enumerate(self.task_ids, 1)})

    def task_id(self, row: int) -> uuid.UUID | None:
        """The task shown at ``row`` (None when there is no such row)."""
        return self.task_ids[row - 1] if 1 <= row <= len(self.task_ids) else None

    def row_of(self, task_id: uuid.UUID) -> int | None:
        """The row number of ``task_id`` (None when it is not a live task of the release)."""
        return self.rows.get(task_id)


class _Node(Protocol):
    @property
    def id(self) -> uuid.UUID: ...

    @property
    def parent_id(self) -> uuid.UUID | None: ...


N = TypeVar("N", bound=_Node)


def outline(tasks: Sequence[N]) -> list[tuple[N, int]]:
    """``tasks`` (of one release, in :data:`SIBLING_ORDER`) in outline order with depth."""
    ids = {t.id for t in tasks}
    children: dict[uuid.UUID | None, list[N]] = defaultdict(list)
    for t in tasks:
        children[t.parent_id if t.parent_id in ids else None].append(t)
    out: list[tuple[N, int]] = []
    stack = [(t, 0) for t in reversed(children[None])]
    while stack:
        t, depth = stack.pop()
        out.append((t, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(t.id, ())))
    return out


def _own(release_id: uuid.UUID) -> sa.ColumnElement[bool]:
    return sa.and_(Task.release_id == release_id, Task.deleted_at.is_(None))


def row_numbers_in(s: Session, release_id: uuid.UUID) -> RowNumbers:
    """:class:`RowNumbers` of a release, read in the session ``s``."""
    places = s.execute(
        sa.select(Task.id, Task.parent_id).where(_own(release_id)).order_by(*SIBLING_ORDER)
    ).all()
    return RowNumbers(tuple(t.id for t, _depth in outline(places)))


def row_numbers(ws: Workspace, release_id: uuid.UUID) -> RowNumbers:
    """Row numbers ↔ task ids of a release's live tasks, as the task table numbers them."""
    with ws.reading() as s:
        return row_numbers_in(s, release_id)


def _links_into(s: Session, release_id: uuid.UUID, *extra: Any, raw: bool = False) -> list[Any]:
    """The live links into the release's live tasks from live tasks: rows of
    ``(predecessor_id, successor_id, link_type, lag, lag_unit, *extra)``; with ``raw``
    the two ids as the driver returns them (:func:`_rows.raw_key`, not parsed)."""
    pred = aliased(Task)
    ends = (TaskLink.predecessor_id, TaskLink.successor_id)
    if raw:
        ends = (_rows.raw_key(ends[0]).label("pred"), _rows.raw_key(ends[1]).label("succ"))
    return list(
        s.execute(
            sa.select(*ends, TaskLink.link_type, TaskLink.lag, TaskLink.lag_unit, *extra)
            .join(pred, pred.id == TaskLink.predecessor_id)
            .where(
                TaskLink.successor_id.in_(sa.select(Task.id).where(_own(release_id))),
                TaskLink.deleted_at.is_(None),
                pred.deleted_at.is_(None),
            )
            .order_by(TaskLink.created_at, TaskLink.id)
        ).all()
    )


def _predecessor_text(links: Iterable[Any], rows: Mapping[Any, int]) -> str:
    entries = [
        PredecessorEntry(row, kind, lag, unit)
        for pred, _succ, kind, lag, unit in links
        if (row := rows.get(pred)) is not None
    ]
    return format_predecessors(sorted(entries, key=lambda e: e.row))


def list_tasks(ws: Workspace, release_id: uuid.UUID) -> list[TaskRow]:
    """The live tasks of a release in outline order, numbered, with predecessor text."""
    with ws.reading() as s:
        query = _rows.row_select(TaskRow, Task, omit=_COMPUTED)
        query = query.add_columns(_rows.raw_key(Task.id).label("raw_id"))
        ordered = outline(s.execute(query.where(_own(release_id)).order_by(*SIBLING_ORDER)).all())
        # links are matched on raw ids: parsing 20,000 of them costs more than the rest
        row_of = {t.raw_id: n for n, (t, _depth) in enumerate(ordered, 1)}
        by_successor: dict[Any, list[Any]] = defaultdict(list)
        for link in _links_into(s, release_id, raw=True):
            by_successor[link[1]].append(link)
    parents = {t.parent_id for t, _depth in ordered}
    index: dict[uuid.UUID | None, int] = defaultdict(int)
    rows = []
    for n, (t, depth) in enumerate(ordered, 1):
        rows.append(
            TaskRow(
                *t[:-1],
                row=n,
                depth=depth,
                index=index[t.parent_id],
                is_summary=t.id in parents,
                predecessors=_predecessor_text(by_successor[t.raw_id], row_of),
            )
        )
        index[t.parent_id] += 1
    return rows


def _live_value(ws: Workspace, column: Any, task_id: uuid.UUID) -> Any:
    """``column`` of a live task; :class:`NotFoundError` when it is gone."""
    with ws.reading() as s:
        value = s.scalar(sa.select(column).where(Task.id == task_id, Task.deleted_at.is_(None)))
    if value is None:
        raise NotFoundError("That task no longer exists (it may have been deleted).")
    return value


def get_task(ws: Workspace, task_id: uuid.UUID) -> TaskRow:
    """One live task as the table shows it (:class:`NotFoundError` when gone)."""
    release_id = _live_value(ws, Task.release_id, task_id)
    return next(r for r in list_tasks(ws, release_id) if r.id == task_id)


def task_version(ws: Workspace, task_id: uuid.UUID) -> int:
    """The stored version of a live task (what the next edit of it must expect)."""
    return int(_live_value(ws, Task.version, task_id))


def list_links(ws: Workspace, release_id: uuid.UUID) -> list[LinkRow]:
    """The live links into the release's live tasks (from any release), by successor row."""
    with ws.reading() as s:
        numbers = row_numbers_in(s, release_id)
        pred = aliased(Task, name="pred_name")
        found = _links_into(
            s,
            release_id,
            TaskLink.id,
            TaskLink.version,
            sa.select(pred.name).where(pred.id == TaskLink.predecessor_id).scalar_subquery(),
        )
    rows = [
        LinkRow(
            link_id,
            p,
            succ,
            kind,
            lag,
            unit,
            version,
            name,
            numbers.row_of(p) or 0,
            numbers.row_of(succ) or 0,
        )
        for p, succ, kind, lag, unit, link_id, version, name in found
    ]
    return sorted(rows, key=lambda r: (r.successor_row, r.predecessor_row))


def get_link(ws: Workspace, link_id: uuid.UUID) -> LinkRow:
    """One live link (:class:`NotFoundError` when gone); rows are not numbered here."""
    with ws.reading() as s:
        x = s.get(TaskLink, link_id)
        if x is None or x.deleted_at is not None:
            raise NotFoundError("That task link no longer exists (it may have been deleted).")
        return LinkRow(
            x.id, x.predecessor_id, x.successor_id, x.link_type, x.lag, x.lag_unit, x.version
        )


def calendar_choices(ws: Workspace) -> list[tuple[uuid.UUID, str]]:
    """The live calendars a task can use, by name: ``(id, name)``."""
    with ws.reading() as s:
        return [
            (cid, name)
            for cid, name in s.execute(
                sa.select(Calendar.id, Calendar.name)
                .where(Calendar.deleted_at.is_(None))
                .order_by(Calendar.name)
            ).all()
        ]
