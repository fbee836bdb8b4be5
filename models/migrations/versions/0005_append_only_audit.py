"""Audit rows record the database login; on PostgreSQL the trail is append-only.

Revision ID: 0005_append_only_audit
Revises: 0004_task_dated_index
Create Date: 2026-12-01 17:00:00

``audit_log.db_login`` holds the login that wrote the row. Existing rows keep NULL (and
so their hashes: the hash covers the login only when there is one). On PostgreSQL,
triggers keep the trail append-only for every login, the table owner included:
- no UPDATE, DELETE or TRUNCATE of ``audit_log``;
- ``db_login`` is set to the server's ``session_user`` on insert, whatever was sent;
- ``audit_head`` is never deleted or truncated, and an update may only move it forward
  to the last audit row, with that row's hash (no rewinding after a cut).
Undoing that takes ``ALTER TABLE ... DISABLE TRIGGER``, which only the owner may do.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_append_only_audit"
down_revision = "0004_task_dated_index"
branch_labels = None
depends_on = None

_FUNCTIONS = (
    """
    CREATE OR REPLACE FUNCTION releasedesk_audit_refuse() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'the audit trail is append-only: % of % refused', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION releasedesk_audit_login() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        NEW.db_login := session_user;
        RETURN NEW;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION releasedesk_audit_head_forward() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.id <> OLD.id OR NEW.last_seq < OLD.last_seq
           OR NEW.last_hash IS DISTINCT FROM
              (SELECT row_hash FROM audit_log WHERE seq = NEW.last_seq)
           OR EXISTS (SELECT 1 FROM audit_log WHERE seq > NEW.last_seq) THEN
            RAISE EXCEPTION 'the audit chain head only moves forward to the last audit row'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END $$
    """,
)
_TRIGGERS = (
    ("audit_log_append_only", "audit_log", "BEFORE UPDATE OR DELETE", "ROW", "refuse"),
    ("audit_log_no_truncate", "audit_log", "BEFORE TRUNCATE", "STATEMENT", "refuse"),
    ("audit_log_login", "audit_log", "BEFORE INSERT", "ROW", "login"),
    ("audit_head_forward", "audit_head", "BEFORE UPDATE", "ROW", "head_forward"),
    ("audit_head_no_delete", "audit_head", "BEFORE DELETE", "ROW", "refuse"),
    ("audit_head_no_truncate", "audit_head", "BEFORE TRUNCATE", "STATEMENT", "refuse"),
)


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("db_login", sa.String(length=120), nullable=True))
    if op.get_bind().dialect.name != "postgresql":
        return
    for function in _FUNCTIONS:
        op.execute(function)
    for name, table, when, level, function in _TRIGGERS:
        op.execute(
            f"CREATE TRIGGER {name} {when} ON {table} FOR EACH {level} "
            f"EXECUTE FUNCTION releasedesk_audit_{function}()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, table, *_rest in _TRIGGERS:
            op.execute(f"DROP TRIGGER {name} ON {table}")
        for function in ("refuse", "login", "head_forward"):
            op.execute(f"DROP FUNCTION releasedesk_audit_{function}()")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("db_login")
