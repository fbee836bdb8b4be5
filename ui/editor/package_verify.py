"""Verifying a package off the GUI thread: a progress dialog with Cancel.

The items are read on the GUI thread (they are already in the table); the worker
only reads files and hashes them (no database, no widgets). Cancel sets a flag the
hashing loop checks after each chunk, so it stops within a chunk's time.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import ReleaseDeskError
from app.services.package_integrity import IntegrityReport, verify_items
from app.services.package_service import ItemRow
from app.workspace import Workspace
from ui.background_call import BackgroundCall

STEPS = 1000  # the bar counts per mille: byte counts overflow a Qt int past 2 GB


class PackageVerifier(QObject):
    """``start(items)`` shows the progress dialog; ``finished(report)`` when done or cancelled."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._cancel = threading.Event()
        self.dialog: QProgressDialog | None = None

    def start(self, items: Sequence[ItemRow]) -> None:
        self._cancel.clear()
        dialog = QProgressDialog("Re-hashing local artifacts…", "Cancel", 0, STEPS, self._parent)
        dialog.setWindowTitle("Verify package")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(self.cancel)
        self.dialog = dialog
        rows = list(items)
        call = BackgroundCall(lambda: verify_items(rows, tell, self._cancel.is_set), "Verify", self)

        def tell(done: int, total: int) -> None:
            call.report(done * STEPS // total if total else STEPS, STEPS)

        call.progressed.connect(lambda done, _total: dialog.setValue(done))
        call.succeeded.connect(self._on_call_succeeded)
        call.failed.connect(self._on_call_failed)
        dialog.show()
        call.start(self._pool)

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

    def _on_call_succeeded(self, report: IntegrityReport) -> None:
        self._close_dialog()
        self.finished.emit(report)

    def _on_call_failed(self, error: ReleaseDeskError) -> None:
        self._close_dialog()
        self.failed.emit(error)
