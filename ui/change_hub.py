"""One place where every service change is announced to the open views.

Commands publish the :class:`~app.changes.Change` summaries their service
calls return; each view decides whether a change concerns it (the Anki pattern).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from app.changes import Change


class ChangeHub(QObject):
    """Broadcasts change summaries; ``changed`` carries a tuple of Change."""

    changed = Signal(object)
    connection_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.remote = False  # True while a colleague's changes are being delivered

    def publish(self, changes: Change | Iterable[Change] | None, *, remote: bool = False) -> None:
        """Announce one change, several, or nothing (None is ignored); ``remote`` for
        changes a colleague committed to the shared workspace."""
        if changes is None:
            return
        batch = (changes,) if isinstance(changes, Change) else tuple(changes)
        batch = tuple(c for c in batch if isinstance(c, Change))
        if batch:
            self.remote = remote
            try:
                self.changed.emit(batch)
            finally:
                self.remote = False
