"""The audit trail as history: who changed what and when, newest first, a page at a time.

Pages are keyset pages over ``(at, seq)`` (never ``OFFSET``): each one is a short range
of an index however long the trail is — the whole trail, one user's rows or one kind of
entity's (see migration 0006), or the rows of one release's entities. Rows one save
wrote for one entity become one :class:`HistoryEntry`, so a page always ends after a
whole save.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from itertools import groupby

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import clock
from app.services.history_names import (
    Ref,
    entity_tables,
    kind_label,
    model_of,
    names_of,
    reference_table,
)
from app.services.history_text import (
    AuditRow,
    FieldChange,
    description,
    field_changes,
    moment_text,
    verb_of,
)
from app.workspace import Workspace
from models import AuditLog, Release, Task, TaskLink

PAGE = 100
"""Audit rows read per page (a page ends after a whole save, so it may hold more)."""
_IN_CHUNK = 5000  # ids per IN list: below every database's parameter limit

_COLUMNS = [getattr(AuditLog, f.name) for f in fields(AuditRow)]


@dataclass(frozen=True)
class HistoryFilter:
    """Which part of the trail to show; every part left ``None`` shows all of it.

    ``since`` and ``until`` are days where the user is (``until`` included).
    """

    release_id: uuid.UUID | None = None
    user: str | None = None
    entity: str | None = None  # a table name, see :func:`entity_kinds`
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: just before this row."""

    at: dt.datetime
    seq: int


@dataclass(frozen=True)
class HistoryEntry:
    """One save of one entity, in words."""

    seq: int  # its newest audit row: unique, the entry's identity
    at: dt.datetime  # naive UTC, as stored
    user: str
    verb: str  # added | changed | deleted | restored
    entity: str  # table name
    entity_id: str
    kind: str  # "task", "scope item"
    name: str  # the entity's name ("" when it has none)
    text: str  # what happened, without who: "moved the planned end of …"
    changes: tuple[FieldChange, ...]

    @property
    def id(self) -> int:
        """The entry's identity (its newest audit row), as tables key their rows."""
        return self.seq

    @property
    def sentence(self) -> str:
        """Who did what: "Priya Raman moved the planned end of release 'X' from … to …"."""
        return f"{self.user} {self.text}"

    @property
    def when(self) -> str:
        """When, in the user's local time: ``9 Mar 2027 14:30``."""
        return moment_text(self.at)


@dataclass(frozen=True)
class HistoryPage:
    """Entries of one page and where the next one starts (None: this was the last)."""

    entries: tuple[HistoryEntry, ...]
    next: Cursor | None


def entity_kinds() -> list[tuple[str, str]]:
    """(table, label) of every kind of entity the history can be filtered by, by label."""
    return sorted(((t, kind_label(t)) for t in entity_tables()), key=lambda k: k[1])


def users(ws: Workspace) -> list[str]:
    """Everyone who wrote to the trail, by name (a loose index scan: one probe each)."""
    name = AuditLog.user_name
    step = sa.select(sa.func.min(name))
    found = sa.select(step.scalar_subquery().label("user")).cte("found", recursive=True)
    found = found.union_all(
        sa.select(step.where(name > found.c.user).scalar_subquery()).where(
            found.c.user.is_not(None)
        )
    )
    with ws.reading() as s:
        return [u for u in s.scalars(sa.select(found.c.user)) if u is not None]


def history_page(
    ws: Workspace, where: HistoryFilter, after: Cursor | None = None, limit: int = PAGE
) -> HistoryPage:
    """The newest entries matching ``where`` that come before ``after`` (or the newest)."""
    with ws.reading() as s:
        conditions = _conditions(where)
        ids = release_entity_ids(s, where.release_id) if where.release_id else None
        rows = _rows(s, conditions, ids, after, limit)
        more = len(rows) >= limit
        if rows:
            rows += _rest_of_save(s, conditions, rows[-1])
        entries = tuple(_entries(s, rows))
    cursor = Cursor(rows[-1].at, rows[-1].seq) if more else None
    return HistoryPage(entries, cursor)


def release_entity_ids(s: Session, release_id: uuid.UUID) -> list[str]:
    """The ids (as the trail writes them) of a release and every row that belongs to it:
    rows with its ``release_id`` (tasks, scope, sign-offs, handover…) and its task links."""
    ids = [release_id]
    for table in entity_tables():
        model = model_of(table)
        if model is not None and model is not Release and "release_id" in model.__table__.c:
            ids += s.scalars(sa.select(model.id).where(model.release_id == release_id))
    tasks = sa.select(Task.id).where(Task.release_id == release_id)
    ids += s.scalars(sa.select(TaskLink.id).where(TaskLink.predecessor_id.in_(tasks)))
    return [str(i) for i in ids]


