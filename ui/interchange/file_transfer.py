"""What every File menu transfer (plans, calendars) shares: one worker, one at a time.

A transfer reads or writes a file on a worker thread so the window stays responsive;
while one runs (``busy``) another is not started. The folder last used is remembered
per kind of file. Subclasses start work with :meth:`_begin` and get its result (or
its error) on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.errors import ReleaseDeskError
from ui.background_call import BackgroundCall
from ui.settings import Settings
from ui.undo.command_runner import CommandRunner


class FileTransfer(QObject):
    """Base of one window's transfers; ``status_message`` goes to its status bar."""

    status_message = Signal(str)
    busy_changed = Signal(bool)

    def __init__(
        self, parent: QWidget, runner: CommandRunner, settings: Settings, folder_key: str
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._runner = runner
        self._presenter = runner.presenter
        self._settings = settings
        self._folder_key = folder_key
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._call: BackgroundCall | None = None
        self._done: Callable[[Any], None] = _ignore
        self._label = ""

    @property
    def busy(self) -> bool:
        return self._call is not None

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (closing the window, tests)."""
        return self._pool.waitForDone(msecs)

    def _begin(self, call: BackgroundCall, label: str, done: Callable[[Any], None]) -> None:
        """Start ``call`` on the worker; ``done(result)`` follows on the GUI thread."""
        # Slots are bound methods of this GUI-thread object, so the worker's signals are
        # queued to the GUI thread (a bare lambda could run on the worker).
        call.succeeded.connect(self._on_call_succeeded)
        call.failed.connect(self._on_call_failed)
        self._call, self._done, self._label = call, done, label.rstrip("…")
        self.busy_changed.emit(True)
        call.start(self._pool)

    def _finish(self) -> Callable[[Any], None]:
        done = self._done
        if self._call is not None:
            self._call.deleteLater()
        self._call, self._done = None, _ignore
        self.busy_changed.emit(False)
        return done

    def _on_call_succeeded(self, result: object) -> None:
        self._finish()(result)

    def _on_call_failed(self, error: ReleaseDeskError) -> None:
        label = self._label
        self._finish()
        self.status_message.emit(f"{label} did not complete; the workspace is unchanged.")
        self._presenter.show_error(error)

    def _file_to_read(self, caption: str, filters: str) -> Path | None:
        """The file the user picks (its folder is remembered), or None when cancelled."""
        path, _filter = QFileDialog.getOpenFileName(self._parent, caption, self._folder(), filters)
        if not path:
            return None
        file = Path(path)
        self._remember_folder(file)
        return file

    def _folder(self) -> str:
        return self._settings.text(self._folder_key, str(Path.home()))

    def _remember_folder(self, file: Path) -> None:
        self._settings.set_text(self._folder_key, str(file.parent))


def _ignore(_result: object) -> None:
    """No follow-up (between calls)."""
