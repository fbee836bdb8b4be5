"""The risk log and the issue log."""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Entity, enum_column, fk
from models.enums import IssueSeverity, IssueStatus, RiskStatus


class Risk(Entity):
    """Something that may happen: probability × impact (each 1-5), owner and mitigation."""

    __tablename__ = "risk"

    release_id: Mapped[uuid.UUID | None] = fk("release.id")
    title: Mapped[str] = mapped_column(sa.String(240))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    probability: Mapped[int] = mapped_column(sa.Integer, default=3)
    impact: Mapped[int] = mapped_column(sa.Integer, default=3)
    owner_id: Mapped[uuid.UUID | None] = fk("person.id")
    mitigation: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[RiskStatus] = enum_column(RiskStatus, default=RiskStatus.OPEN)
    proximity: Mapped[dt.date | None] = mapped_column(default=None)

    __table_args__ = (
        sa.CheckConstraint("probability BETWEEN 1 AND 5", name="probability_1_5"),
        sa.CheckConstraint("impact BETWEEN 1 AND 5", name="impact_1_5"),
    )


class Issue(Entity):
    """Something that has happened and needs corrective action by a due date."""

    __tablename__ = "issue"

    release_id: Mapped[uuid.UUID | None] = fk("release.id")
    title: Mapped[str] = mapped_column(sa.String(240))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    severity: Mapped[IssueSeverity] = enum_column(IssueSeverity, default=IssueSeverity.MEDIUM)
    corrective_action: Mapped[str] = mapped_column(sa.Text, default="")
    owner_id: Mapped[uuid.UUID | None] = fk("person.id")
    due_date: Mapped[dt.date | None] = mapped_column(default=None)
    status: Mapped[IssueStatus] = enum_column(IssueStatus, default=IssueStatus.OPEN)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(default=None)
