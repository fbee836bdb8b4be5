"""Environment bookings: who holds a shared environment, when, and for what."""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Entity, fk


class EnvironmentBooking(Entity):
    """A shared environment reserved from ``start`` to ``end`` (naive UTC), optionally
    for one domain or release (a performance test, a migration rehearsal, a demo)."""

    __tablename__ = "environment_booking"

    environment_id: Mapped[uuid.UUID] = fk("environment.id", nullable=False)
    title: Mapped[str] = mapped_column(sa.String(160))
    start: Mapped[dt.datetime]
    end: Mapped[dt.datetime]
    domain_id: Mapped[uuid.UUID | None] = fk("domain.id")
    release_id: Mapped[uuid.UUID | None] = fk("release.id")
    notes: Mapped[str] = mapped_column(sa.Text, default="")
