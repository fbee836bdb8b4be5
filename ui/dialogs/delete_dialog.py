"""Asking before a delete that takes content with it, and saying what was deleted.

A release with tasks, sign-offs or deployments is only deleted once the coordinator
has read what goes with it; an empty one goes at once. Either way the status bar then
says what was deleted and that Undo brings it back.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from app.services.deletion_preview import DeletionPreview


def undo_keys() -> str:
    return QKeySequence(QKeySequence.StandardKey.Undo).toString(
        QKeySequence.SequenceFormat.NativeText
    )


def confirm_delete(parent: QWidget | None, preview: DeletionPreview) -> bool:
    """True when the delete may go ahead: nothing goes with it, or the user said so."""
    if not preview.has_content:
        return True
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Delete release",
        f"Delete {preview.title} with {preview.content_words()}? Undo brings it back.",
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("confirmDelete")
    delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter does not delete
    box.exec()
    return box.clickedButton() is delete


def deleted_message(title: str) -> str:
    """The status bar's word after a delete."""
    return f"Deleted {title} — Undo ({undo_keys()}) brings it back"
