"""Delivery and logs: packages, builds, deployments, runbooks, handover, risks, issues.

Revision ID: 0002_delivery
Revises: 0001_initial
Create Date: 2026-11-26 03:46:02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from models.migrations.entity_columns_v1 import entity_columns

revision = "0002_delivery"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


# Every foreign key (and a few lookup columns) is indexed: (table, column).
_INDEXES = (
    ("compatibility_rule", "component"),
    ("communication", "release_id"),
    ("handover_item", "owner_id"),
    ("handover_item", "release_id"),
    ("issue", "owner_id"),
    ("issue", "release_id"),
    ("release_package", "release_id"),
    ("risk", "owner_id"),
    ("risk", "release_id"),
    ("runbook", "environment_id"),
    ("runbook", "release_id"),
    ("build", "package_id"),
    ("build", "release_id"),
    ("configuration_item", "component"),
    ("configuration_item", "package_id"),
    ("runbook_step", "runbook_id"),
    ("build_note", "build_id"),
    ("deployment", "build_id"),
    ("deployment", "deployed_by_id"),
    ("deployment", "environment_id"),
    ("deployment", "package_id"),
)


def upgrade() -> None:
    op.create_table(
        "compatibility_rule",
        sa.Column("component", sa.String(length=160), nullable=False),
        sa.Column("requires_component", sa.String(length=160), nullable=False),
        sa.Column("min_version", sa.String(length=60), nullable=True),
        sa.Column("max_version", sa.String(length=60), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        *entity_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_compatibility_rule")),
    )
    op.create_table(
        "communication",
        sa.Column("release_id", sa.Uuid(), nullable=False),
        sa.Column(
            "audience",
            sa.Enum(
                "stakeholders",
                "users",
                "operations",
                "support",
                "management",
                name="communicationaudience",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "channel",
            sa.Enum(
                "email",
                "meeting",
                "chat",
                "intranet",
                "status_page",
                name="channel",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("subject", sa.String(length=240), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("planned_at", sa.DateTime(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_communication_release_id_release")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_communication")),
    )
    op.create_table(
        "handover_item",
        sa.Column("release_id", sa.Uuid(), nullable=False),
        sa.Column(
            "audience",
            sa.Enum(
                "users", "operations", "support", name="audience", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=240), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.Column("accepted_by", sa.String(length=120), nullable=True),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["person.id"], name=op.f("fk_handover_item_owner_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_handover_item_release_id_release")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_item")),
    )
    op.create_table(
        "issue",
        sa.Column("release_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.String(length=240), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "severity",
            sa.Enum(
                "low",
                "medium",
                "high",
                "critical",
                name="issueseverity",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("corrective_action", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "in_progress",
                "resolved",
                "closed",
                name="issuestatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        *entity_columns(),
        sa.ForeignKeyConstraint(["owner_id"], ["person.id"], name=op.f("fk_issue_owner_id_person")),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_issue_release_id_release")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issue")),
    )
    op.create_table(
        "release_package",
        sa.Column("release_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "baselined",
                "approved",
                "retired",
                name="packagestatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("baselined_at", sa.DateTime(), nullable=True),
        sa.Column("manifest_hash", sa.String(length=64), nullable=True),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_release_package_release_id_release")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release_package")),
    )
    op.create_table(
        "risk",
        sa.Column("release_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.String(length=240), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("probability", sa.Integer(), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.Column("mitigation", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "mitigating",
                "closed",
                "occurred",
                name="riskstatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("proximity", sa.Date(), nullable=True),
        *entity_columns(),
        sa.CheckConstraint("impact BETWEEN 1 AND 5", name=op.f("ck_risk_impact_1_5")),
        sa.CheckConstraint("probability BETWEEN 1 AND 5", name=op.f("ck_risk_probability_1_5")),
        sa.ForeignKeyConstraint(["owner_id"], ["person.id"], name=op.f("fk_risk_owner_id_person")),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_risk_release_id_release")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk")),
    )
    op.create_table(
        "runbook",
        sa.Column("release_id", sa.Uuid(), nullable=True),
        sa.Column("environment_id", sa.Uuid(), nullable=True),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["environment_id"],
            ["environment.id"],
            name=op.f("fk_runbook_environment_id_environment"),
        ),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_runbook_release_id_release")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_runbook")),
    )
    op.create_table(
        "build",
        sa.Column("release_id", sa.Uuid(), nullable=False),
        sa.Column("package_id", sa.Uuid(), nullable=True),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("vcs_ref", sa.String(length=120), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "running", "succeeded", "failed", name="buildstatus", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("built_at", sa.DateTime(), nullable=True),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["package_id"], ["release_package.id"], name=op.f("fk_build_package_id_release_package")
        ),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_build_release_id_release")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_build")),
    )
    op.create_table(
        "configuration_item",
        sa.Column("package_id", sa.Uuid(), nullable=False),
        sa.Column("component", sa.String(length=160), nullable=False),
        sa.Column("version_label", sa.String(length=60), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("artifact_uri", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["package_id"],
            ["release_package.id"],
            name=op.f("fk_configuration_item_package_id_release_package"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_configuration_item")),
    )
    op.create_table(
        "runbook_step",
        sa.Column("runbook_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("command_template", sa.Text(), nullable=False),
        sa.Column("expected_result", sa.Text(), nullable=False),
        sa.Column("timeout_seconds", sa.Integer(), nullable=False),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["runbook_id"], ["runbook.id"], name=op.f("fk_runbook_step_runbook_id_runbook")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_runbook_step")),
    )
    op.create_table(
        "build_note",
        sa.Column("build_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("reference", sa.String(length=120), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["build_id"], ["build.id"], name=op.f("fk_build_note_build_id_build")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_build_note")),
    )
    op.create_table(
        "deployment",
        sa.Column("package_id", sa.Uuid(), nullable=False),
        sa.Column("environment_id", sa.Uuid(), nullable=False),
        sa.Column("build_id", sa.Uuid(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "scheduled",
                "deploying",
                "deployed",
                "verified",
                "failed",
                "backed_out",
                name="deploymentstatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("planned_start", sa.DateTime(), nullable=True),
        sa.Column("planned_end", sa.DateTime(), nullable=True),
        sa.Column("actual_start", sa.DateTime(), nullable=True),
        sa.Column("actual_end", sa.DateTime(), nullable=True),
        sa.Column("deployed_by_id", sa.Uuid(), nullable=True),
        sa.Column("backout_plan", sa.Text(), nullable=False),
        sa.Column("verification_result", sa.Text(), nullable=False),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["build_id"], ["build.id"], name=op.f("fk_deployment_build_id_build")
        ),
        sa.ForeignKeyConstraint(
            ["deployed_by_id"], ["person.id"], name=op.f("fk_deployment_deployed_by_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["environment_id"],
            ["environment.id"],
            name=op.f("fk_deployment_environment_id_environment"),
        ),
        sa.ForeignKeyConstraint(
            ["package_id"],
            ["release_package.id"],
            name=op.f("fk_deployment_package_id_release_package"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deployment")),
    )
    for table, column in _INDEXES:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def downgrade() -> None:
    op.drop_table("deployment")
    op.drop_table("build_note")
    op.drop_table("runbook_step")
    op.drop_table("configuration_item")
    op.drop_table("build")
    op.drop_table("runbook")
    op.drop_table("risk")
    op.drop_table("release_package")
    op.drop_table("issue")
    op.drop_table("handover_item")
    op.drop_table("communication")
    op.drop_table("compatibility_rule")
