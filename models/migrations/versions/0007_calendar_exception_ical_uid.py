"""Calendar exceptions remember the iCalendar UID they were imported from; RRULE text widens.

Revision ID: 0007_calendar_exception_ical_uid
Revises: 0006_audit_history_indexes
Create Date: 2026-12-01 20:05:00

Importing an ``.ics`` file a second time must update the windows it created the first
time instead of adding them again, so each imported window keeps the file's ``UID`` in
``ical_uid`` (empty for windows made in ReleaseDesk). A unique index holds one window per
UID in a workspace (NULLs do not collide) and finds it on re-import. ``rrule`` becomes
``Text``: besides a bare RRULE value it now holds RFC 5545 lines ("RRULE:…" plus
"EXDATE:…" / "RDATE:…"), and a year of excluded dates is far longer than 240 characters.
Existing rows keep their text unchanged.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_calendar_exception_ical_uid"
down_revision = "0006_audit_history_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("calendar_exception") as batch:
        batch.add_column(sa.Column("ical_uid", sa.String(length=255), nullable=True))
        batch.alter_column(
            "rrule",
            existing_type=sa.String(length=240),
            type_=sa.Text(),
            existing_nullable=False,
        )
    op.create_index(
        "ix_calendar_exception_ical_uid", "calendar_exception", ["ical_uid"], unique=True
    )


def downgrade() -> None:
    op.drop_index("ix_calendar_exception_ical_uid", table_name="calendar_exception")
    with op.batch_alter_table("calendar_exception") as batch:
        batch.alter_column(
            "rrule",
            existing_type=sa.Text(),
            type_=sa.String(length=240),
            existing_nullable=False,
        )
        batch.drop_column("ical_uid")
