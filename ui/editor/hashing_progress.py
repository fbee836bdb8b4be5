"""Hashing artifacts off the GUI thread: a progress dialog with Cancel.

Verifying a package, importing an item list and adding an item with a local artifact
all read files that may be gigabytes long. The worker only reads and hashes files (no
database, no widgets); the GUI thread writes what it found afterwards. Cancel sets a
flag the hashing loop checks after each chunk, so it stops within a chunk's time and
nothing is written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from app.errors import ReleaseDeskError
from app.services.artifact_hash import Cancelled, HashCancelled
from app.services.package_integrity import Progress
from ui.background_call import BackgroundCall

STEPS = 1000  # the bar counts per mille: byte counts overflow a Qt int past 2 GB
# ``work(progress, cancelled)``: runs on the worker, told how to report and when to stop.
Work = Callable[[Progress, Cancelled], Any]


class HashingProgress(QObject):
    """``start(work, title, label)`` shows the progress dialog and runs ``work`` on a
    worker; then ``finished(result)``, ``cancelled()`` (the user pressed Cancel and the
    work raised :class:`HashCancelled`) or ``failed(error)``."""

    finished = Signal(object)
    cancelled = Signal()
    failed = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._cancel = threading.Event()
        self.dialog: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        """Whether a hashing is under way (its dialog is showing)."""
        return self.dialog is not None

    def start(self, work: Work, title: str, label: str) -> None:
        self._cancel.clear()
        # Over an open form (adding an item) the dialog belongs to the form.
        owner = QApplication.activeModalWidget() or self._parent
        dialog = QProgressDialog(label, "Cancel", 0, STEPS, owner)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(self.cancel)
        self.dialog = dialog

        def run() -> Any:
            try:
                return work(tell, self._cancel.is_set)
            except HashCancelled:
                return HashCancelled

        call = BackgroundCall(run, title, self)

        def tell(done: int, total: int) -> None:
            call.report(done * STEPS // total if total else STEPS, STEPS)

        call.progressed.connect(lambda done, _total: dialog.setValue(done))
        call.succeeded.connect(self._on_call_succeeded)
        call.failed.connect(self._on_call_failed)
        dialog.show()
        call.start(self._pool)

    def wait_for(self, work: Work, title: str, label: str) -> tuple[bool, Any]:
        """Run ``work`` as :meth:`start` does and return ``(done, result)`` once it is
        over (``done`` False: cancelled, or failed with ``result`` the error). The
        window stays responsive meanwhile (a local event loop; the dialog is modal to
        it). For a step inside an open form, which needs its answer before it closes."""
        outcome: list[tuple[bool, Any]] = []
        loop = QEventLoop()
        answers = (
            (self.finished, lambda result: outcome.append((True, result))),
            (self.cancelled, lambda: outcome.append((False, None))),
            (self.failed, lambda error: outcome.append((False, error))),
        )
        for signal, slot in answers:
            signal.connect(slot)
            signal.connect(loop.quit)
        try:
            self.start(work, title, label)
            if not outcome:
                loop.exec()
        finally:
            for signal, slot in answers:
                signal.disconnect(slot)
                signal.disconnect(loop.quit)
        return outcome[0]

    def cancel(self) -> None:
        """Stop hashing after the current chunk."""
        self._cancel.set()

    def wait(self, msecs: int = 10_000) -> bool:
        """Wait for the worker (tests, closing the window)."""
        return self._pool.waitForDone(msecs)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _on_call_succeeded(self, result: object) -> None:
        self._close_dialog()
        if result is HashCancelled:
            self.cancelled.emit()
        else:
            self.finished.emit(result)

    def _on_call_failed(self, error: ReleaseDeskError) -> None:
        self._close_dialog()
        self.failed.emit(error)
