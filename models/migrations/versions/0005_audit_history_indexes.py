"""Indexes that page the audit trail newest first: all of it, by user, by entity kind.

Revision ID: 0005_audit_history_indexes
Revises: 0004_task_dated_index
Create Date: 2026-12-01 17:00:00

The History view shows the trail a page at a time, newest first, optionally for one
user, one kind of entity or a date range. Ordered by ``(at, seq)`` and led by the
filtered column, each page is a short index range: without these, filtering a million
audit rows by a user who rarely edits read the whole table.
"""

from __future__ import annotations

from alembic import op

revision = "0005_audit_history_indexes"
down_revision = "0004_task_dated_index"
branch_labels = None
depends_on = None

_INDEXES = {
    "ix_audit_log_at_seq": ["at", "seq"],
    "ix_audit_log_user_at_seq": ["user_name", "at", "seq"],
    "ix_audit_log_entity_at_seq": ["entity", "at", "seq"],
}


def upgrade() -> None:
    for name, columns in _INDEXES.items():
        op.create_index(name, "audit_log", columns)


def downgrade() -> None:
    for name in _INDEXES:
        op.drop_index(name, table_name="audit_log")
