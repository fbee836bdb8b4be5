"""Undoable package edits that are not one row: importing an item list, baselining.

Import: the first step adds the items a worker already read and hashed; undo withdraws
exactly those items, redo brings the same ones back. Baseline: undo puts back the
baseline the package had before (or none), redo the very baseline this step made.
Each later step expects the versions the previous one left, so a colleague's change
in between is a conflict (the runner's dialog decides), never overwritten.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from app.changes import Change
from app.services.package_import import add_items
from app.services.package_undo import (
    BaselineStep,
    baseline_step,
    put_baseline,
    reinstate_items,
    withdraw_items,
)
from app.workspace import Workspace
from ui.undo.service_command import ServiceCommand, version_after


class ImportItemsCommand(ServiceCommand):
    """Add prepared items (``values``) to a release's package; undo removes them."""

    def __init__(
        self, ws: Workspace, release_id: uuid.UUID, values: list[dict[str, Any]], text: str
    ) -> None:
        super().__init__(text)
        self.ws, self.release_id, self.values = ws, release_id, values
        self.change: Change | None = None  # what the last step left

    def _expected(self, force: bool) -> Mapping[uuid.UUID, int] | None:
        if force or self.change is None:
            return None
        pairs = zip(self.change.ids, self.change.versions, strict=True)
        return {i: self.ledger.expect(i, v) or v for i, v in pairs}

    def forward(self, force: bool = False) -> Change:
        if self.change is None:
            self.change = add_items(self.ws, self.release_id, self.values)
        else:
            self.change = reinstate_items(self.ws, self.change.ids, self._expected(force))
        return self.change

    def backward(self, force: bool = False) -> Change:
        assert self.change is not None
        self.change = withdraw_items(self.ws, self.change.ids, self._expected(force))
        return self.change


class BaselineCommand(ServiceCommand):
    """Baseline a release's package with ``reason``; undo restores the previous baseline."""

    def __init__(self, ws: Workspace, release_id: uuid.UUID, reason: str, text: str) -> None:
        super().__init__(text)
        self.ws, self.release_id, self.reason = ws, release_id, reason
        self.step: BaselineStep | None = None
        self.version: int | None = None

    def _put(self, forward: bool, force: bool) -> Change:
        assert self.step is not None
        pid = self.step.package_id
        expected = None if force else self.ledger.expect(pid, self.version)
        baseline = self.step.after if forward else self.step.before
        change = put_baseline(self.ws, pid, baseline, expected)
        self.version = version_after(change, pid, self.version)
        return change

    def forward(self, force: bool = False) -> Change:
        if self.step is None:
            self.step = baseline_step(self.ws, self.release_id, self.reason)
            self.version = version_after(self.step.change, self.step.package_id, None)
            return self.step.change
        return self._put(True, force)

    def backward(self, force: bool = False) -> Change:
        return self._put(False, force)
