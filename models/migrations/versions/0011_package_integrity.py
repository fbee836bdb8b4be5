"""Packages keep their baselined manifest, items their size and domain, rules a specifier.

Revision ID: 0011_package_integrity
Revises: 0010_change_requests
Create Date: 2026-12-01 21:20:00

- ``release_package`` gains the baselined manifest (canonical JSON), who baselined it
  and why, so a later change can be shown as a deviation from it;
- ``configuration_item`` gains the artifact's size and the domain it belongs to;
- ``compatibility_rule`` gains a PEP 440 ``specifier``; existing rules' ``[min, max)``
  range becomes ``>=min,<max`` so they keep meaning what they meant.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_package_integrity"
down_revision = "0010_change_requests"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("release_package") as batch:
        batch.add_column(
            sa.Column("baseline_manifest", sa.Text(), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("baselined_by", sa.String(length=120), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("baseline_reason", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("configuration_item") as batch:
        batch.add_column(sa.Column("size_bytes", sa.BigInteger(), nullable=True))
        batch.add_column(
            sa.Column("domain", sa.String(length=80), nullable=False, server_default="")
        )
    with op.batch_alter_table("compatibility_rule") as batch:
        batch.add_column(
            sa.Column("specifier", sa.String(length=120), nullable=False, server_default="")
        )
    rule = sa.table(
        "compatibility_rule",
        sa.column("min_version", sa.String),
        sa.column("max_version", sa.String),
        sa.column("specifier", sa.String),
    )
    low = sa.func.coalesce(sa.literal(">=") + rule.c.min_version, "")
    high = sa.func.coalesce(sa.literal("<") + rule.c.max_version, "")
    both = sa.and_(rule.c.min_version.is_not(None), rule.c.max_version.is_not(None))
    op.execute(
        rule.update().values(
            specifier=sa.case((both, low + sa.literal(",") + high), else_=low + high)
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("compatibility_rule") as batch:
        batch.drop_column("specifier")
    with op.batch_alter_table("configuration_item") as batch:
        batch.drop_column("domain")
        batch.drop_column("size_bytes")
    with op.batch_alter_table("release_package") as batch:
        batch.drop_column("baseline_reason")
        batch.drop_column("baselined_by")
        batch.drop_column("baseline_manifest")
