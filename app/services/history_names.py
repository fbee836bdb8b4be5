"""Names for the rows the audit trail mentions: "task 'Smoke tests'", "Priya Raman".

The trail stores ids; a coordinator reads names. :func:`names_of` turns the ids one page
of history mentions (the changed rows, and the people, releases and other rows their
id fields point at) into names with one query per kind of row.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from models import Base, Person, Release, ReleaseDependency, Task, TaskLink
from models.base import Entity

NAME_COLUMNS = ("name", "title", "subject", "key")
"""The column that names a row, first found wins (a communication has a subject)."""

Ref = tuple[str, str]
"""(table, id as text): a row the trail mentions."""


def model_of(table: str) -> type[Entity] | None:
    """The entity class stored in ``table`` (None for a table we do not know)."""
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if getattr(cls, "__tablename__", None) == table and issubclass(cls, Entity):
            return cls
    return None


def entity_tables() -> list[str]:
    """Every table of editable rows, by name."""
    return sorted(
        cls.__tablename__
        for cls in (m.class_ for m in Base.registry.mappers)
        if issubclass(cls, Entity)
    )


def kind_label(table: str) -> str:
    """How a coordinator names a kind of row: ``scope_item`` → ``scope item``."""
    return {
        "task_link": "task link",
        "release_stakeholder": "stakeholder",
        "release_dependency": "dependency on release",
    }.get(table, table.replace("_", " "))


def reference_table(table: str, field: str) -> str | None:
    """The table an id field points at (``owner_id`` of a release → ``person``)."""
    model = model_of(table)
    column = model.__table__.c.get(field) if model is not None else None
    if column is None:
        return None
    for key in column.foreign_keys:
        return key.column.table.name
    return None


def names_of(s: Session, refs: Iterable[Ref]) -> dict[Ref, str]:
    """The current name of each row in ``refs`` that has one (deleted rows included)."""
    wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
    for table, text in refs:
        try:
            wanted[table].add(uuid.UUID(text))
        except ValueError:
            continue  # not an id: nothing to name
    out: dict[Ref, str] = {}
    for table, ids in wanted.items():
        for row_id, name in _names(s, table, ids).items():
            out[(table, str(row_id))] = name
    return out


def _names(s: Session, table: str, ids: set[uuid.UUID]) -> Mapping[uuid.UUID, str]:
    model = model_of(table)
    if model is None:
        return {}
    if model is Release:
        query = sa.select(Release.id, Release.title)
    elif model is TaskLink:
        return _link_names(s, ids)
    elif model is ReleaseDependency:  # named for the release depended on
        query = sa.select(model.id, Release.title).join(Release, Release.id == model.depends_on_id)
    elif "person_id" in model.__table__.c:  # a stakeholder or a sign-off: whose
        query = sa.select(model.id, Person.name).join(Person, Person.id == model.person_id)
    else:
        column = next((c for c in NAME_COLUMNS if c in model.__table__.c), None)
        if column is None:
            return {}
        query = sa.select(model.id, model.__table__.c[column])
    found: dict[uuid.UUID, str] = {}
    for chunk in _chunks(sorted(ids)):
        found.update((i, n) for i, n in s.execute(query.where(model.id.in_(chunk))))
    return found


def _link_names(s: Session, ids: set[uuid.UUID]) -> Mapping[uuid.UUID, str]:
    before, after = aliased(Task), aliased(Task)
    query = (
        sa.select(TaskLink.id, before.name, after.name)
        .join(before, before.id == TaskLink.predecessor_id)
        .join(after, after.id == TaskLink.successor_id)
    )
    found: dict[uuid.UUID, str] = {}
    for chunk in _chunks(sorted(ids)):
        for link_id, first, then in s.execute(query.where(TaskLink.id.in_(chunk))):
            found[link_id] = f"{first} → {then}"
    return found


def _chunks(ids: list[uuid.UUID], size: int = 500) -> Iterable[list[uuid.UUID]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
