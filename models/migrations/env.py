"""Alembic environment: always run on a connection handed over by ``models.schema``."""

from __future__ import annotations

from alembic import context

import models

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - we never run alembic from its own CLI
    raise RuntimeError("ReleaseDesk migrations run through `releasedesk db upgrade`.")

context.configure(
    connection=connection,
    target_metadata=models.Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
