"""Environment bookings: a shared environment reserved for a while by a team or release.

Revision ID: 0008_environment_booking
Revises: 0007_calendar_exception_ical_uid
Create Date: 2026-12-01 20:10:00

The coordination calendar shows who holds a shared environment (a performance test, a
migration rehearsal); a deployment planned there meanwhile is a clash coordinators
want to see. The entity columns are written out here: revisions are snapshots.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_environment_booking"
down_revision = "0007_calendar_exception_ical_uid"
branch_labels = None
depends_on = None

_INDEXED = ("environment_id", "domain_id", "release_id")


def upgrade() -> None:
    op.create_table(
        "environment_booking",
        sa.Column("environment_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("end", sa.DateTime(), nullable=False),
        sa.Column("domain_id", sa.Uuid(), nullable=True),
        sa.Column("release_id", sa.Uuid(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["environment_id"],
            ["environment.id"],
            name=op.f("fk_environment_booking_environment_id_environment"),
        ),
        sa.ForeignKeyConstraint(
            ["domain_id"], ["domain.id"], name=op.f("fk_environment_booking_domain_id_domain")
        ),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_environment_booking_release_id_release")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_environment_booking")),
    )
    for column in _INDEXED:
        op.create_index(op.f(f"ix_environment_booking_{column}"), "environment_booking", [column])


def downgrade() -> None:
    for column in _INDEXED:
        op.drop_index(op.f(f"ix_environment_booking_{column}"), table_name="environment_booking")
    op.drop_table("environment_booking")
