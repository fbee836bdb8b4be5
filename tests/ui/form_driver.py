"""Driving a FormDialog as a user does: it runs its own event loop (``exec``), so the
test acts from a timer once the dialog is the active modal widget."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QDialogButtonBox, QWidget

from ui.dialogs.form_dialog import FormDialog


def when_the_form_opens(fill: Callable[[Any], None], kind: type[QDialog] = FormDialog) -> None:
    """Run ``fill`` on the next form (or other dialog of ``kind``) shown; a dialog
    ``fill`` leaves open is cancelled (a failed step must not leave the test waiting
    on a modal dialog)."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(10, attempt)
            return
        try:
            fill(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, attempt)


def press_ok(qtbot: Any, dialog: QDialog) -> None:
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def choose(qtbot: Any, combo: QComboBox, text: str) -> None:
    """Pick the item starting with ``text`` by typing it into the closed combo box."""
    combo.setFocus()
    qtbot.keyClicks(combo, text)
    assert combo.currentText().startswith(text), f"no item {text!r} in {combo.currentText()!r}"


def toggle(qtbot: Any, box: QWidget) -> None:
    """Tick or untick a check box, with the space bar."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)


def type_into(qtbot: Any, editor: QWidget, text: str) -> None:
    """Replace what ``editor`` holds with ``text``, typed."""
    clear(qtbot, editor)
    qtbot.keyClicks(editor, text)


def clear(qtbot: Any, editor: QWidget) -> None:
    """Select all the field holds and delete it, with the keyboard."""
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)


def state(dialog: FormDialog, name: str) -> dict[str, Any]:
    """What the user sees of field ``name`` (and whether the form is still open)."""
    return {
        "open": dialog.isVisible(),
        "invalid": bool(dialog.editors[name].property("invalid")),
        "message": dialog.errors[name].text() if dialog.errors[name].isVisibleTo(dialog) else "",
        "focused": dialog.focusWidget() is dialog.editors[name],
    }


def ok_then_fix(qtbot: Any, dialog: FormDialog, name: str, fix: str, kept: str) -> dict:
    """Press OK and note how field ``name`` looks and what ``kept`` holds; then type
    ``fix`` into ``name`` and press OK again."""
    press_ok(qtbot, dialog)
    seen = {"first": state(dialog, name), "kept": dialog.values()[kept]}
    qtbot.keyClicks(dialog.editors[name], fix)
    press_ok(qtbot, dialog)
    return seen
