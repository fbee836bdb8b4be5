"""Workspace core: organisation, releases and their agreement, plans, audit trail.

Tables for who and where (domains, people, environments), releases with scope,
stakeholders, sign-offs, dependencies and change requests, calendars, the task plan,
the audit trail and the workspace facts.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-26 03:46:02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from models.migrations.entity_columns_v1 import entity_columns

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


# Every foreign key (and a few lookup columns) is indexed: (table, column).
_INDEXES = (
    ("audit_log", "entity_id"),
    ("domain", "calendar_id"),
    ("environment", "domain_id"),
    ("person", "domain_id"),
    ("person", "login"),
    ("calendar_exception", "calendar_id"),
    ("calendar_exception", "domain_id"),
    ("calendar_exception", "environment_id"),
    ("release", "calendar_id"),
    ("release", "domain_id"),
    ("release", "name"),
    ("release", "owner_id"),
    ("release", "release_manager_id"),
    ("release", "status"),
    ("change_request", "decided_by_id"),
    ("change_request", "release_id"),
    ("change_request", "requester_id"),
    ("promotion_step", "environment_id"),
    ("promotion_step", "release_id"),
    ("release_dependency", "depends_on_id"),
    ("release_dependency", "release_id"),
    ("release_stakeholder", "person_id"),
    ("release_stakeholder", "release_id"),
    ("scope_item", "release_id"),
    ("sign_off", "person_id"),
    ("sign_off", "release_id"),
    ("task", "calendar_id"),
    ("task", "parent_id"),
    ("task", "release_id"),
    ("task_link", "predecessor_id"),
    ("task_link", "successor_id"),
)


def upgrade() -> None:
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_name", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("row_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    op.create_table(
        "calendar",
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("working_days", sa.String(length=7), nullable=False),
        sa.Column("working_hours", sa.String(length=120), nullable=False),
        sa.Column("holiday_country", sa.String(length=8), nullable=True),
        *entity_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar")),
    )
    op.create_table(
        "workspace_info",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_workspace_info")),
    )
    op.create_table(
        "domain",
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("colour", sa.String(length=9), nullable=False),
        sa.Column("holiday_country", sa.String(length=8), nullable=True),
        sa.Column("calendar_id", sa.Uuid(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["calendar_id"], ["calendar.id"], name=op.f("fk_domain_calendar_id_calendar")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_domain")),
    )
    op.create_table(
        "environment",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column(
            "stage",
            sa.Enum(
                "dev",
                "test",
                "staging",
                "prod",
                name="environmentstage",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("stage_order", sa.Integer(), nullable=False),
        sa.Column("shared", sa.Boolean(), nullable=False),
        sa.Column("domain_id", sa.Uuid(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["domain_id"], ["domain.id"], name=op.f("fk_environment_domain_id_domain")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_environment")),
    )
    op.create_table(
        "person",
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=80), nullable=False),
        sa.Column("login", sa.String(length=120), nullable=True),
        sa.Column("domain_id", sa.Uuid(), nullable=True),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["domain_id"], ["domain.id"], name=op.f("fk_person_domain_id_domain")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    op.create_table(
        "calendar_exception",
        sa.Column("calendar_id", sa.Uuid(), nullable=True),
        sa.Column("domain_id", sa.Uuid(), nullable=True),
        sa.Column("environment_id", sa.Uuid(), nullable=True),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "holiday",
                "working",
                "freeze",
                "blackout",
                name="calendarexceptionkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("finish", sa.DateTime(), nullable=False),
        sa.Column("working_hours", sa.String(length=120), nullable=False),
        sa.Column("rrule", sa.String(length=240), nullable=False),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["calendar_id"],
            ["calendar.id"],
            name=op.f("fk_calendar_exception_calendar_id_calendar"),
        ),
        sa.ForeignKeyConstraint(
            ["domain_id"], ["domain.id"], name=op.f("fk_calendar_exception_domain_id_domain")
        ),
        sa.ForeignKeyConstraint(
            ["environment_id"],
            ["environment.id"],
            name=op.f("fk_calendar_exception_environment_id_environment"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_exception")),
    )
    op.create_table(
        "release",
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("version_label", sa.String(length=40), nullable=False),
        sa.Column("domain_id", sa.Uuid(), nullable=True),
        sa.Column(
            "release_type",
            sa.Enum(
                "major",
                "minor",
                "patch",
                "emergency",
                name="releasetype",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "planned",
                "approved",
                "in_progress",
                "deployed",
                "closed",
                "cancelled",
                name="releasestatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("planned_start", sa.DateTime(), nullable=True),
        sa.Column("planned_end", sa.DateTime(), nullable=True),
        sa.Column("actual_start", sa.DateTime(), nullable=True),
        sa.Column("actual_end", sa.DateTime(), nullable=True),
        sa.Column("deadline", sa.DateTime(), nullable=True),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.Column("release_manager_id", sa.Uuid(), nullable=True),
        sa.Column("calendar_id", sa.Uuid(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["calendar_id"], ["calendar.id"], name=op.f("fk_release_calendar_id_calendar")
        ),
        sa.ForeignKeyConstraint(
            ["domain_id"], ["domain.id"], name=op.f("fk_release_domain_id_domain")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["person.id"], name=op.f("fk_release_owner_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["release_manager_id"], ["person.id"], name=op.f("fk_release_release_manager_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release")),
    )
    op.create_table(
        "change_request",
        sa.Column("release_id", sa.Uuid(), nullable=False),
        sa.Column("requester_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.String(length=240), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("impact_schedule_days", sa.Float(), nullable=False),
        sa.Column("impact_risk", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "submitted",
                "assessed",
                "approved",
                "rejected",
                "implemented",
                name="changerequeststatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "decision",
            sa.Enum(
                "pending", "approved", "rejected", name="decision", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["person.id"], name=op.f("fk_change_request_decided_by_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_change_request_release_id_release")
        ),
        sa.ForeignKeyConstraint(
            ["requester_id"], ["person.id"], name=op.f("fk_change_request_requester_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_request")),
    )
    op.create_table(
        "promotion_step",
        sa.Column("release_id", sa.Uuid(), nullable=False),
        sa.Column("environment_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["environment_id"],
            ["environment.id"],
            name=op.f("fk_promotion_step_environment_id_environment"),
        ),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_promotion_step_release_id_release")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotion_step")),
    )
    op.create_table(
        "release_dependency",
        sa.Column("release_id", sa.Uuid(), nullable=False),
        sa.Column("depends_on_id", sa.Uuid(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["depends_on_id"],
            ["release.id"],
            name=op.f("fk_release_dependency_depends_on_id_release"),
        ),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_release_dependency_release_id_release")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release_dependency")),
    )
    op.create_table(
        "release_stakeholder",
        sa.Column("release_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=80), nullable=False),
        sa.Column("signoff_required", sa.Boolean(), nullable=False),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_release_stakeholder_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_release_stakeholder_release_id_release")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release_stakeholder")),
    )
    op.create_table(
        "scope_item",
        sa.Column("release_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=240), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "agreed",
                "done",
                "removed",
                name="scopestatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_scope_item_release_id_release")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scope_item")),
    )
    op.create_table(
        "sign_off",
        sa.Column("release_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=80), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column(
            "decision",
            sa.Enum(
                "pending", "approved", "rejected", name="decision", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("scope_hash", sa.String(length=64), nullable=False),
        *entity_columns(),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_sign_off_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_sign_off_release_id_release")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_off")),
    )
    op.create_table(
        "task",
        sa.Column("release_id", sa.Uuid(), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("wbs", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=240), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("duration_elapsed", sa.Boolean(), nullable=False),
        sa.Column("milestone", sa.Boolean(), nullable=False),
        sa.Column("is_deployment", sa.Boolean(), nullable=False),
        sa.Column("calendar_id", sa.Uuid(), nullable=True),
        sa.Column(
            "constraint_type",
            sa.Enum(
                "ASAP",
                "ALAP",
                "SNET",
                "SNLT",
                "FNET",
                "FNLT",
                "MSO",
                "MFO",
                name="constrainttype",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("constraint_date", sa.DateTime(), nullable=True),
        sa.Column("deadline", sa.DateTime(), nullable=True),
        sa.Column("actual_start", sa.DateTime(), nullable=True),
        sa.Column("actual_finish", sa.DateTime(), nullable=True),
        sa.Column("percent_complete", sa.Float(), nullable=False),
        sa.Column("baseline_start", sa.DateTime(), nullable=True),
        sa.Column("baseline_finish", sa.DateTime(), nullable=True),
        sa.Column("baseline_duration_minutes", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        *entity_columns(),
        sa.CheckConstraint("duration_minutes >= 0", name=op.f("ck_task_duration_not_negative")),
        sa.CheckConstraint(
            "percent_complete >= 0 AND percent_complete <= 100",
            name=op.f("ck_task_percent_in_range"),
        ),
        sa.ForeignKeyConstraint(
            ["calendar_id"], ["calendar.id"], name=op.f("fk_task_calendar_id_calendar")
        ),
        sa.ForeignKeyConstraint(["parent_id"], ["task.id"], name=op.f("fk_task_parent_id_task")),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_task_release_id_release")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task")),
    )
    op.create_table(
        "task_link",
        sa.Column("predecessor_id", sa.Uuid(), nullable=False),
        sa.Column("successor_id", sa.Uuid(), nullable=False),
        sa.Column(
            "link_type",
            sa.Enum("FS", "SS", "FF", "SF", name="linktype", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("lag", sa.Float(), nullable=False),
        sa.Column(
            "lag_unit",
            sa.Enum("working", "elapsed", "percent", name="lagunit", native_enum=False, length=24),
            nullable=False,
        ),
        *entity_columns(),
        sa.CheckConstraint("predecessor_id <> successor_id", name=op.f("ck_task_link_not_self")),
        sa.ForeignKeyConstraint(
            ["predecessor_id"], ["task.id"], name=op.f("fk_task_link_predecessor_id_task")
        ),
        sa.ForeignKeyConstraint(
            ["successor_id"], ["task.id"], name=op.f("fk_task_link_successor_id_task")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_link")),
    )
    for table, column in _INDEXES:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def downgrade() -> None:
    op.drop_table("task_link")
    op.drop_table("task")
    op.drop_table("sign_off")
    op.drop_table("scope_item")
    op.drop_table("release_stakeholder")
    op.drop_table("release_dependency")
    op.drop_table("promotion_step")
    op.drop_table("change_request")
    op.drop_table("release")
    op.drop_table("calendar_exception")
    op.drop_table("person")
    op.drop_table("environment")
    op.drop_table("domain")
    op.drop_table("workspace_info")
    op.drop_table("calendar")
    op.drop_table("audit_log")
    op.drop_table("audit_head")
