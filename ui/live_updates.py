"""Colleagues' changes on a shared workspace, delivered to the open views.

A :class:`LiveUpdates` watches the workspace's change listener socket with a
``QSocketNotifier`` (no polling) and publishes what arrives on the
:class:`~ui.change_hub.ChangeHub`, exactly as a local edit is published. Connecting
runs on a worker thread, so an unreachable server never freezes the window. When the
listening connection is lost it says so and tries again every 30 seconds; after a
reconnect every view reloads, since changes made meanwhile were not heard.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from app.changes import Change, ChangeAction
from app.errors import ConnectionLostError
from app.sync.listener import ChangeListener, listen
from app.workspace import DatabaseKind, Workspace
from ui.background_call import LatestCall
from ui.change_hub import ChangeHub

RETRY_MS = 30_000
# What a view reloads after a gap in listening: every release (the board, the editor).
_RELOAD_ALL = (Change("release", ChangeAction.UPDATED, ()),)


class LiveUpdates(QObject):
    """Feeds one shared workspace's committed changes by others into the hub."""

    state_changed = Signal(bool, str)  # listening?, why not (empty when listening)
    received = Signal(object)  # the tuple of Change just delivered

    def __init__(self, hub: ChangeHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._workspace: Workspace | None = None
        self._listener: ChangeListener | None = None
        self._notifier: QSocketNotifier | None = None
        self._connecting = LatestCall("Listening for colleagues' changes", self)
        self._connecting.succeeded.connect(self._on_connected)
        self._connecting.failed.connect(self._on_connect_failed)
        # A connect answers on the GUI thread later; one that finishes after stop() (or
        # whose answer stop() overtakes) is closed here, never left to the collector.
        self._lock = threading.Lock()
        self._generation = 0  # a new one for each stop(): older connects are unwanted
        self._opened: set[ChangeListener] = set()  # connected, answer not yet taken
        self._had_gap = False
        self.problem = ""  # why colleagues' changes are not arriving ("" when they are)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._connect)

    @property
    def listening(self) -> bool:
        return self._listener is not None

    @property
    def retry_interval_ms(self) -> int:
        """How long to wait before connecting again after the connection was lost."""
        return self._retry.interval()

    @retry_interval_ms.setter
    def retry_interval_ms(self, ms: int) -> None:
        self._retry.setInterval(ms)

    def watch(self, workspace: Workspace) -> None:
        """Listen to ``workspace`` (nothing to do for a local one)."""
        self.stop()
        self._workspace = workspace
        self._had_gap = False
        self._connect()

    def stop(self) -> None:
        """Stop listening (on close, or before another workspace is shown)."""
        self._retry.stop()
        self._drop_listener()
        self._workspace = None
        self.problem = ""
        self._connecting.cancel()
        with self._lock:
            self._generation += 1  # a connect still under way closes what it opens
            unwanted, self._opened = self._opened, set()
        for listener in unwanted:
            listener.close()

    def _connect(self) -> None:
        ws = self._workspace
        if ws is None or ws.kind != DatabaseKind.SHARED or self._connecting.busy:
            return  # a local workspace has no other writers
        generation = self._generation
        self._connecting.start(lambda: self._open(ws, generation))

    def _open(self, ws: Workspace, generation: int) -> ChangeListener | None:
        """Worker thread: listen, unless stop() came first (then close at once)."""
        listener = listen(ws)
        if listener is None:
            return None
        with self._lock:
            if generation == self._generation:
                self._opened.add(listener)
                return listener
        listener.close()
        return None

    def _on_connected(self, listener: ChangeListener) -> None:
        with self._lock:
            self._opened.discard(listener)
        self._listener = listener
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self.problem = ""
        self.state_changed.emit(True, "")
        if self._had_gap:  # changes committed while we were not listening were missed
            self._had_gap = False
            self._hub.publish(_RELOAD_ALL, remote=True)

    def _on_connect_failed(self, error: Exception) -> None:
        self._lost(str(error))

    def _drain(self) -> None:
        if self._listener is None:
            return
        try:
            changes = self._listener.drain()
        except ConnectionLostError as exc:
            self._lost(str(exc))
            return
        if changes:
            self._hub.publish(changes, remote=True)
            self.received.emit(changes)

    def _lost(self, why: str) -> None:
        self._drop_listener()
        self._had_gap = True
        self.problem = why
        self.state_changed.emit(False, why)
        self._retry.start()

    def _drop_listener(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None


def colleague_summary(changes: tuple[Change, ...]) -> str:
    """One status-bar line on what arrived: "Saved by a colleague: 1 release, 3 tasks"."""
    counts: dict[str, int | None] = {}
    for change in changes:
        known = counts.get(change.entity, 0)
        # A large change names its table without ids: "several".
        counts[change.entity] = (
            None if known is None or not change.ids else known + len(set(change.ids))
        )
    parts = []
    for entity, count in counts.items():
        noun = entity.replace("_", " ")
        parts.append(
            f"several {noun}s" if count is None else f"{count} {noun}{'' if count == 1 else 's'}"
        )
    return "Saved by a colleague: " + ", ".join(parts)
