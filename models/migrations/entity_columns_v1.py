"""The columns every editable table carries, as the first schema revisions created them.

Shared by those revisions only. It is a snapshot, not models.base.Entity: a later change
to Entity comes with its own migration, and this file must not change with it.
"""

from __future__ import annotations

import sqlalchemy as sa


def entity_columns() -> list[sa.Column]:
    """id, version, created/updated at/by and deleted_at (schema revisions 0001-0002)."""
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    ]
