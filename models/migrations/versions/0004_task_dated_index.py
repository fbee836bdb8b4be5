"""A partial index on tasks that have a date set (constraint, deadline, actuals, baseline).

Revision ID: 0004_task_dated_index
Revises: 0003_calendar_weekday_hours
Create Date: 2026-11-26 06:30:00

Scheduling reads those columns only for the tasks that have one; without the index
that read scanned every task of the workspace.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_task_dated_index"
down_revision = "0003_calendar_weekday_hours"
branch_labels = None
depends_on = None

# Written out here (not imported from models): a migration keeps the schema of its day.
_DATED = (
    "constraint_date IS NOT NULL OR deadline IS NOT NULL OR actual_start IS NOT NULL "
    "OR actual_finish IS NOT NULL OR baseline_start IS NOT NULL "
    "OR baseline_finish IS NOT NULL OR baseline_duration_minutes IS NOT NULL"
)


def upgrade() -> None:
    op.create_index(
        "ix_task_dated", "task", ["id"],
        sqlite_where=sa.text(_DATED), postgresql_where=sa.text(_DATED),
    )


def downgrade() -> None:
    op.drop_index("ix_task_dated", table_name="task")
