"""Indexes that page the audit trail newest first: all of it, by user, by entity kind,
for some entities.

Revision ID: 0006_audit_history_indexes
Revises: 0005_append_only_audit
Create Date: 2026-12-01 17:00:00

The History view shows the trail a page at a time, newest first, optionally for one
user, one kind of entity or a date range. Ordered by ``(at, seq)`` and led by the
filtered column, each page is a short index range: without these, filtering a million
audit rows by a user who rarely edits read the whole table. The entity index gains
``(at, seq)`` so a release's page is chosen from the index alone (it replaces the
index on ``entity_id``, which it also serves).
"""

from __future__ import annotations

from alembic import op

revision = "0006_audit_history_indexes"
down_revision = "0005_append_only_audit"
branch_labels = None
depends_on = None

_INDEXES = {
    "ix_audit_log_entity_id_at_seq": ["entity_id", "at", "seq"],
    "ix_audit_log_at_seq": ["at", "seq"],
    "ix_audit_log_user_at_seq": ["user_name", "at", "seq"],
    "ix_audit_log_entity_at_seq": ["entity", "at", "seq"],
}


def upgrade() -> None:
    for name, columns in _INDEXES.items():
        op.create_index(name, "audit_log", columns)
    op.drop_index("ix_audit_log_entity_id", table_name="audit_log")


def downgrade() -> None:
    op.create_index("ix_audit_log_entity_id", "audit_log", ["entity_id"])
    for name in _INDEXES:
        op.drop_index(name, table_name="audit_log")
