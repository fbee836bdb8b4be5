"""What a plan import wrote, and taking it back (undo) or bringing it back (redo).

An import writes a release's whole plan in one transaction (tasks, links, calendars
and their exceptions, and the release itself when it made a new one).
:func:`import_changes` reads those rows back by key, whatever path wrote them, as the
change summary :func:`~app.services.plan_service.import_plan` returns.
:func:`withdraw_import` soft-deletes them through the audited session and
:func:`reinstate_import` restores the very same rows, so undo and redo keep ids,
audit trail and sync intact. Each takes the versions the previous step left: a row a
colleague changed in between is a :class:`~app.errors.ConflictError`, nothing written.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import clock
from app.changes import Change, ChangeAction
from app.services._rows import check_version
from app.workspace import Workspace
from models import Calendar, CalendarException, Release, Task, TaskLink
from models.base import Entity

_MODELS: dict[str, type[Entity]] = {
    m.__tablename__: m for m in (Task, TaskLink, CalendarException, Calendar, Release)
}
_IN_CHUNK = 900  # a statement takes at most so many parameters
_CALENDAR = Calendar.__tablename__
_RELEASE = Release.__tablename__


def import_changes(
    s: Session, release: Release, created: bool, calendar_ids: Sequence[uuid.UUID]
) -> tuple[Change, ...]:
    """The rows an import just wrote (flushed in ``s``), with their versions.

    ``calendar_ids`` starts with the plan's default calendar (the one the release may
    have been given). A release that existed is an ``UPDATED`` change: only the
    calendar link the import gave it is taken back on undo.
    """
    own_tasks = sa.select(Task.id).where(Task.release_id == release.id, Task.deleted_at.is_(None))
    queries = {
        Task.__tablename__: sa.select(Task.id, Task.version).where(
            Task.release_id == release.id, Task.deleted_at.is_(None)
        ),
        TaskLink.__tablename__: sa.select(TaskLink.id, TaskLink.version).where(
            TaskLink.successor_id.in_(own_tasks), TaskLink.deleted_at.is_(None)
        ),
        CalendarException.__tablename__: sa.select(
            CalendarException.id, CalendarException.version
        ).where(CalendarException.calendar_id.in_(list(calendar_ids))),
    }
    created_rows = ChangeAction.CREATED
    changes = [_change(table, created_rows, s.execute(q).all()) for table, q in queries.items()]
    calendars = sa.select(Calendar.id, Calendar.version).where(Calendar.id.in_(list(calendar_ids)))
    versions = dict(s.execute(calendars).all())
    changes.append(_change(_CALENDAR, created_rows, [(i, versions[i]) for i in calendar_ids]))
    action = ChangeAction.CREATED if created else ChangeAction.UPDATED
    changes.append(Change(_RELEASE, action, (release.id,), (release.version,)))
    return tuple(changes)


def withdraw_import(
    ws: Workspace, changes: Sequence[Change], expected: Mapping[uuid.UUID, int] | None = None
) -> tuple[Change, ...]:
    """Undo an import: soft-delete the rows ``changes`` created (or a redo restored).

    An existing release loses only the calendar link the import gave it. ``expected``
    maps ids to the versions the import (or the last redo) left; a row changed since
    raises :class:`ConflictError` and nothing is written.
    """
    return _toggle(ws, changes, True, expected)


def reinstate_import(
    ws: Workspace, changes: Sequence[Change], expected: Mapping[uuid.UUID, int] | None = None
) -> tuple[Change, ...]:
    """Redo an import: restore the rows :func:`withdraw_import` deleted (``changes`` are
    what it returned), and the calendar link it took from an existing release."""
    return _toggle(ws, changes, False, expected)


def _toggle(
    ws: Workspace,
    changes: Sequence[Change],
    delete: bool,
    expected: Mapping[uuid.UUID, int] | None,
) -> tuple[Change, ...]:
    """One transaction: every row of ``changes`` deleted (or restored), an existing
    release's link to the plan's default calendar taken away (or given back)."""
    calendar = _default_calendar(changes)
    old, new = (calendar, None) if delete else (None, calendar)
    out = []
    with ws.transaction() as s:
        for change in changes:
            if change.entity == _RELEASE and change.action == ChangeAction.UPDATED:
                relinked = _relink(s, change.id, old, new, expected)
                out += [relinked] if relinked is not None else []
            else:
                out.append(_set_deleted(s, change, delete, expected))
    return tuple(out)


def _change(table: str, action: ChangeAction, rows: Iterable[Any]) -> Change:
    pairs = list(rows)
    return Change(table, action, tuple(r[0] for r in pairs), tuple(r[1] for r in pairs))


def _default_calendar(changes: Sequence[Change]) -> uuid.UUID | None:
    calendars = next((c for c in changes if c.entity == _CALENDAR and c.ids), None)
    return calendars.ids[0] if calendars is not None else None


def _load_rows(s: Session, model: type[Entity], ids: Sequence[uuid.UUID]) -> list[Any]:
    return [
        row for start in range(0, len(ids), _IN_CHUNK)
        for row in s.scalars(sa.select(model).where(model.id.in_(ids[start:start + _IN_CHUNK])))
    ]


def _set_deleted(
    s: Session, change: Change, deleted: bool, expected: Mapping[uuid.UUID, int] | None
) -> Change:
    """Soft-delete (or restore) the rows of ``change``, each version-checked."""
    rows = _load_rows(s, _MODELS[change.entity], change.ids)
    when = clock.now() if deleted else None
    for row in rows:
        check_version(row, (expected or {}).get(row.id), {})
        row.deleted_at = when
    s.flush()
    action = ChangeAction.DELETED if deleted else ChangeAction.RESTORED
    return _change(change.entity, action, ((r.id, r.version) for r in rows))


def _relink(
    s: Session,
    release_id: uuid.UUID,
    old: uuid.UUID | None,
    new: uuid.UUID | None,
    expected: Mapping[uuid.UUID, int] | None,
) -> Change | None:
    """Point an existing release's calendar from ``old`` to ``new`` when it still is
    ``old`` (None when the import had not linked it: nothing to take back)."""
    release = s.get(Release, release_id)
    if release is None or old == new or release.calendar_id != old:
        return None
    check_version(release, (expected or {}).get(release.id), {"calendar_id": new})
    release.calendar_id = new
    s.flush()
    return Change(_RELEASE, ChangeAction.UPDATED, (release.id,), (release.version,))
