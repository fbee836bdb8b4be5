"""One of the board's background reads (the scheduled finishes, the open conflicts).

The cards themselves are read at once; what takes longer is read off the GUI thread by
a :class:`BoardRead`: one run at a time, asks while it runs make one more run once it
has answered (so the last answer reflects the last change), and a burst of changes
(an import, an undo of many) asks once, after a short pause.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from app.workspace import Workspace
from ui.background_call import LatestCall


class BoardRead(QObject):
    """``read(workspace)`` on ``pool``; ``answered(result)`` on the GUI thread."""

    answered = Signal(object)

    def __init__(
        self,
        what: str,
        read: Callable[[Workspace], Any],
        workspace: Callable[[], Workspace],
        pool: QThreadPool,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._read = read
        self._workspace = workspace
        self._call = LatestCall(what, self, pool)
        self._call.succeeded.connect(self._on_call_succeeded)
        self._call.failed.connect(self._on_call_done)
        self._again = False
        self._closed = False  # the workspace is closing: no more reads of it
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.ask)

    @property
    def busy(self) -> bool:
        return self._call.busy

    def ask(self) -> None:
        """Read now, or once more after the read under way."""
        if self._closed:
            return
        if self._call.busy:
            self._again = True
            return
        ws, read = self._workspace(), self._read
        self._call.start(lambda: read(ws))

    def ask_soon(self) -> None:
        """Read after a short pause (asks meanwhile make it one read)."""
        if not self._closed:
            self._timer.start()

    def close(self) -> None:
        """Start no other read, and wait for the one under way: a read after the
        workspace closes would open a connection nobody closes."""
        self._closed = True
        self._timer.stop()
        self._again = False
        self._call.cancel()
        self._call.wait()

    def _on_call_succeeded(self, result: object) -> None:
        self.answered.emit(result)
        self._on_call_done()

    def _on_call_done(self, *_args: object) -> None:
        if self._again:
            self._again = False
            self.ask()
