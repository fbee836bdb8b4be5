"""Undoable removal of a release's baseline (the plan view's "Clear baseline").

Redo clears again the tasks that had one; undo puts each task's baseline back. Each
step expects the task versions the previous step left: a colleague's edit of a task in
between is a conflict, never overwritten.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from app.changes import Change
from app.services import baseline_service as baselines
from app.services.baseline_service import BaselineCleared
from app.workspace import Workspace
from ui.undo.service_command import ServiceCommand


class ClearBaselineCommand(ServiceCommand):
    """Clear the baseline of ``release_id``; undo restores it."""

    def __init__(self, ws: Workspace, release_id: uuid.UUID, title: str) -> None:
        super().__init__(f"Clear baseline of '{title}'")
        self.ws, self.release_id = ws, release_id
        self.result: BaselineCleared | None = None
        self._expected: Mapping[uuid.UUID, int] | None = None

    def _expecting(self, force: bool) -> Mapping[uuid.UUID, int] | None:
        if force or not self._expected:
            return None
        return {i: self.ledger.expect(i, v) or v for i, v in self._expected.items()}

    def _left(self, change: Change) -> None:
        self._expected = dict(zip(change.ids, change.versions, strict=True))

    def forward(self, force: bool = False) -> Change:
        self.result = baselines.clear_baseline(self.ws, self.release_id, self._expecting(force))
        self._left(self.result.change)
        return self.result.change

    def backward(self, force: bool = False) -> Change:
        assert self.result is not None
        change = baselines.restore_baseline(self.ws, self.result.previous, self._expecting(force))
        self._left(change)
        return change
