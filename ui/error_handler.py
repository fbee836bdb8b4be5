"""One handler for exceptions that escape slots and worker threads.

PySide6 hands an exception raised in a slot to ``sys.excepthook``; Python threads use
``threading.excepthook``. :class:`ErrorHandler` takes both: it logs the traceback (the
file log of :mod:`ui.error_log`), shows the coordinator a box that says what failed with
the traceback under Details, and returns, so the window keeps working.

A slot that fails on every repaint or timer tick would open a box per call: the same
error (type, message, place) is shown once while its box is open, and the repeats are
counted in it and in the log instead.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.errors import ReleaseDeskError
from app.masking import mask_passwords
from ui.dialogs.error_dialog import error_dialog

log = logging.getLogger("releasedesk.errors")

DialogFactory = Callable[[QWidget | None, str, str], QMessageBox]


@dataclass
class _Shown:
    """The error whose box is open, and how often it happened since."""

    key: tuple[str, str, str]
    box: QMessageBox
    text: str
    count: int = 1


class ErrorHandler(QObject):
    """Installs itself as ``sys.excepthook`` and ``threading.excepthook``.

    ``dialog_factory`` builds the box (tests pass one that records it); ``log_file``
    is named in the box so the coordinator knows what to send.
    """

    _raised_elsewhere = Signal(object, object, object)

    def __init__(
        self,
        log_file: Path | None = None,
        dialog_factory: DialogFactory = error_dialog,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.dialog_factory = dialog_factory
        self.shown: _Shown | None = None
        self._previous: tuple[Any, Any] | None = None
        # Queued: an error on a worker thread is shown by the GUI thread.
        self._raised_elsewhere.connect(self.report)

    # -- installing ----------------------------------------------------------------------
    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._on_sys_exception
        threading.excepthook = self._on_thread_exception

    def uninstall(self) -> None:
        """Put back the hooks found by :meth:`install`."""
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def _on_sys_exception(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in a terminal still quits
            sys.__excepthook__(kind, error, tb)
            return
        if QThread.currentThread() is not self.thread():  # a QThreadPool worker
            self._raised_elsewhere.emit(kind, error, tb)
        else:
            self.report(kind, error, tb)

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:  # SystemExit(None) ends a thread quietly
            return
        self._raised_elsewhere.emit(args.exc_type, args.exc_value, args.exc_traceback)

    # -- reporting -----------------------------------------------------------------------
    def report(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        """Log ``error`` and show it (or count it when its box is already open)."""
        try:
            self._report(kind, error, tb)
        except Exception:  # a failing handler must not hide the first error
            sys.__excepthook__(kind, error, tb)

    def _report(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        key = _key(kind, error, tb)
        shown = self.shown
        if shown is not None and shown.key == key:
            shown.count += 1
            log.error("The same error again (%d times so far): %s", shown.count, _what(error))
            shown.box.setText(f"{shown.text}\n\nThis happened {shown.count} times.")
            return
        log.error("Unexpected error: %s", _what(error), exc_info=(kind, error, tb))
        if shown is not None:  # another error's box is open: one box at a time
            return
        details = mask_passwords("".join(traceback.format_exception(kind, error, tb)))
        text = self._text(error)
        box = self.dialog_factory(_parent(), text, details)
        self.shown = _Shown(key, box, text)
        box.finished.connect(lambda _result, b=box: self._on_box_finished(b))
        box.open()

    def _text(self, error: BaseException) -> str:
        where = f" The details are also in {self.log_file}." if self.log_file else ""
        return (
            f"The last action did not finish: {_what(error)}\n\n"
            "The window keeps working; check that your last change shows as expected."
            f"{where}"
        )

    def _on_box_finished(self, box: QMessageBox) -> None:
        if self.shown is not None and self.shown.box is box:
            self.shown = None


def _what(error: BaseException) -> str:
    """The error in words: a domain error's own message, else its kind and message."""
    if isinstance(error, ReleaseDeskError):
        return mask_passwords(str(error))
    name = type(error).__name__
    return mask_passwords(f"{name}: {error}" if str(error) else name)


def _key(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> tuple[str, str, str]:
    """What makes two errors "the same": kind, message and the line that raised."""
    place = ""
    if tb is not None:
        last = traceback.extract_tb(tb)[-1]
        place = f"{last.filename}:{last.lineno}"
    return kind.__qualname__, str(error), place


def _parent() -> QWidget | None:
    return QApplication.activeWindow()
