"""Who and where: delivery domains, people and environments."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Entity, enum_column, fk
from models.enums import EnvironmentStage


class Domain(Entity):
    """A delivery domain: a team, platform or business unit that ships releases."""

    __tablename__ = "domain"

    name: Mapped[str] = mapped_column(sa.String(120))
    code: Mapped[str] = mapped_column(sa.String(16), default="")
    colour: Mapped[str] = mapped_column(sa.String(9), default="#5B8DEF")
    holiday_country: Mapped[str | None] = mapped_column(sa.String(8), default=None)
    calendar_id: Mapped[uuid.UUID | None] = fk("calendar.id")
    description: Mapped[str] = mapped_column(sa.Text, default="")


class Person(Entity):
    """Someone who owns, approves, deploys or is informed."""

    __tablename__ = "person"

    name: Mapped[str] = mapped_column(sa.String(120))
    email: Mapped[str] = mapped_column(sa.String(200), default="")
    role: Mapped[str] = mapped_column(sa.String(80), default="")
    login: Mapped[str | None] = mapped_column(sa.String(120), default=None, index=True)
    domain_id: Mapped[uuid.UUID | None] = fk("domain.id")


class Environment(Entity):
    """A target environment; ``stage`` orders the promotion path (dev < test < staging < prod)."""

    __tablename__ = "environment"

    name: Mapped[str] = mapped_column(sa.String(80))
    stage: Mapped[EnvironmentStage] = enum_column(EnvironmentStage)
    stage_order: Mapped[int] = mapped_column(sa.Integer, default=0)
    shared: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    domain_id: Mapped[uuid.UUID | None] = fk("domain.id")
    description: Mapped[str] = mapped_column(sa.Text, default="")