def _conditions(where: HistoryFilter) -> list[sa.ColumnElement[bool]]:
    out: list[sa.ColumnElement[bool]] = []
    if where.user:
        out.append(AuditLog.user_name == where.user)
    if where.entity:
        out.append(AuditLog.entity == where.entity)
    if where.since:
        out.append(AuditLog.at >= _day_start(where.since))
    if where.until:
        out.append(AuditLog.at < _day_start(where.until + dt.timedelta(days=1)))
    return out


def _day_start(day: dt.date) -> dt.datetime:
    """Midnight of a local day, as a stored moment (UTC)."""
    return clock.from_local(dt.datetime.combine(day, dt.time()))


def _rows(
    s: Session,
    conditions: list[sa.ColumnElement[bool]],
    ids: list[str] | None,
    after: Cursor | None,
    limit: int,
) -> list[AuditRow]:
    keys = sa.select(AuditLog.seq).where(*conditions)
    if after is not None:
        keys = keys.where(sa.tuple_(AuditLog.at, AuditLog.seq) < sa.tuple_(after.at, after.seq))
    keys = keys.order_by(AuditLog.at.desc(), AuditLog.seq.desc()).limit(limit)
    # The page's rows are chosen from an index alone (the entity index holds at and seq
    # too: a release's ten thousand rows are sorted there), then read by their key.
    pages = (
        [keys]
        if ids is None
        else [
            keys.where(AuditLog.entity_id.in_(ids[start : start + _IN_CHUNK]))
            for start in range(0, len(ids), _IN_CHUNK)
        ]
    )
    found: list[AuditRow] = []  # the newest ``limit`` of each chunk, then of them all
    for page in pages:
        query = sa.select(*_COLUMNS).where(AuditLog.seq.in_(page.scalar_subquery()))
        found += (AuditRow(*r) for r in s.execute(query))
    return sorted(found, key=lambda r: (r.at, r.seq), reverse=True)[:limit]


def _rest_of_save(
    s: Session, conditions: list[sa.ColumnElement[bool]], last: AuditRow
) -> list[AuditRow]:
    """The rows of the last entry's save that fell after the page's end."""
    query = (
        sa.select(*_COLUMNS)
        .where(
            *conditions,
            AuditLog.entity_id == last.entity_id,
            AuditLog.at == last.at,
            AuditLog.user_name == last.user_name,
            AuditLog.seq < last.seq,
        )
        .order_by(AuditLog.seq.desc())
    )
    return [AuditRow(*r) for r in s.execute(query)]


def _save_key(row: AuditRow) -> tuple[object, ...]:
    return (row.at, row.user_name, row.entity, row.entity_id)


def _entries(s: Session, rows: Sequence[AuditRow]) -> Iterator[HistoryEntry]:
    names = names_of(s, _mentioned(rows))
    for _key, group in groupby(rows, key=_save_key):
        saved = list(group)[::-1]  # in the order they were written
        first = saved[0]
        changes = field_changes(saved, names)
        name = names.get((first.entity, first.entity_id)) or _written_name(changes)
        verb = verb_of(saved)
        yield HistoryEntry(
            seq=saved[-1].seq,
            at=first.at,
            user=first.user_name,
            verb=verb,
            entity=first.entity,
            entity_id=first.entity_id,
            kind=kind_label(first.entity),
            name=name,
            text=description(verb, first.entity, name, changes)
            + (f" (for {first.reason})" if first.reason else ""),
            changes=tuple(changes),
        )


def _written_name(changes: Sequence[FieldChange]) -> str:
    """The name the trail itself recorded (a row deleted for good has no other)."""
    return next((c.new or c.old for c in changes if c.field in ("name", "title", "subject")), "")


def _mentioned(rows: Sequence[AuditRow]) -> set[Ref]:
    refs: set[Ref] = set()
    for row in rows:
        refs.add((row.entity, row.entity_id))
        target = reference_table(row.entity, row.field) if row.field else None
        if target is not None:
            refs.update((target, v) for v in (row.old_value, row.new_value) if v)
        elif row.action == "insert" and row.new_value and row.new_value.startswith("{"):
            refs.update(_bulk_refs(row))
    return refs


def _bulk_refs(row: AuditRow) -> Iterator[Ref]:
    for field, value in json.loads(row.new_value or "{}").items():
        target = reference_table(row.entity, field)
        if target is not None:
            yield (target, value)
