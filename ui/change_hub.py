"""One place where every service change is announced to the open views.

Commands publish the :class:`~app.services.changes.Change` summaries their service
calls return; each view decides whether a change concerns it (the Anki pattern).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from app.services.changes import Change


class ChangeHub(QObject):
    """Broadcasts change summaries; ``changed`` carries a tuple of Change."""

    changed = Signal(object)
    connection_changed = Signal(bool)

    def publish(self, changes: Change | Iterable[Change] | None) -> None:
        """Announce one change, several, or nothing (None is ignored)."""
        if changes is None:
            return
        batch = (changes,) if isinstance(changes, Change) else tuple(changes)
        batch = tuple(c for c in batch if isinstance(c, Change))
        if batch:
            self.changed.emit(batch)
