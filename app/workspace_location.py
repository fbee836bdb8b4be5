"""Where a workspace lives: the ``--db`` value (a path or a URL) as a SQLAlchemy URL,
its kind (a local file or a shared server) and its name as a coordinator reads it."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path

import platformdirs
import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

from app.errors import WorkspaceLocationError
from app.masking import mask_passwords

ENV_DB = "RELEASEDESK_DB"
SUPPORTED_BACKENDS = ("sqlite", "postgresql")


class DatabaseKind(StrEnum):
    LOCAL = "local"  # an SQLite file on this computer
    SHARED = "shared"  # a PostgreSQL server shared by the team


def database_kind(url: URL) -> DatabaseKind:
    """A local file for SQLite, a shared server for anything else."""
    return DatabaseKind.LOCAL if url.get_backend_name() == "sqlite" else DatabaseKind.SHARED


def default_database_path() -> Path:
    """Where the embedded workspace lives when no ``--db`` is given."""
    return Path(platformdirs.user_data_dir("ReleaseDesk", appauthor=False)) / "workspace.db"


def resolve_url(target: str | os.PathLike[str] | None) -> URL:
    """A SQLAlchemy URL from ``--db`` (URL or path), ``$RELEASEDESK_DB`` or the default.

    Raises :class:`WorkspaceLocationError` for a value that names no place a workspace
    can live: a malformed URL, a database kind other than SQLite or PostgreSQL.
    """
    raw = os.fspath(target) if target is not None else os.environ.get(ENV_DB)
    if not raw:
        raw = os.fspath(default_database_path())
    if "://" not in raw:
        try:
            return make_url("sqlite:///" + str(Path(raw).expanduser().resolve()))
        except (OSError, RuntimeError, ValueError) as exc:  # too long, a loop, a NUL byte
            raise WorkspaceLocationError(
                f"'{short(raw)}' cannot be used as a workspace file: {reason(exc)}."
            ) from None
    try:
        url = make_url(raw)
        url.port  # noqa: B018  # ":notaport" is only found when the port is read
    except (sa.exc.ArgumentError, ValueError):
        raise WorkspaceLocationError(
            f"'{short(mask_passwords(raw))}' is not a database URL or a file path."
        ) from None
    if url.get_backend_name() not in SUPPORTED_BACKENDS:
        raise WorkspaceLocationError(
            f"'{url.get_backend_name()}' databases cannot hold a workspace; use a file path "
            "or postgresql+psycopg://USER@HOST/DATABASE."
        )
    if url.get_backend_name() == "sqlite" and url.query:
        # ReleaseDesk sets SQLite's options itself; pysqlite would ignore these with a
        # multi-line warning, or fail on them later.
        raise WorkspaceLocationError(
            f"'{short(raw)}' has options ({', '.join(url.query)}); a workspace file takes "
            "none: give its path alone."
        )
    if url.get_backend_name() != "sqlite" and not url.database:
        # Without one the server picks the user's default database: never what was meant.
        raise WorkspaceLocationError(
            f"'{short(mask_passwords(raw))}' names no database; "
            "use postgresql+psycopg://USER@HOST/DATABASE."
        )
    return url


def short(text: str, limit: int = 80) -> str:
    """A user's value, cut for a one-line message (a 300-character path stays readable)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def reason(exc: BaseException) -> str:
    """The first line of what went wrong (messages stay one line)."""
    text = getattr(exc, "strerror", None) or str(exc).strip() or type(exc).__name__
    return text.splitlines()[0].rstrip(".")


def describe(url: URL) -> str:
    """A URL as a coordinator reads it: a file path, or server/database without password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database}"
