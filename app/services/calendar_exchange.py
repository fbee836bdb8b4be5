"""Calendar export to and import from iCalendar (``.ics``) files.

Export writes the coordination calendar (see :mod:`app.services.calendar_feed`) to a
file, replacing it whole or not at all, and never a file that is not a calendar
ReleaseDesk wrote. Import brings freeze, blackout and holiday windows from a file into
the workspace in ONE audited transaction: the file is read and checked whole first, so a
bad event anywhere leaves the workspace as it was. A window imported before (the same
UID) is updated, not added again; a window this workspace exported itself
(``<id>@releasedesk``) is found by its id.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import clock
from app.calendar_kinds import EXPORT_KINDS, WINDOW_KINDS
from app.changes import Change, ChangeAction
from app.errors import NotFoundError, ValidationError
from app.interchange.file_output import check_export_target, replacing
from app.interchange.ics_errors import CalendarFileError
from app.interchange.ics_export import (
    PRODID,
    UID_DOMAIN,
    is_whole_days,
    last_day,
    write_calendar,
)
from app.interchange.ics_import import IcsDocument, IcsWindow, read_calendar_file
from app.interchange.ics_recurrence import same_rule
from app.services.calendar_feed import FeedFilter, calendar_events
from app.services.calendar_import_undo import WindowEdit, edit_of
from app.workspace import Workspace
from models import CalendarException, Domain, Environment
from models.enums import CalendarExceptionKind

_CHUNK = 500  # ids per IN (...) query


@dataclass(frozen=True)
class CalendarImport:
    """What an import did: windows created, updated (or restored) and left as they were.

    ``created_ids`` and ``edits`` are what undo takes back (see
    :mod:`app.services.calendar_import_undo`).
    """

    created: int
    updated: int
    unchanged: int
    changes: tuple[Change, ...]
    notes: tuple[str, ...]
    created_ids: tuple[uuid.UUID, ...] = ()
    edits: tuple[WindowEdit, ...] = ()


def export_calendar(
    ws: Workspace,
    path: str | Path,
    *,
    domain: str | uuid.UUID | None = None,
    release: str | uuid.UUID | None = None,
    kinds: Iterable[str] = (),
) -> int:
    """Write the calendar (all of it, or one domain's, release's or kinds') to ``path``.

    ``domain`` and ``release`` are names (a domain's code too) or ids.

    Returns the number of events written. Refuses (:class:`CalendarFileError`) a path
    that holds anything but a calendar ReleaseDesk exported, the open workspace, any
    database, a folder or a device.
    """
    target = Path(path)
    protected = (ws.file,) if ws.file is not None else ()
    check_export_target(target, protected)
    _check_own_file(target)
    chosen = FeedFilter(
        domain_id=domain_id_named(ws, domain) if domain else None,
        release_id=_release_id(ws, release) if release else None,
        kinds=_kinds(kinds),
    )
    with ws.reading() as s, replacing(target, protected) as out:
        events = calendar_events(s, chosen)
        return write_calendar(out, events, clock.now(), f"ReleaseDesk: {ws.name}")


def _check_own_file(path: Path) -> None:
    """Refuse to replace an existing file that is not a calendar ReleaseDesk wrote."""
    try:
        with path.open("rb") as existing:
            head = existing.read(4096)
    except (FileNotFoundError, IsADirectoryError):
        return
    except OSError:
        return  # cannot look: writing will say why
    if b"BEGIN:VCALENDAR" in head and PRODID.encode() in head.replace(b"\r\n ", b""):
        return
    raise CalendarFileError(
        str(path),
        "the file exists and is not a calendar ReleaseDesk exported; an export replaces "
        "only its own files. Choose another file name.",
        verb="write",
    )


def _kinds(kinds: Iterable[str]) -> frozenset[str]:
    chosen = frozenset(k.lower() for k in kinds)
    unknown = sorted(chosen - set(EXPORT_KINDS))
    if unknown:
        raise ValidationError(
            f"Unknown kind '{unknown[0]}'; choose from {', '.join(EXPORT_KINDS)}."
        )
    return chosen or frozenset(EXPORT_KINDS)


def domain_id_named(ws: Workspace, name: str | uuid.UUID) -> uuid.UUID:
    """A live domain by name or code (any case); NotFoundError naming the known ones."""
    if isinstance(name, uuid.UUID):
        return name
    with ws.reading() as s:
        rows = s.execute(
            sa.select(Domain.id, Domain.name, Domain.code).where(Domain.deleted_at.is_(None))
        ).all()
    wanted = name.strip().casefold()
    for row_id, domain_name, code in rows:
        if wanted in (domain_name.casefold(), (code or "").casefold()):
            return row_id
    known = ", ".join(sorted(r[1] for r in rows)) or "none yet"
    raise NotFoundError(f"No domain named '{name}' (domains: {known}).")


def _release_id(ws: Workspace, name: str | uuid.UUID) -> uuid.UUID:
    from app.services.release_service import find_release

    return name if isinstance(name, uuid.UUID) else find_release(ws, name).id


def import_calendar(
    ws: Workspace, path: str | Path, *, domain: str | None = None, kind: str | None = None
) -> CalendarImport:
    """Import the windows of the ``.ics`` file ``path`` (see the module's docstring).

    ``domain`` narrows every window to that domain (else the domain the file names, when
    this workspace has it, else workspace-wide); ``kind`` makes every window that kind
    (else the kind the file says, else a freeze).
    """
    if kind is not None and kind.lower() not in WINDOW_KINDS:
        raise ValidationError(f"Unknown kind '{kind}'; choose from {', '.join(WINDOW_KINDS)}.")
    document = read_calendar_file(Path(path))
    return import_windows(ws, document, domain=domain, kind=kind)


def import_windows(
    ws: Workspace, document: IcsDocument, *, domain: str | None = None, kind: str | None = None
) -> CalendarImport:
    """Write the windows of a read file in one audited transaction."""
    domain_id = domain_id_named(ws, domain) if domain else None
    notes = list(document.notes)
    created: list[CalendarException] = []
    updated: list[CalendarException] = []
    edits: list[WindowEdit] = []
    with ws.transaction() as s:
        domains = _names(s, Domain)
        environments = _names(s, Environment)
        existing = _existing(s, document.windows)
        for window in document.windows:
            values = {
                "name": window.name,
                "kind": CalendarExceptionKind((kind or window.kind or "freeze").lower()),
                "start": window.start,
                "finish": window.finish,
                "rrule": window.rrule,
                "domain_id": domain_id or _named(domains, window.domain, window, notes),
                "environment_id": _named(environments, window.environment, window, notes),
            }
            row = existing.get(window.uid)
            if row is not None and _same_days(row, window):
                values["finish"] = row.finish  # 23:59 or midnight: the same last day
            if row is not None and same_rule(row.rrule, window.rrule, window.all_day):
                values["rrule"] = row.rrule  # the same recurrence, written another way
            if row is None:
                row = CalendarException(ical_uid=window.uid, **values)
                s.add(row)
                created.append(row)
            elif row.deleted_at is not None or any(getattr(row, k) != v for k, v in values.items()):
                edits.append(edit_of(row, values))
                for key, value in values.items():
                    setattr(row, key, value)
                row.deleted_at = None
                updated.append(row)
        s.flush()
        changes = tuple(
            Change(
                CalendarException.__tablename__,
                action,
                tuple(r.id for r in rows),
                tuple(r.version for r in rows),
            )
            for action, rows in ((ChangeAction.CREATED, created), (ChangeAction.UPDATED, updated))
            if rows
        )
    unchanged = len(document.windows) - len(created) - len(updated)
    return CalendarImport(
        len(created),
        len(updated),
        unchanged,
        changes,
        tuple(notes),
        tuple(r.id for r in created),
        tuple(edits),
    )


def _same_days(row: CalendarException, window: IcsWindow) -> bool:
    """True when an all-day window covers the same days as the whole-day ``row``."""
    return (
        window.all_day
        and row.start == window.start
        and is_whole_days(row.start, row.finish)
        and last_day(row.start, row.finish) == last_day(window.start, window.finish)
    )


def _names(s: Session, model: type[Domain] | type[Environment]) -> dict[str, uuid.UUID]:
    rows = s.execute(sa.select(model.name, model.id).where(model.deleted_at.is_(None)))
    return {name.casefold(): row_id for name, row_id in rows}


def _named(
    known: dict[str, uuid.UUID], name: str | None, window: IcsWindow, notes: list[str]
) -> uuid.UUID | None:
    if not name:
        return None
    found = known.get(name.casefold())
    if found is None:
        notes.append(
            f"{window.where}: '{name}' is not known in this workspace; the window applies "
            "without it."
        )
    return found


def _existing(s: Session, windows: Sequence[IcsWindow]) -> dict[str, CalendarException]:
    """The rows the windows' UIDs name: by ``ical_uid``, or by id for our own UIDs."""
    uids = [w.uid for w in windows]
    own = {_own_id(uid): uid for uid in uids}
    own.pop(None, None)
    found: dict[str, CalendarException] = {}
    for start in range(0, len(uids), _CHUNK):
        chunk = uids[start : start + _CHUNK]
        for row in s.scalars(
            sa.select(CalendarException).where(CalendarException.ical_uid.in_(chunk))
        ):
            found[row.ical_uid or ""] = row
    ids = list(own)
    for start in range(0, len(ids), _CHUNK):
        for row in s.scalars(
            sa.select(CalendarException).where(
                CalendarException.id.in_(ids[start : start + _CHUNK])
            )
        ):
            found.setdefault(own[row.id], row)
    return found


def _own_id(uid: str) -> uuid.UUID | None:
    """The row id in a UID this workspace exported (``<uuid>@releasedesk``), else None."""
    head, _, tail = uid.partition("@")
    if tail != UID_DOMAIN:
        return None
    try:
        return uuid.UUID(head)
    except ValueError:
        return None
