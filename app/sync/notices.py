"""Announcing committed changes: ``pg_notify`` from the flush that writes them.

The notice carries the same summaries the services return
(:class:`~app.changes.Change`: table, action, row ids) and the ``origin`` of
the workspace that wrote them, so a window ignores its own echo. PostgreSQL delivers
notices only when the transaction commits, which makes them exactly as durable as the
change. A payload must stay under 8,000 bytes: a large change (an imported plan) is
announced per table without ids, which tells a view to reload that table's rows.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from app.changes import Change, ChangeAction
from models.base import Entity

CHANNEL = "releasedesk_changes"
MAX_PAYLOAD = 7_900  # PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more
_ID_BYTES = 39  # one id in the notice: 36 characters, quotes and a comma
ORIGIN_KEY = "announce_origin"  # Session.info key: who announces (see announce_changes)


def announce_changes(factory: sessionmaker[Any], origin: str) -> None:
    """Announce every flush of ``factory``'s sessions as coming from ``origin``.

    The hook goes on this factory alone (its own ``Session`` subclass), not on a class
    every workspace in the process shares: opening a shared workspace changes nothing
    for the sessions of any other.
    """
    factory.configure(info={**factory.kw.get("info", {}), ORIGIN_KEY: origin})
    event.listen(factory, "after_flush", announce_flush)


def flushed_changes(session: Session) -> list[Change]:
    """What the flush under way writes, one :class:`Change` per table and action."""
    touched: dict[tuple[str, ChangeAction], list[uuid.UUID]] = {}

    def add(obj: Entity, action: ChangeAction) -> None:
        touched.setdefault((obj.__tablename__, action), []).append(obj.id)

    for obj in session.new:
        if isinstance(obj, Entity):
            add(obj, ChangeAction.CREATED)
    for obj in session.dirty:
        if isinstance(obj, Entity) and session.is_modified(obj):
            deleted_at = inspect(obj).attrs["deleted_at"].history
            if deleted_at.added and deleted_at.added[0] is not None:
                add(obj, ChangeAction.DELETED)
            elif deleted_at.deleted and deleted_at.deleted[0] is not None:
                add(obj, ChangeAction.RESTORED)
            else:
                add(obj, ChangeAction.UPDATED)
    for obj in session.deleted:
        if isinstance(obj, Entity):
            add(obj, ChangeAction.DELETED)
    return [Change(entity, action, tuple(ids)) for (entity, action), ids in touched.items()]


def encode(origin: str, changes: list[Change]) -> str:
    """The notice text; per table without ids when the ids would not fit."""
    def dump(with_ids: bool) -> str:
        rows = [[c.entity, c.action.value, [str(i) for i in c.ids] if with_ids else []]
                for c in changes]
        return json.dumps({"origin": origin, "changes": rows}, separators=(",", ":"))

    if sum(len(c.ids) for c in changes) * _ID_BYTES > MAX_PAYLOAD:
        return dump(False)  # an import of thousands of rows: no need to build its list
    text = dump(True)
    return text if len(text.encode()) <= MAX_PAYLOAD else dump(False)


def decode(payload: str) -> tuple[str, tuple[Change, ...]]:
    """``(origin, changes)`` of a notice; a notice we cannot read yields no changes."""
    try:
        data: Any = json.loads(payload)
        changes = tuple(
            Change(str(entity), ChangeAction(action), tuple(uuid.UUID(i) for i in ids))
            for entity, action, ids in data["changes"]
        )
        return str(data["origin"]), changes
    except (ValueError, KeyError, TypeError):
        return "", ()


def announce_flush(session: Session, _ctx: Any) -> None:
    origin = session.info.get(ORIGIN_KEY)
    if origin is None:
        return
    changes = flushed_changes(session)
    if changes:
        session.connection().execute(
            sa.text("SELECT pg_notify(:channel, :payload)"),
            {"channel": CHANNEL, "payload": encode(origin, changes)},
        )
