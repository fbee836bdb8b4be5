"""The risk log and the issue log: score history, review dates, links to tasks and
deployments, who resolved an issue.

Revision ID: 0009_risk_log
Revises: 0006_audit_history_indexes
Create Date: 2026-12-01 21:10:00

Existing risks get no review date (they read as never reviewed, hence stale when open)
and no score history: a risk without one reads as having had its present score since
it was created (app/services/risk_history.py), so no row is written outside the audit
trail here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_risk_log"
down_revision = "0006_audit_history_indexes"
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


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    with op.batch_alter_table("risk") as batch:
        batch.add_column(sa.Column("last_reviewed_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("issue") as batch:
        batch.add_column(
            sa.Column("resolved_by", sa.String(length=120), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("risk_id", sa.Uuid(), nullable=True))
        batch.create_foreign_key(op.f("fk_issue_risk_id_risk"), "risk", ["risk_id"], ["id"])
        batch.create_index(op.f("ix_issue_risk_id"), ["risk_id"])
    op.create_table(
        "risk_score",
        sa.Column("risk_id", sa.Uuid(), nullable=False),
        sa.Column("probability", sa.Integer(), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        *_entity_columns(),
        _fk("risk_score", "risk_id", "risk"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_score")),
    )
    op.create_table(
        "risk_task",
        sa.Column("risk_id", sa.Uuid(), nullable=False),
        sa.Column("task_id", sa.Uuid(), nullable=False),
        *_entity_columns(),
        _fk("risk_task", "risk_id", "risk"),
        _fk("risk_task", "task_id", "task"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_task")),
    )
    op.create_table(
        "issue_link",
        sa.Column("issue_id", sa.Uuid(), nullable=False),
        sa.Column("task_id", sa.Uuid(), nullable=True),
        sa.Column("deployment_id", sa.Uuid(), nullable=True),
        *_entity_columns(),
        sa.CheckConstraint(
            "(task_id IS NULL) <> (deployment_id IS NULL)",
            name=op.f("ck_issue_link_task_or_deployment"),
        ),
        _fk("issue_link", "issue_id", "issue"),
        _fk("issue_link", "task_id", "task"),
        _fk("issue_link", "deployment_id", "deployment"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issue_link")),
    )
    for table, column in _INDEXES:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


_INDEXES = (
    ("risk_score", "risk_id"),
    ("risk_score", "recorded_at"),
    ("risk_task", "risk_id"),
    ("risk_task", "task_id"),
    ("issue_link", "issue_id"),
    ("issue_link", "task_id"),
    ("issue_link", "deployment_id"),
)


def downgrade() -> None:
    for table in ("issue_link", "risk_task", "risk_score"):
        op.drop_table(table)
    with op.batch_alter_table("issue") as batch:
        batch.drop_index(op.f("ix_issue_risk_id"))
        batch.drop_constraint(op.f("fk_issue_risk_id_risk"), type_="foreignkey")
        batch.drop_column("risk_id")
        batch.drop_column("resolved_by")
    with op.batch_alter_table("risk") as batch:
        batch.drop_column("last_reviewed_at")
