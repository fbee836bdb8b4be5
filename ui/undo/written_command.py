"""Undo of rows a worker thread already wrote (an import): the common part."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from app.changes import Change
from ui.undo.service_command import ServiceCommand


class WrittenCommand(ServiceCommand):
    """Rows already written when the command is made: its first forward only reports
    them; :meth:`back` (undo) and :meth:`again` (redo) each get the versions the
    previous step left, so a colleague's change in between is a conflict."""

    def __init__(self, text: str, changes: tuple[Change, ...]) -> None:
        super().__init__(text)
        self._changes = changes  # what the last step left
        self._written = False

    def back(self, expected: Mapping[uuid.UUID, int] | None) -> tuple[Change, ...]:
        """Take the rows back (subclasses call their service)."""
        raise NotImplementedError

    def again(self, expected: Mapping[uuid.UUID, int] | None) -> tuple[Change, ...]:
        """Bring the rows back (subclasses call their service)."""
        raise NotImplementedError

    def _expected(self, force: bool) -> Mapping[uuid.UUID, int] | None:
        if force:
            return None
        return {
            i: self.ledger.expect(i, v) or v
            for change in self._changes
            for i, v in zip(change.ids, change.versions, strict=True)
        }

    def forward(self, force: bool = False) -> tuple[Change, ...]:
        if not self._written:  # the writing itself: already done on the worker
            self._written = True
            return self._changes
        self._changes = self.again(self._expected(force))
        return self._changes

    def backward(self, force: bool = False) -> tuple[Change, ...]:
        self._changes = self.back(self._expected(force))
        return self._changes
