"""Declarative base and the columns every shared, synced and audited row carries.

Why each column exists (see ARCHITECTURE.md, "Rows that can be shared"):
- ``id``: a UUID made by the client, so rows created offline never collide;
- ``version``: SQLAlchemy's ``version_id_col``, so a stale save raises instead of
  silently overwriting a colleague's newer edit;
- ``created_*`` / ``updated_*``: who touched a row and when (UTC, naive);
- ``deleted_at``: deletes are soft so that a sync can carry them.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """The current UTC time as a naive datetime (how audit columns are stored)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Base of every ReleaseDesk table; constraint names follow ``NAMING_CONVENTION``."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def enum_column(enum_cls: type[enum.Enum], **kwargs: Any) -> Any:
    """A column storing an enum's *values* as plain text (portable, readable in SQL)."""
    kind = sa.Enum(
        enum_cls,
        native_enum=False,
        values_callable=lambda e: [m.value for m in e],
        length=24,
        validate_strings=True,
    )
    return mapped_column(kind, **kwargs)


def fk(target: str, *, nullable: bool = True, ondelete: str | None = None) -> Any:
    """A UUID foreign key column with an index (every FK here is also a lookup path)."""
    return mapped_column(
        sa.ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True
    )


class Entity(Base):
    """Abstract base for editable rows: UUID key, optimistic version, audit stamps, soft delete."""

    __abstract__ = True

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(sa.String(120), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(sa.String(120), default="")
    deleted_at: Mapped[dt.datetime | None] = mapped_column(default=None)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}

    @property
    def is_deleted(self) -> bool:
        """True once the row was soft-deleted."""
        return self.deleted_at is not None


def entity_tables() -> list[sa.Table]:
    """Every table of editable, audited rows (of the entities imported so far)."""
    return [
        m.local_table  # type: ignore[misc]
        for m in Base.registry.mappers
        if issubclass(m.class_, Entity)
    ]
