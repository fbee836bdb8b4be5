"""Importing build notes from the Delivery tab: ask where from, import on a worker.

The git log or the changelog is read and the build recorded on a worker thread (a
large repository takes seconds); the GUI thread then puts the import on the undo
stack (:class:`~ui.undo.build_notes_command.BuildNotesImportCommand`) and announces
it, so the notes list reloads.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from app.changes import Change
from app.errors import ReleaseDeskError
from app.services.build_notes import import_from_git
from app.services.changelog_notes import import_from_changelog
from app.workspace import Workspace
from ui.background_call import BackgroundCall
from ui.editor.build_notes_dialog import NotesSource, ask_notes_source
from ui.undo.build_notes_command import BuildNotesImportCommand
from ui.undo.command_runner import CommandRunner


def import_notes(ws: Workspace, release_id: uuid.UUID, source: NotesSource) -> tuple[Change, str]:
    """Worker thread: record the notes ``source`` names; the build's change and what
    was imported (``v1.3..v1.4``, ``CHANGELOG.md 1.4.0``)."""
    if source.changelog is not None:
        done = import_from_changelog(ws, release_id, source.changelog, source.version)
        return done.change, f"{source.changelog.name} {done.versions}"
    assert source.repo is not None
    return import_from_git(ws, release_id, source.repo, source.since, source.until), source.label


class BuildNotesImporter(QObject):
    """``ask_and_import(release_id)``; ``finished(change)`` once the import is on the
    undo stack, ``failed(error)`` after the error was shown."""

    finished = Signal(object)
    failed = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, ws: Workspace, runner: CommandRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._ws, self._runner, self._parent = ws, runner, parent
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.busy = False

    def ask_and_import(self, release_id: uuid.UUID) -> bool:
        """Ask for the source, then import off the GUI thread. Whether it started."""
        source = ask_notes_source(self._parent)
        if source is None:
            return False
        self.start(release_id, source)
        return True

    def start(self, release_id: uuid.UUID, source: NotesSource) -> None:
        ws = self._ws
        call = BackgroundCall(lambda: import_notes(ws, release_id, source), "Import", self)
        call.succeeded.connect(self._on_call_succeeded)
        call.failed.connect(self._on_call_failed)
        self._set_busy(True)
        call.start(self._pool)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the worker (tests, closing the window)."""
        return self._pool.waitForDone(msecs)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    def _on_call_succeeded(self, result: tuple[Change, str]) -> None:
        self._set_busy(False)
        change, what = result
        self._runner.run(BuildNotesImportCommand(self._ws, what, change))
        self.finished.emit(change)

    def _on_call_failed(self, error: ReleaseDeskError) -> None:
        self._set_busy(False)
        self._runner.report(error)
        self.failed.emit(error)
