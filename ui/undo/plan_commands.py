"""Undoable plan edits: setting a release's baseline."""

from __future__ import annotations

import uuid

from app.changes import Change
from app.services import baseline_service as baselines
from app.services.baseline_service import BaselineSet
from app.workspace import Workspace
from ui.undo.command_runner import CommandRunner
from ui.undo.service_command import ServiceCommand


class BaselineCommand(ServiceCommand):
    """Store a release's current schedule as its baseline; undo puts the old one back."""

    def __init__(self, ws: Workspace, release_id: uuid.UUID, title: str) -> None:
        super().__init__(f"Set baseline of '{title}'")
        self.ws, self.release_id = ws, release_id
        self.result: BaselineSet | None = None

    def forward(self, force: bool = False) -> Change:
        self.result = baselines.set_baseline(self.ws, self.release_id)
        return self.result.change

    def backward(self) -> Change:
        assert self.result is not None
        return baselines.restore_baseline(self.ws, self.result.previous)


def run_set_baseline(
    runner: CommandRunner, ws: Workspace, release_id: uuid.UUID, title: str
) -> str:
    """Run :class:`BaselineCommand`; the status line to show ("" if it failed: the runner
    has shown why)."""
    command = BaselineCommand(ws, release_id, title)
    if not runner.run(command) or command.result is None:
        return ""
    done, fmt = command.result, "%d %b %Y %H:%M"
    return (
        f"Baseline of '{title}' set for {done.tasks} tasks "
        f"({done.start:{fmt}} → {done.finish:{fmt}}). Undo takes it back."
    )
