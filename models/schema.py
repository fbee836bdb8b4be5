"""Schema revisions: create, upgrade and inspect a workspace database with Alembic.

Opening a workspace only needs to know the revision it is at and the revisions we know,
which come from a plain query and from the migration file names (revision id = file
stem, numbered in order; a test holds Alembic to that). Alembic itself, a third of a
second to import, is loaded only when a schema is actually created or upgraded.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

if TYPE_CHECKING:
    from alembic.config import Config

VERSIONS = resources.files("models") / "migrations" / "versions"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic configuration pointing at our packaged migrations (no alembic.ini needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("models") / "migrations"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def known_revisions() -> set[str]:
    """Every schema revision this version of ReleaseDesk knows."""
    return {
        entry.name.removesuffix(".py")
        for entry in VERSIONS.iterdir()
        if entry.name.endswith(".py") and entry.name[:4].isdigit()
    }


def head_revision() -> str:
    """The newest schema revision this version of ReleaseDesk knows."""
    return max(known_revisions())


def current_revision(connection: Connection) -> str | None:
    """The revision a database is at, or ``None`` when it has no ReleaseDesk schema."""
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (creating every table on an empty one)."""
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database back to ``revision`` (used by tests of the migrations)."""
    from alembic import command

    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), revision)
