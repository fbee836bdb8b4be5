"""The task plan: working calendars, tasks and their dependency links."""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Entity, enum_column, fk
from models.enums import CalendarExceptionKind, ConstraintType, LagUnit, LinkType


class Calendar(Entity):
    """A working calendar.

    ``working_days`` holds seven 0/1 flags, Monday first; ``working_hours`` the usual
    working day's intervals as ``"08:00-12:00,13:00-17:00"``; ``weekday_hours`` the
    working days whose hours differ from that, as ``"Fri=08:00-12:00;Sat=09:00-13:00"``
    (empty when every working day works the usual hours); ``holiday_country`` adds that
    country's public holidays (the ``holidays`` package).
    """

    __tablename__ = "calendar"

    name: Mapped[str] = mapped_column(sa.String(120))
    working_days: Mapped[str] = mapped_column(sa.String(7), default="1111100")
    working_hours: Mapped[str] = mapped_column(sa.String(120), default="08:00-12:00,13:00-17:00")
    weekday_hours: Mapped[str] = mapped_column(sa.String(400), default="", server_default="")
    holiday_country: Mapped[str | None] = mapped_column(sa.String(8), default=None)


class CalendarException(Entity):
    """A holiday, special working time, change freeze or blackout window.

    ``calendar_id`` empty means workspace-wide; ``domain_id`` / ``environment_id`` narrow
    a freeze or blackout. ``rrule`` repeats the window: a bare RFC 5545 RRULE value, or
    RFC 5545 lines ("RRULE:…" plus optional "EXDATE:…" / "RDATE:…" lines). ``ical_uid`` is
    the iCalendar UID of a window imported from an ``.ics`` file (``None`` for windows made
    here): re-importing the file updates that window instead of adding another.
    """

    __tablename__ = "calendar_exception"

    calendar_id: Mapped[uuid.UUID | None] = fk("calendar.id")
    domain_id: Mapped[uuid.UUID | None] = fk("domain.id")
    environment_id: Mapped[uuid.UUID | None] = fk("environment.id")
    name: Mapped[str] = mapped_column(sa.String(160))
    kind: Mapped[CalendarExceptionKind] = enum_column(CalendarExceptionKind)
    start: Mapped[dt.datetime]
    finish: Mapped[dt.datetime]
    working_hours: Mapped[str] = mapped_column(sa.String(120), default="")
    rrule: Mapped[str] = mapped_column(sa.Text, default="")
    ical_uid: Mapped[str | None] = mapped_column(
        sa.String(255), default=None, unique=True, index=True
    )


TASK_DATED = (
    "constraint_date IS NOT NULL OR deadline IS NOT NULL OR actual_start IS NOT NULL "
    "OR actual_finish IS NOT NULL OR baseline_start IS NOT NULL "
    "OR baseline_finish IS NOT NULL OR baseline_duration_minutes IS NOT NULL"
)
"""Rows with any date set (the condition of the partial index ``ix_task_dated``)."""


class Task(Entity):
    """A task of a release plan; ``parent_id`` makes the parent a summary task."""

    __tablename__ = "task"

    release_id: Mapped[uuid.UUID] = fk("release.id", nullable=False)
    parent_id: Mapped[uuid.UUID | None] = fk("task.id")
    position: Mapped[int] = mapped_column(sa.Integer, default=0)
    wbs: Mapped[str] = mapped_column(sa.String(40), default="")
    name: Mapped[str] = mapped_column(sa.String(240))
    duration_minutes: Mapped[int] = mapped_column(sa.Integer, default=0)
    duration_elapsed: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    milestone: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    is_deployment: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    calendar_id: Mapped[uuid.UUID | None] = fk("calendar.id")
    constraint_type: Mapped[ConstraintType] = enum_column(
        ConstraintType, default=ConstraintType.ASAP
    )
    constraint_date: Mapped[dt.datetime | None] = mapped_column(default=None)
    deadline: Mapped[dt.datetime | None] = mapped_column(default=None)
    actual_start: Mapped[dt.datetime | None] = mapped_column(default=None)
    actual_finish: Mapped[dt.datetime | None] = mapped_column(default=None)
    percent_complete: Mapped[float] = mapped_column(sa.Float, default=0.0)
    baseline_start: Mapped[dt.datetime | None] = mapped_column(default=None)
    baseline_finish: Mapped[dt.datetime | None] = mapped_column(default=None)
    baseline_duration_minutes: Mapped[int | None] = mapped_column(default=None)
    notes: Mapped[str] = mapped_column(sa.Text, default="")

    __table_args__ = (
        sa.CheckConstraint("duration_minutes >= 0", name="duration_not_negative"),
        sa.CheckConstraint(
            "percent_complete >= 0 AND percent_complete <= 100", name="percent_in_range"
        ),
        # Most tasks have none of the date columns set; reading the dated ones must not
        # scan the whole table (the scheduler's read of a 100,000-task portfolio).
        # PostgreSQL gets the same condition from migration 0004: a postgresql_where here
        # would load SQLAlchemy's PostgreSQL dialect (0.1 s) on every start, SQLite or not.
        sa.Index("ix_task_dated", "id", sqlite_where=sa.text(TASK_DATED)),
    )


class TaskLink(Entity):
    """``predecessor -> successor`` of a type with a lag; may cross releases."""

    __tablename__ = "task_link"

    predecessor_id: Mapped[uuid.UUID] = fk("task.id", nullable=False)
    successor_id: Mapped[uuid.UUID] = fk("task.id", nullable=False)
    link_type: Mapped[LinkType] = enum_column(LinkType, default=LinkType.FS)
    lag: Mapped[float] = mapped_column(sa.Float, default=0.0)
    lag_unit: Mapped[LagUnit] = enum_column(LagUnit, default=LagUnit.WORKING)

    __table_args__ = (
        sa.CheckConstraint("predecessor_id <> successor_id", name="not_self"),
    )
