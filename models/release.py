"""Releases and what is agreed about them: scope, stakeholders, sign-offs, changes."""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Entity, enum_column, fk
from models.enums import (
    ChangeItemKind,
    ChangeRequestStatus,
    Decision,
    ReleaseStatus,
    ReleaseType,
    ScopeStatus,
)


def release_title(name: str, version_label: str) -> str:
    """How people name a release: its name and version label, "Payments 4.2"."""
    return f"{name} {version_label}".strip()


class Release(Entity):
    """A release of one domain, planned in a window and moved through its lifecycle."""

    __tablename__ = "release"

    name: Mapped[str] = mapped_column(sa.String(160), index=True)
    version_label: Mapped[str] = mapped_column(sa.String(40), default="")
    domain_id: Mapped[uuid.UUID | None] = fk("domain.id")
    release_type: Mapped[ReleaseType] = enum_column(ReleaseType, default=ReleaseType.MINOR)
    status: Mapped[ReleaseStatus] = enum_column(
        ReleaseStatus, default=ReleaseStatus.DRAFT, index=True
    )
    planned_start: Mapped[dt.datetime | None] = mapped_column(default=None)
    planned_end: Mapped[dt.datetime | None] = mapped_column(default=None)
    actual_start: Mapped[dt.datetime | None] = mapped_column(default=None)
    actual_end: Mapped[dt.datetime | None] = mapped_column(default=None)
    deadline: Mapped[dt.datetime | None] = mapped_column(default=None)
    owner_id: Mapped[uuid.UUID | None] = fk("person.id")
    release_manager_id: Mapped[uuid.UUID | None] = fk("person.id")
    calendar_id: Mapped[uuid.UUID | None] = fk("calendar.id")
    description: Mapped[str] = mapped_column(sa.Text, default="")

    @hybrid_property
    def title(self) -> str:
        """:func:`release_title` of this release; in a query, the same text in SQL."""
        return release_title(self.name, self.version_label)

    @title.inplace.expression
    @classmethod
    def _title_expression(cls) -> sa.ColumnElement[str]:
        return sa.func.trim(cls.name + " " + cls.version_label)


class ReleaseDependency(Entity):
    """``release`` cannot ship before ``depends_on`` (often a release of another domain)."""

    __tablename__ = "release_dependency"

    release_id: Mapped[uuid.UUID] = fk("release.id", nullable=False)
    depends_on_id: Mapped[uuid.UUID] = fk("release.id", nullable=False)
    note: Mapped[str] = mapped_column(sa.Text, default="")


class PromotionStep(Entity):
    """One environment on a release's promotion path; ``position`` is the enforced order."""

    __tablename__ = "promotion_step"

    release_id: Mapped[uuid.UUID] = fk("release.id", nullable=False)
    environment_id: Mapped[uuid.UUID] = fk("environment.id", nullable=False)
    position: Mapped[int] = mapped_column(sa.Integer)


class ReleaseStakeholder(Entity):
    """A person's role on a release; ``signoff_required`` stakeholders gate approval."""

    __tablename__ = "release_stakeholder"

    release_id: Mapped[uuid.UUID] = fk("release.id", nullable=False)
    person_id: Mapped[uuid.UUID] = fk("person.id", nullable=False)
    role: Mapped[str] = mapped_column(sa.String(80))
    signoff_required: Mapped[bool] = mapped_column(sa.Boolean, default=False)


class ScopeItem(Entity):
    """A feature, fix or change agreed into (or out of) a release."""

    __tablename__ = "scope_item"

    release_id: Mapped[uuid.UUID] = fk("release.id", nullable=False)
    key: Mapped[str] = mapped_column(sa.String(40), default="")
    title: Mapped[str] = mapped_column(sa.String(240))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    kind: Mapped[str] = mapped_column(sa.String(24), default="feature")
    status: Mapped[ScopeStatus] = enum_column(ScopeStatus, default=ScopeStatus.PROPOSED)
    position: Mapped[int] = mapped_column(sa.Integer, default=0)


class SignOff(Entity):
    """A stakeholder's recorded decision on a release's scope.

    ``scope_hash`` fingerprints the scope that was approved: when the scope changes
    later, the sign-off no longer matches it and shows as outdated.
    """

    __tablename__ = "sign_off"

    release_id: Mapped[uuid.UUID] = fk("release.id", nullable=False)
    person_id: Mapped[uuid.UUID] = fk("person.id", nullable=False)
    role: Mapped[str] = mapped_column(sa.String(80), default="")
    decided_at: Mapped[dt.datetime]
    decision: Mapped[Decision] = enum_column(Decision)
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    scope_hash: Mapped[str] = mapped_column(sa.String(64))


class ChangeRequest(Entity):
    """A demand to add or change scope during a release, with its impact and decision."""

    __tablename__ = "change_request"

    release_id: Mapped[uuid.UUID] = fk("release.id", nullable=False)
    requester_id: Mapped[uuid.UUID | None] = fk("person.id")
    title: Mapped[str] = mapped_column(sa.String(240))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    impact_schedule_days: Mapped[float] = mapped_column(sa.Float, default=0.0)
    impact_risk: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[ChangeRequestStatus] = enum_column(
        ChangeRequestStatus, default=ChangeRequestStatus.SUBMITTED
    )
    decision: Mapped[Decision] = enum_column(Decision, default=Decision.PENDING)
    decided_by_id: Mapped[uuid.UUID | None] = fk("person.id")
    decided_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    requested_on: Mapped[dt.date | None] = mapped_column(default=None)
    requester_name: Mapped[str] = mapped_column(sa.String(120), default="")


class ChangeItem(Entity):
    """One thing a change request asks for (see :class:`ChangeItemKind`).

    ``add_scope``: a scope item titled ``title``; ``remove_scope``: ``scope_item_id``;
    ``add_task``: a task ``title`` of ``duration_minutes`` after ``predecessor_id`` and
    before ``successor_id`` (finish-to-start links); ``change_duration``: ``task_id``
    to last ``duration_minutes``.
    """

    __tablename__ = "change_item"

    change_request_id: Mapped[uuid.UUID] = fk("change_request.id", nullable=False)
    kind: Mapped[ChangeItemKind] = enum_column(ChangeItemKind)
    title: Mapped[str] = mapped_column(sa.String(240), default="")
    scope_item_id: Mapped[uuid.UUID | None] = fk("scope_item.id")
    task_id: Mapped[uuid.UUID | None] = fk("task.id")
    predecessor_id: Mapped[uuid.UUID | None] = fk("task.id")
    successor_id: Mapped[uuid.UUID | None] = fk("task.id")
    duration_minutes: Mapped[int] = mapped_column(sa.Integer, default=0)
    position: Mapped[int] = mapped_column(sa.Integer, default=0)
    # Set when the request is implemented, so that the implementation can be undone:
    # the scope item or task it made, and the status or duration it replaced.
    made_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid, default=None)
    replaced: Mapped[str] = mapped_column(sa.String(40), default="")


class ChangeDecision(Entity):
    """One step of a change request's status: who moved it, when, to what and why."""

    __tablename__ = "change_decision"

    change_request_id: Mapped[uuid.UUID] = fk("change_request.id", nullable=False)
    status: Mapped[ChangeRequestStatus] = enum_column(ChangeRequestStatus)
    author: Mapped[str] = mapped_column(sa.String(120), default="")
    decided_at: Mapped[dt.datetime]
    reason: Mapped[str] = mapped_column(sa.Text, default="")
