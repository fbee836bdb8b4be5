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
    last_reviewed_at: Mapped[dt.datetime | None] = mapped_column(default=None)

    __table_args__ = (
        sa.CheckConstraint("probability BETWEEN 1 AND 5", name="probability_1_5"),
        sa.CheckConstraint("impact BETWEEN 1 AND 5", name="impact_1_5"),
    )


class RiskScore(Entity):
    """A risk's probability and impact from ``recorded_at`` on: its score history.

    One row when the risk is recorded and one per later change of either value, so a
    risk's trend and a release's total exposure over time can be drawn.
    """

    __tablename__ = "risk_score"

    risk_id: Mapped[uuid.UUID] = fk("risk.id", nullable=False)
    probability: Mapped[int] = mapped_column(sa.Integer)
    impact: Mapped[int] = mapped_column(sa.Integer)
    recorded_at: Mapped[dt.datetime] = mapped_column(index=True)


class RiskTask(Entity):
    """A task a risk threatens (the plan's tooltip names the risks of a task)."""

    __tablename__ = "risk_task"

    risk_id: Mapped[uuid.UUID] = fk("risk.id", nullable=False)
    task_id: Mapped[uuid.UUID] = fk("task.id", nullable=False)


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
    resolved_by: Mapped[str] = mapped_column(sa.String(120), default="")
    risk_id: Mapped[uuid.UUID | None] = fk("risk.id")


class IssueLink(Entity):
    """A task or a deployment an issue affects (exactly one of the two)."""

    __tablename__ = "issue_link"

    issue_id: Mapped[uuid.UUID] = fk("issue.id", nullable=False)
    task_id: Mapped[uuid.UUID | None] = fk("task.id")
    deployment_id: Mapped[uuid.UUID | None] = fk("deployment.id")

    __table_args__ = (
        sa.CheckConstraint(
            "(task_id IS NULL) <> (deployment_id IS NULL)", name="task_or_deployment"
        ),
    )
