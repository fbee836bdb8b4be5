"""Small helpers every editor service shares: load, check, create, update.

(Deleting and restoring, with what a row owns, is :mod:`app.services.cascade`.)

Conventions (kept the same across services so the UI can treat errors uniformly):

- the row an operation is *about* (``item_id``) missing or deleted → :class:`NotFoundError`;
- a row the caller *refers to* in its input (a release, a person, an owner) missing or
  deleted → :class:`ValidationError`, because the input is what is wrong;
- a save against a stale ``expected_version`` → :class:`ConflictError` listing, field by
  field, their value and ours; nothing is written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import gc
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import clock
from app.changes import Change, ChangeAction
from app.dates_text import moment
from app.errors import Conflict, ConflictError, NotFoundError, ValidationError, show
from app.services.field_values import same_value
from app.workspace import Workspace
from models.base import Entity

E = TypeVar("E", bound=Entity)
R = TypeVar("R")
Prepare = Callable[[Session, Any, dict[str, Any]], dict[str, Any]]
# Clocks of two laptops disagree a little; a timestamp this far ahead still counts as "now".
CLOCK_SKEW = dt.timedelta(minutes=5)


def label(model: type[Entity]) -> str:
    """How a coordinator names a kind of row: ``scope_item`` → ``scope item``."""
    return str(model.__tablename__).replace("_", " ")


def check_version(obj: Entity, expected: int | None, mine: Mapping[str, Any]) -> None:
    """Refuse to save over a newer version: :class:`ConflictError` with theirs vs mine.

    ``expected`` None skips the check (a script, or the user chose to keep theirs over).
    Fields are compared as values (full precision), and each conflict carries both the
    typed values and their display text.
    """
    if expected is None or obj.version == expected:
        return
    conflicts = tuple(
        Conflict(k, show(theirs), show(v), theirs, v)
        for k, v in mine.items()
        if not same_value(theirs := getattr(obj, k), v)
    )
    raise ConflictError(label(type(obj)), str(obj.id), conflicts, table=obj.__tablename__)


def changed(s: Session, obj: Entity, action: ChangeAction) -> Change:
    """The change of one row, with the version it has once written (flushed now)."""
    s.flush()
    return Change(obj.__tablename__, action, (obj.id,), (obj.version,))


def load_live(s: Session, model: type[E], row_id: uuid.UUID) -> E:
    """The live row an operation is about; :class:`NotFoundError` if absent or deleted."""
    obj = s.get(model, row_id)
    if obj is None or obj.deleted_at is not None:
        raise NotFoundError(f"That {label(model)} no longer exists (it may have been deleted).")
    return obj


def require_ref(s: Session, model: type[E], row_id: uuid.UUID | None, what: str = "") -> E:
    """A live row the input refers to; :class:`ValidationError` if absent or deleted."""
    obj = s.get(model, row_id) if row_id is not None else None
    if obj is None or obj.deleted_at is not None:
        raise ValidationError(
            f"The chosen {what or label(model)} does not exist (it may have been deleted)."
        )
    return obj


def live_ref(target: Any, column: Any) -> sa.ColumnElement[bool]:
    """The outer-join condition of an optional reference: ``column`` names a live row of
    ``target`` (a model or an alias). A reference to a deleted row then reads as none."""
    return sa.and_(target.id == column, target.deleted_at.is_(None))


def required_text(value: Any, what: str, max_len: int) -> str:
    """``value`` stripped; refused when empty or longer than the column holds."""
    text = str(value or "").strip()
    if not text:
        raise ValidationError(f"The {what} cannot be empty.")
    return limited_text(text, what, max_len)


def limited_text(value: Any, what: str, max_len: int) -> str:
    """``value`` stripped (may be empty); refused when longer than the column holds."""
    text = str(value or "").strip()
    if len(text) > max_len:
        raise ValidationError(
            f"The {what} is too long ({len(text)} characters; at most {max_len})."
        )
    return text


def choice(enum_cls: type[enum.StrEnum], value: Any, what: str) -> Any:
    """``value`` as a member of ``enum_cls``; a readable refusal listing the options."""
    try:
        return enum_cls(value)
    except ValueError:
        options = ", ".join(m.value for m in enum_cls)
        raise ValidationError(f"'{value}' is not a valid {what} (choose {options}).") from None


def naive_utc(value: dt.datetime | None) -> dt.datetime | None:
    """Aware datetimes converted to naive UTC (how every timestamp is stored)."""
    if value is not None and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def past_moment(value: dt.datetime | None, what: str) -> dt.datetime:
    """A moment that has happened (default now) as naive UTC; the future is refused."""
    now = clock.now()
    if value is None:
        return now
    value = naive_utc(value)
    if value > now + CLOCK_SKEW:
        raise ValidationError(f"The {what} ({moment(value)}) lies in the future.")
    return value


def row_select(
    row_type: type, model: type[Entity], *, omit: Iterable[str] = (), **extra: Any
) -> sa.Select[Any]:
    """A select of one column per field of ``row_type``, in field order.

    A field is read from ``extra`` when named there (a joined name, a coalesce), else
    from ``model``'s column of that name; fields in ``omit`` are computed by the caller.
    """
    skipped = set(omit)
    return sa.select(
        *(
            extra[f.name].label(f.name) if f.name in extra else getattr(model, f.name)
            for f in dataclasses.fields(row_type)
            if f.name not in skipped
        )
    )


def raw_key(column: Any) -> Any:
    """An id column as the driver returns it, not parsed into a UUID.

    A hex string on SQLite, a UUID on PostgreSQL: only use it as a key matched against
    other raw keys. Parsing is ~10 µs per value, the dominant cost of board-wide queries.
    """
    return sa.type_coerce(column, sa.String)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Read and build many rows without Python's cyclic garbage collector meanwhile.

    The rows of a 10,000-row read are all kept, yet allocating them sets off full
    collections that walk every object of the application (~40 % of the risk log's
    read). Rows hold no cycles, so collecting after loses nothing. The collector is
    never left off when it was on (another thread's pause may end this one early).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def uuid_reader() -> Callable[[Any], uuid.UUID | None]:
    """A reader of :func:`raw_key` values back into UUIDs (None stays None).

    PostgreSQL's driver already gives UUIDs; a SQLite hex string is parsed once per
    distinct value (a release or owner id repeats across thousands of rows).
    """
    seen: dict[Any, uuid.UUID | None] = {None: None}

    def read(raw: Any) -> uuid.UUID | None:
        found = seen.get(raw, seen)
        if found is seen:
            found = seen[raw] = raw if isinstance(raw, uuid.UUID) else uuid.UUID(raw)
        return found  # type: ignore[return-value]

    return read


def fetch(ws: Workspace, row_type: Callable[..., R], query: sa.Select[Any]) -> list[R]:
    """Run ``query`` in its own transaction; each result row becomes ``row_type(*row)``."""
    with ws.reading() as s:
        return [row_type(*r) for r in s.execute(query).all()]


def check_fields(model: type[Entity], values: Iterable[str], editable: Iterable[str]) -> None:
    """Refuse field names a service does not let callers edit."""
    unknown = set(values) - set(editable)
    if unknown:
        fields = "field" if len(unknown) == 1 else "fields"
        raise ValidationError(f"Unknown {label(model)} {fields}: {', '.join(sorted(unknown))}.")


def create(s: Session, obj: Entity) -> Change:
    """Add ``obj`` and return the creation change (its id is known after the flush)."""
    s.add(obj)
    return changed(s, obj, ChangeAction.CREATED)


def update(
    ws: Workspace,
    model: type[Entity],
    row_id: uuid.UUID,
    expected_version: int | None,
    values: dict[str, Any],
    *,
    editable: Iterable[str],
    prepare: Prepare | None = None,
) -> Change:
    """One transaction: load, normalise/validate (``prepare``), version-check, assign."""
    check_fields(model, values, editable)
    with ws.transaction() as s:
        obj = load_live(s, model, row_id)
        if prepare is not None:
            values = prepare(s, obj, dict(values))
        check_version(obj, expected_version, values)
        for key, value in values.items():
            setattr(obj, key, value)
        return changed(s, obj, ChangeAction.UPDATED)


def reorder(s: Session, item: E, siblings: list[E], new_position: int) -> Change:
    """Move ``item`` to index ``new_position`` (clamped) of ``siblings`` (its live list,
    ``item`` included, in its current order) and renumber them 0, 1, 2, …; only rows
    whose ``position`` changes are written. The change lists them with their versions."""
    ordered = [each for each in siblings if each is not item]
    ordered.insert(max(0, min(int(new_position), len(ordered))), item)
    moved = []
    for position, each in enumerate(ordered):
        if each.position != position:  # type: ignore[attr-defined]
            each.position = position  # type: ignore[attr-defined]
            moved.append(each)
    s.flush()
    return Change(
        type(item).__tablename__,
        ChangeAction.UPDATED,
        tuple(each.id for each in moved),
        tuple(each.version for each in moved),
    )


def updater(
    model: type[Entity], editable: tuple[str, ...], prepare: Prepare | None = None
) -> Callable[..., Change]:
    """The ``update(ws, row_id, expected_version, **values)`` service function of a kind
    of row: only ``editable`` fields, normalised by ``prepare``, version-checked."""

    def update_row(
        ws: Workspace, row_id: uuid.UUID, expected_version: int | None, **values: Any
    ) -> Change:
        return update(
            ws, model, row_id, expected_version, values, editable=editable, prepare=prepare
        )

    update_row.__doc__ = (
        f"Change fields ({', '.join(editable)}) of a {label(model)} read at "
        "``expected_version``; a stale version raises ConflictError and writes nothing."
    )
    return update_row
