"""Runs an edit once, resolves conflicts with the user, then puts it on the undo stack."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from app.changes import Change, ChangeAction
from app.errors import ConflictError, ConnectionLostError, ReleaseDeskError
from ui.change_hub import ChangeHub
from ui.undo.service_command import Changes, Retry, ServiceCommand, VersionLedger


class Presenter(Protocol):
    """How errors reach the user (message boxes in the app, recorders in tests)."""

    def show_error(self, error: ReleaseDeskError) -> None: ...

    def resolve_conflict(self, error: ConflictError) -> bool:
        """True: keep mine (overwrite theirs); False: reload theirs."""
        ...


class CommandRunner(QObject):
    """The only way UI edits reach services: run, resolve conflicts, push, announce."""

    error_shown = Signal(object)

    def __init__(
        self, stack: QUndoStack, hub: ChangeHub, presenter: Presenter, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.stack = stack
        self.hub = hub
        self.presenter = presenter
        self.ledger = VersionLedger()  # shared by this stack's commands

    def run(
        self,
        command: ServiceCommand,
        on_error: Callable[[ReleaseDeskError], None] | None = None,
    ) -> bool:
        """Apply ``command``; on success push it and announce its changes.

        ``on_error`` replaces the default error dialog (the board shows refusals inline).
        Returns whether the edit was applied.
        """
        report = on_error or self._show
        command.ledger = self.ledger
        try:
            changes = command.forward(force=False)
        except ConflictError as exc:
            if not self.presenter.resolve_conflict(exc):
                self._announce(_reload_changes(exc))
                return False
            try:
                changes = command.forward(force=True)
            except ReleaseDeskError as again:
                report(again)
                return False
        except ReleaseDeskError as exc:
            report(exc)
            return False
        command.on_changes = self._announce
        command.on_error = self._show_later
        command.on_conflict = self._resolve_later
        command.mark_applied()
        self.stack.push(command)
        self._announce(changes)
        return True

    def run_once(
        self,
        call: Callable[[], Changes],
        on_error: Callable[[ReleaseDeskError], None] | None = None,
    ) -> bool:
        """A service call that cannot be undone (e.g. logging a sent message)."""
        try:
            changes = call()
        except ReleaseDeskError as exc:
            (on_error or self._show)(exc)
            return False
        self._announce(changes)
        return True

    def report(self, error: ReleaseDeskError) -> None:
        """Show an error the way a refused edit is shown (a step that is not a command,
        e.g. scheduling before an edit)."""
        self._show(error)

    def _announce(self, changes: Changes) -> None:
        self.ledger.record(changes)
        self.hub.connection_changed.emit(True)
        self.hub.publish(changes)

    def _show(self, error: ReleaseDeskError) -> None:
        if isinstance(error, ConnectionLostError):
            self.hub.connection_changed.emit(False)
        self.error_shown.emit(error)
        self.presenter.show_error(error)

    def _show_later(self, error: ReleaseDeskError) -> None:
        # Undo/redo run inside QUndoStack; a modal dialog there would re-enter the stack.
        QTimer.singleShot(0, lambda: self._show(error))

    def _resolve_later(self, error: ConflictError, retry: Retry) -> None:
        """An undo/redo met a colleague's newer save: the conflict dialog decides, after
        the stack has finished its step (the command has left the stack by then)."""
        QTimer.singleShot(0, lambda: self._resolve(error, retry))

    def _resolve(self, error: ConflictError, retry: Retry) -> None:
        if not self.presenter.resolve_conflict(error):
            self._announce(_reload_changes(error))
            return
        try:
            changes = retry()
        except ReleaseDeskError as again:
            self._show(again)
            return
        self._announce(changes)


def _reload_changes(exc: ConflictError) -> Change | None:
    try:
        ident = uuid.UUID(exc.entity_id)
    except ValueError:
        return Change(exc.table, ChangeAction.UPDATED, ())
    return Change(exc.table, ChangeAction.UPDATED, (ident,))
