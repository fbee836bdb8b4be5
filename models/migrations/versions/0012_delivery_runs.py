"""Deployments keep their manifest and lifecycle steps; runbooks their runs; notes their paths.

Revision ID: 0012_delivery_runs
Revises: 0011_package_integrity
Create Date: 2026-12-01 21:30:00

- ``deployment`` gains the manifest hash it carried, whether that was a recorded
  deviation from the baseline, and the pipeline's log;
- ``deployment_event``: each lifecycle step (status, when, who) of a deployment;
- ``runbook_step`` gains its expected exit code and backout command;
- ``runbook_run`` / ``runbook_step_result``: every run of a runbook and each step's
  command, exit code, duration and (truncated) output;
- ``build_note`` gains the component, changed paths and commit time of a commit.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from models.migrations.entity_columns_v1 import entity_columns

revision = "0012_delivery_runs"
down_revision = "0011_package_integrity"
branch_labels = None
depends_on = None

_STATUS = sa.Enum(
    "scheduled",
    "deploying",
    "deployed",
    "verified",
    "failed",
    "backed_out",
    name="deploymentstatus",
    native_enum=False,
    length=24,
)


def _fk(column: str, table: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    with op.batch_alter_table("deployment") as batch:
        batch.add_column(
            sa.Column("manifest_hash", sa.String(length=64), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("deviation", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("log_text", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("runbook_step") as batch:
        batch.add_column(
            sa.Column("expected_exit_code", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("backout_command", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("build_note") as batch:
        batch.add_column(
            sa.Column("component", sa.String(length=160), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("paths", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("committed_at", sa.DateTime(), nullable=True))
    op.create_table(
        "deployment_event",
        sa.Column("deployment_id", sa.Uuid(), nullable=False),
        sa.Column("status", _STATUS, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by_name", sa.String(length=120), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *entity_columns(),
        _fk("deployment_id", "deployment_event", "deployment"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deployment_event")),
    )
    op.create_table(
        "runbook_run",
        sa.Column("runbook_id", sa.Uuid(), nullable=False),
        sa.Column("release_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("started_by", sa.String(length=120), nullable=False),
        sa.Column("output_dir", sa.String(length=500), nullable=False),
        *entity_columns(),
        _fk("runbook_id", "runbook_run", "runbook"),
        _fk("release_id", "runbook_run", "release"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_runbook_run")),
    )
    op.create_table(
        "runbook_step_result",
        sa.Column("run_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("command", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=24), nullable=False),
        sa.Column("exit_code", sa.Integer(), nullable=True),
        sa.Column("duration_seconds", sa.Float(), nullable=False),
        sa.Column("output", sa.Text(), nullable=False),
        sa.Column("output_path", sa.String(length=500), nullable=False),
        *entity_columns(),
        _fk("run_id", "runbook_step_result", "runbook_run"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_runbook_step_result")),
    )
    for table, column in (
        ("deployment_event", "deployment_id"),
        ("runbook_run", "runbook_id"),
        ("runbook_run", "release_id"),
        ("runbook_step_result", "run_id"),
    ):
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def downgrade() -> None:
    op.drop_table("runbook_step_result")
    op.drop_table("runbook_run")
    op.drop_table("deployment_event")
    with op.batch_alter_table("build_note") as batch:
        batch.drop_column("committed_at")
        batch.drop_column("paths")
        batch.drop_column("component")
    with op.batch_alter_table("runbook_step") as batch:
        batch.drop_column("backout_command")
        batch.drop_column("expected_exit_code")
    with op.batch_alter_table("deployment") as batch:
        batch.drop_column("log_text")
        batch.drop_column("deviation")
        batch.drop_column("manifest_hash")
