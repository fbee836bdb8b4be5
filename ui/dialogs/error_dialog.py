"""The message box an unexpected error shows: plain words, the traceback under Details."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

TITLE = "Something went wrong"


def error_dialog(parent: QWidget | None, text: str, details: str) -> QMessageBox:
    """A non-blocking box: ``text`` says what failed, ``details`` (the traceback) sits in
    the expandable, selectable "Show Details…" area so it can be copied to support.

    The caller shows it with ``open()``: the event loop keeps running, so a storm of
    repeats can update it and tests can read and close it.
    """
    box = QMessageBox(QMessageBox.Icon.Critical, TITLE, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorDialog")
    box.setDetailedText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box
