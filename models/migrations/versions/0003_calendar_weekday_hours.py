"""Calendars keep working hours per weekday (a short Friday, a night shift).

Revision ID: 0003_calendar_weekday_hours
Revises: 0002_delivery
Create Date: 2026-11-26 06:05:00

Existing calendars get an empty ``weekday_hours``: every working day keeps working the
calendar's usual hours, exactly as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_calendar_weekday_hours"
down_revision = "0002_delivery"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("calendar") as batch:
        batch.add_column(
            sa.Column("weekday_hours", sa.String(length=400), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("calendar") as batch:
        batch.drop_column("weekday_hours")
