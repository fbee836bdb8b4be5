"""Listening for colleagues' changes on a shared workspace.

:func:`listen` opens one dedicated connection (autocommit, outside the pool) that runs
``LISTEN``; the caller watches :meth:`ChangeListener.fileno` (a Qt window with a socket
notifier, a script with ``select``) and calls :meth:`ChangeListener.drain` when it is
readable.

It asks a workspace only for what :class:`Listenable` names, so this package does not
import ``app.workspace`` (which imports ``notices`` from here to announce its saves).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from sqlalchemy.engine import URL

from app.changes import Change
from app.errors import ConnectionLostError
from app.masking import mask_passwords
from app.sync.notices import CHANNEL, decode

if TYPE_CHECKING:
    import psycopg


class Listenable(Protocol):
    """What listening needs from an opened workspace (``app.workspace.Workspace``)."""

    url: URL
    name: str
    origin: str  # the workspace's own notices carry it; they are not echoed back


def listen(ws: Listenable) -> ChangeListener | None:
    """A listener for the changes colleagues commit to ``ws`` (None for a local SQLite
    workspace, which has no other writers). Raises :class:`ConnectionLostError` when
    the server cannot be reached."""
    if ws.url.get_backend_name() == "sqlite":
        return None
    return ChangeListener(ws)


class ChangeListener:
    """Changes other ReleaseDesk sessions commit to one shared workspace."""

    def __init__(self, ws: Listenable) -> None:
        import psycopg  # only shared workspaces need the driver directly

        self._origin = ws.origin
        url = ws.url.set(drivername="postgresql")
        try:
            self._conn: psycopg.Connection = psycopg.connect(
                url.render_as_string(hide_password=False), autocommit=True, connect_timeout=10
            )
            self._conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.OperationalError as exc:
            raise ConnectionLostError(
                f"Live updates from colleagues are off: cannot listen on {ws.name} "
                f"({mask_passwords(str(exc))})."
            ) from exc

    def fileno(self) -> int:
        """The socket to watch for readability."""
        return self._conn.fileno()

    def drain(self, timeout: float = 0.0) -> tuple[Change, ...]:
        """Changes committed by others since the last call (waiting up to ``timeout``
        seconds for the first); our own workspace's echoes are left out."""
        import psycopg

        changes: list[Change] = []
        try:
            for notice in self._conn.notifies(timeout=timeout):
                origin, batch = decode(notice.payload)
                if origin != self._origin:
                    changes.extend(batch)
        except psycopg.OperationalError as exc:
            raise ConnectionLostError(
                "Live updates from colleagues stopped: the connection was lost "
                f"({mask_passwords(str(exc))})."
            ) from exc
        return tuple(changes)

    def close(self) -> None:
        self._conn.close()

    @property
    def closed(self) -> bool:
        """True once the listening connection is closed (by us or by the server)."""
        return bool(self._conn.closed)

    def __enter__(self) -> ChangeListener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
