"""Acting on a modal dialog a key press opens: the dialog runs its own event loop, so
the test acts from a timer once the dialog is the active modal widget."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

W = TypeVar("W", bound=QWidget)


def when_modal_opens(kind: type[W], act: Callable[[W], None], tries: int = 200) -> None:
    """Run ``act`` on the next modal ``kind`` shown, looking ``tries`` more times 10 ms
    apart (0: only right after the current event)."""

    def attempt(left: int = tries) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            if left:
                QTimer.singleShot(10, lambda: attempt(left - 1))
            return
        act(dialog)

    QTimer.singleShot(0, attempt)
