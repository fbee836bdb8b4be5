"""Change requests: what they ask for, each decision, and the audit trail's reason.

Revision ID: 0010_change_requests
Revises: 0009_risk_log
Create Date: 2026-12-01 21:20:00

A change request lists the scope items it adds or removes and the task changes it
makes (``change_item``); every status step records its author, time and reason
(``change_decision``). Implementing a request writes the plan through the ordinary
services in one transaction whose audit rows name the request (``audit_log.reason``,
part of a row's hash only when set, so older rows verify as before).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_change_requests"
down_revision = "0009_risk_log"
branch_labels = None
depends_on = None


def _entity_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    ]


def _fk(column: str, table: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    with op.batch_alter_table("change_request") as batch:
        batch.add_column(sa.Column("requested_on", sa.Date(), nullable=True))
        batch.add_column(
            sa.Column("requester_name", sa.String(length=120), nullable=False, server_default="")
        )
    op.add_column("audit_log", sa.Column("reason", sa.Text(), nullable=True))
    kinds = sa.Enum(
        "add_scope",
        "remove_scope",
        "add_task",
        "change_duration",
        name="changeitemkind",
        native_enum=False,
        length=24,
    )
    statuses = sa.Enum(
        "submitted",
        "assessed",
        "approved",
        "rejected",
        "implemented",
        name="changerequeststatus",
        native_enum=False,
        length=24,
    )
    item_refs = ("scope_item_id", "task_id", "predecessor_id", "successor_id")
    op.create_table(
        "change_item",
        sa.Column("change_request_id", sa.Uuid(), nullable=False),
        sa.Column("kind", kinds, nullable=False),
        sa.Column("title", sa.String(length=240), nullable=False),
        *(sa.Column(c, sa.Uuid(), nullable=True) for c in item_refs),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("made_id", sa.Uuid(), nullable=True),
        sa.Column("replaced", sa.String(length=40), nullable=False),
        *_entity_columns(),
        _fk("change_request_id", "change_item", "change_request"),
        _fk("scope_item_id", "change_item", "scope_item"),
        *(_fk(c, "change_item", "task") for c in item_refs[1:]),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_item")),
    )
    for column in ("change_request_id", *item_refs):
        op.create_index(op.f(f"ix_change_item_{column}"), "change_item", [column])
    op.create_table(
        "change_decision",
        sa.Column("change_request_id", sa.Uuid(), nullable=False),
        sa.Column("status", statuses, nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        *_entity_columns(),
        _fk("change_request_id", "change_decision", "change_request"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_decision")),
    )
    op.create_index(
        op.f("ix_change_decision_change_request_id"), "change_decision", ["change_request_id"]
    )


def downgrade() -> None:
    op.drop_table("change_decision")
    op.drop_table("change_item")
    op.drop_column("audit_log", "reason")
    with op.batch_alter_table("change_request") as batch:
        batch.drop_column("requester_name")
        batch.drop_column("requested_on")
