"""Run one service call on a worker thread and hand its result back to the GUI thread.

The callable must not touch widgets: it gets plain data in and returns plain data.
Results and errors come back through queued signals, so slots run on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.errors import ReleaseDeskError

log = logging.getLogger(__name__)


class BackgroundCall(QObject):
    """One call of ``work()`` on ``pool``; ``succeeded(result)`` or ``failed(error)``.

    ``failed`` always carries a :class:`ReleaseDeskError`: an unexpected exception is
    logged with its traceback and reported as a readable error instead. Work that can
    tell how far it is calls :meth:`report` (on the worker); ``progressed(done, total)``
    arrives on the GUI thread.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)

    def __init__(self, work: Callable[[], Any], what: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._what = what
        self._worked = threading.Event()  # set once ``work`` has returned or raised

    def start(self, pool: QThreadPool) -> None:
        pool.start(_Runnable(self))

    def wait(self) -> None:
        """GUI thread: block until the work is over (its answer may still be queued)."""
        self._worked.wait()

    def report(self, done: int, total: int) -> None:
        """Worker thread: ``done`` of ``total`` units finished (queued to the GUI thread)."""
        self.progressed.emit(done, total)

    def run(self) -> None:
        """Worker thread: call, then emit (queued to the GUI thread)."""
        try:
            signal, value = self._outcome()
        finally:
            self._worked.set()
        self._answer(signal, value)

    def _outcome(self) -> tuple[Any, object]:
        try:
            return self.succeeded, self._work()
        except ReleaseDeskError as exc:
            return self.failed, exc
        except Exception as exc:  # the coordinator gets a message, not a crash
            log.exception("%s failed", self._what)
            return self.failed, ReleaseDeskError(f"{self._what} stopped unexpectedly: {exc}")

    def _answer(self, signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the window closed while the call ran: nobody to tell
            log.debug("%s finished after its window closed", self._what)


class _Runnable(QRunnable):
    def __init__(self, call: BackgroundCall) -> None:
        super().__init__()
        self._call = call

    def run(self) -> None:
        self._call.run()


class LatestCall(QObject):
    """Background calls of which only the newest one's answer counts.

    ``start`` replaces the call under way (if any); ``succeeded``/``failed`` carry the
    answer of the newest call only. A superseded or cancelled call's result arrives on
    ``stale`` instead, so the owner can release it (close a connection, say).
    """

    succeeded = Signal(object)
    failed = Signal(object)
    stale = Signal(object)

    def __init__(
        self, what: str, parent: QObject | None = None, pool: QThreadPool | None = None
    ) -> None:
        super().__init__(parent)
        self._what = what
        self._pool = pool  # None: the application's shared pool
        self._current: BackgroundCall | None = None
        # Every call stays referenced here until its answer arrives on the GUI thread:
        # else a superseded call is destroyed on its worker thread as soon as it has
        # emitted, and its queued answer arrives from a deleted sender (a crash).
        self._running: set[BackgroundCall] = set()

    @property
    def busy(self) -> bool:
        """Whether the newest call has not answered yet."""
        return self._current is not None

    def start(self, work: Callable[[], Any]) -> None:
        call = BackgroundCall(work, self._what)
        call.succeeded.connect(self._on_succeeded)
        call.failed.connect(self._on_failed)
        self._current = call
        self._running.add(call)
        call.start(self._pool or QThreadPool.globalInstance())

    def cancel(self) -> None:
        """Let the call under way answer on ``stale``."""
        self._current = None

    def wait(self) -> None:
        """Block until every call started here has finished its work: a workspace is
        closed only after that, since work holds one of its connections while it runs."""
        for call in list(self._running):
            call.wait()

    def _answered(self) -> bool:
        call = self.sender()
        self._running.discard(call)  # released here, on the GUI thread
        newest = call is not None and call is self._current
        if newest:
            self._current = None
        return newest

    def _on_succeeded(self, result: object) -> None:
        (self.succeeded if self._answered() else self.stale).emit(result)

    def _on_failed(self, error: object) -> None:
        if self._answered():
            self.failed.emit(error)
