"""Acting on a modal dialog a key press opens: the dialog runs its own event loop, so
the test acts from a timer once the dialog is the active modal widget."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

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


def answer_confirmation(qtbot, button_text: str, seen: list[str], tries: int = 200) -> None:
    """When a question (a message box) opens, note its text and press ``button_text``."""

    def answer(box: QMessageBox) -> None:
        seen.append(box.text())
        [button] = [b for b in box.buttons() if b.text() == button_text]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    when_modal_opens(QMessageBox, answer, tries)
