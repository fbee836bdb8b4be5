"""Units of work on an opened workspace: one transaction that may write, or one that
only reads, each translating what the database says into errors a coordinator reads."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.db_errors import write_error
from app.errors import ConflictError, ConnectionLostError
from app.workspace_location import DatabaseKind, describe


class UnitsOfWork:
    """``transaction()`` and ``reading()`` of :class:`app.workspace.Workspace`."""

    url: URL
    kind: DatabaseKind
    online: bool
    session_factory: sessionmaker[Session]
    reading_factory: sessionmaker[Session]
    _joined: contextvars.ContextVar[Session | None]  # the session of a one_transaction

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work that may write: commits on success, rolls back on any error.

        On a local file it takes the write lock as it begins, waiting up to the busy
        timeout for another writer, so a save never fails half-way for a lock. A stale
        save becomes :class:`ConflictError`; a writer that kept the lock too long
        :class:`WorkspaceBusyError`; a lost server :class:`ConnectionLostError` (and
        marks the workspace offline).
        """
        joined = self._joined.get()
        if joined is not None:  # part of a one_transaction: it commits or rolls back
            yield joined
            return
        with self._unit(self.session_factory) as session:
            yield session

    @contextlib.contextmanager
    def one_transaction(self, reason: str) -> Iterator[Session]:
        """Several service writes as ONE unit of work, all or nothing.

        Every :meth:`transaction` opened inside (by any service) joins this one, and
        every audit row it writes records ``reason`` (why the plan changed: "change
        request …"), so the trail shows a request's edits as made for it.
        """
        with self._unit(self.session_factory) as session:
            session.info["reason"] = reason
            token = self._joined.set(session)
            try:
                yield session
            finally:
                self._joined.reset(token)
                session.info.pop("reason", None)

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """One unit of work that only reads: it never waits for, nor blocks, a writer.

        Its session refuses to save anything; errors are translated as in
        :meth:`transaction`.
        """
        with self._unit(self.reading_factory) as session:
            yield session

    @contextlib.contextmanager
    def _unit(self, factory: sessionmaker[Session]) -> Iterator[Session]:
        try:
            with factory.begin() as session:
                yield session
        except StaleDataError as exc:
            raise ConflictError("record", "") from exc
        except DBAPIError as exc:
            named = write_error(exc, describe(self.url), local=self.kind == DatabaseKind.LOCAL)
            if named is not None:
                raise named from exc  # busy or crossed writes: still online
            if exc.connection_invalidated or isinstance(exc, OperationalError):
                self.online = False
                raise connection_error(self.url, exc) from exc
            raise
        else:
            self.online = True


def connection_error(url: URL, exc: BaseException) -> ConnectionLostError:
    """The database could not be reached (or the file used), said for a coordinator."""
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else "no answer"
    if url.get_backend_name() == "sqlite":
        return ConnectionLostError(
            f"The workspace file {describe(url)} cannot be used right now: {reason}"
        )
    return ConnectionLostError(f"Cannot connect to the shared database {describe(url)}: {reason}")
