"""Schema revisions: create, upgrade and inspect a workspace database with Alembic.

Opening a workspace only needs to know the revision it is at and the revisions we know,
which come from a plain query and from the migration file names (revision id = file
stem, numbered in order; a test holds Alembic to that). Alembic itself, a third of a
second to import, is loaded only when a schema is actually created or upgraded.
"""

from __future__ import annotations

from collections.abc import Callable
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


class MigrationCheckError(RuntimeError):
    """A migration left rows that refer to missing rows; it was rolled back."""


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (creating every table on an empty one)."""
    from alembic import command

    _migrate(engine, lambda cfg: command.upgrade(cfg, revision), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database back to ``revision`` (used by tests of the migrations)."""
    from alembic import command

    _migrate(engine, lambda cfg: command.downgrade(cfg, revision), revision)


def _migrate(engine: Engine, run: Callable[[Config], None], revision: str) -> None:
    """Run ``run`` in one transaction; on SQLite with foreign keys off, checked before commit.

    Rebuilding a table (SQLite's way to alter one) drops it while other tables still
    refer to it, which ``foreign_keys=ON`` refuses. SQLite ignores that pragma inside a
    transaction, so it is switched off on the raw connection before ours begins, and
    ``PRAGMA foreign_key_check`` stands in for it before anything is committed.
    """
    with engine.connect() as conn:
        raw = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                run(alembic_config(conn))
                if raw is not None:
                    _check_foreign_keys(conn, revision)
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def _check_foreign_keys(conn: Connection, revision: str) -> None:
    """Raise :class:`MigrationCheckError` when any row refers to a missing row."""
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        table, rowid, parent, _fk = broken[0]
        more = f" (and {len(broken) - 1} more)" if len(broken) > 1 else ""
        raise MigrationCheckError(
            f"Changing the schema to {revision} would leave row {rowid} of {table} referring "
            f"to a missing {parent} row{more}; nothing was changed."
        )
