"""Undoable plan edits: setting a release's baseline, importing a plan.

The baseline is what the engine schedules, and scheduling a large plan takes a while:
:class:`BaselineSetter` schedules on a worker thread (like the editor's plan line) and
only the quick write runs on the GUI thread, as an undoable :class:`BaselineCommand`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from PySide6.QtCore import QObject, Signal

from app.changes import Change
from app.dates_text import moment
from app.errors import ReleaseDeskError
from app.services import baseline_service as baselines
from app.services.baseline_service import BaselinePlan, BaselineSet
from app.services.plan_import_undo import reinstate_import, withdraw_import
from app.services.plan_service import ImportResult
from app.words import count
from app.workspace import Workspace
from ui.background_call import LatestCall
from ui.undo.command_runner import CommandRunner
from ui.undo.service_command import ServiceCommand
from ui.undo.written_command import WrittenCommand


def _versions(change: Change) -> Mapping[uuid.UUID, int]:
    return dict(zip(change.ids, change.versions, strict=True))


class ImportCommand(WrittenCommand):
    """A plan import (it ran on a worker thread before this command was made): undo
    soft-deletes every row it wrote, redo restores the same rows, each through the
    audited service layer and expecting the versions the previous step left."""

    def __init__(self, ws: Workspace, result: ImportResult) -> None:
        super().__init__(f"Import plan into '{result.release_name}'", result.changes)
        self.ws, self.result = ws, result

    def again(self, expected: Mapping[uuid.UUID, int] | None) -> tuple[Change, ...]:
        return reinstate_import(self.ws, self._changes, expected)

    def back(self, expected: Mapping[uuid.UUID, int] | None) -> tuple[Change, ...]:
        return withdraw_import(self.ws, self._changes, expected)


class BaselineCommand(ServiceCommand):
    """Store a scheduled baseline; undo puts the old one back, redo stores it again.

    The first store expects the task versions read before scheduling, undo those the
    store left, redo those the undo left: a colleague's edit of a task in between is a
    conflict, never overwritten.
    """

    def __init__(self, ws: Workspace, plan: BaselinePlan, title: str) -> None:
        super().__init__(f"Set baseline of '{title}'")
        self.ws, self.plan = ws, plan
        self.result: BaselineSet | None = None
        self._expected: Mapping[uuid.UUID, int] | None = plan.versions  # as scheduled

    def _expecting(self, force: bool) -> Mapping[uuid.UUID, int] | None:
        if force or not self._expected:
            return None
        return {i: self.ledger.expect(i, v) or v for i, v in self._expected.items()}

    def forward(self, force: bool = False) -> Change:
        expected = self._expecting(force)
        self.result = baselines.store_baseline(self.ws, self.plan, expected)
        self._expected = _versions(self.result.change)
        return self.result.change

    def backward(self, force: bool = False) -> Change:
        assert self.result is not None
        expected = self._expecting(force)
        change = baselines.restore_baseline(self.ws, self.result.previous, expected)
        self._expected = _versions(change)
        return change


def status_text(done: BaselineSet, title: str) -> str:
    """The status line after a baseline was set."""
    return (
        f"Baseline of '{title}' set for {count(done.tasks, 'task')} "
        f"({moment(done.start)} → {moment(done.finish)}). Undo takes it back."
    )


class BaselineSetter(QObject):
    """File → Set baseline: schedule off the GUI thread, then store through the runner.

    ``message`` carries the status line (what was set, or that scheduling is under way);
    ``finished`` fires once a request is over, stored or not.
    """

    message = Signal(str)
    finished = Signal()

    def __init__(self, runner: CommandRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._request: tuple[Workspace, str] | None = None
        self._scheduling = LatestCall("Scheduling the baseline", self)
        self._scheduling.succeeded.connect(self._on_scheduling_succeeded)
        self._scheduling.failed.connect(self._on_scheduling_failed)

    @property
    def busy(self) -> bool:
        """Whether a schedule is being computed."""
        return self._scheduling.busy

    def start(self, ws: Workspace, release_id: uuid.UUID, title: str) -> None:
        """Schedule ``release_id`` in the background; a newer request replaces this one."""
        self._request = (ws, title)
        self.message.emit(f"Scheduling '{title}' to set its baseline…")
        self._scheduling.start(lambda: baselines.plan_baseline(ws, release_id))

    def _on_scheduling_succeeded(self, plan: BaselinePlan) -> None:
        assert self._request is not None
        ws, title = self._request
        command = BaselineCommand(ws, plan, title)
        if self._runner.run(command) and command.result is not None:
            self.message.emit(status_text(command.result, title))
        self.finished.emit()

    def _on_scheduling_failed(self, error: ReleaseDeskError) -> None:
        self._runner.report(error)
        self.finished.emit()
