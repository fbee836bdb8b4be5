"""How errors and conflicts reach the coordinator: readable dialogs, never tracebacks."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.errors import (
    ConflictError,
    ConnectionLostError,
    NotFoundError,
    ReleaseDeskError,
    TransitionRefused,
    ValidationError,
)
from ui.dialogs.conflict_dialog import ConflictDialog

TITLES: tuple[tuple[type[ReleaseDeskError], str], ...] = (
    (ValidationError, "Cannot save this"),
    (TransitionRefused, "Cannot move the release"),
    (NotFoundError, "No longer there"),
    (ConnectionLostError, "Connection lost"),
)


def title_for(error: ReleaseDeskError) -> str:
    return next((t for cls, t in TITLES if isinstance(error, cls)), "ReleaseDesk")


class DialogPresenter:
    """Shows errors as message boxes and conflicts in :class:`ConflictDialog`."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    def show_error(self, error: ReleaseDeskError) -> None:
        QMessageBox.warning(self.parent, title_for(error), str(error))

    def resolve_conflict(self, error: ConflictError) -> bool:
        return ConflictDialog(error, self.parent).exec() == QDialog.DialogCode.Accepted
