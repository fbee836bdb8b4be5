"""File → Import… and File → Export… of release plans (Microsoft Project, GanttProject).

Files are read, imported and written on a worker thread behind a progress dialog (an
import counts the tasks and links written); the window stays responsive. An import is
one transaction (all or nothing); once written it goes on the undo stack as an
:class:`~ui.undo.plan_commands.ImportCommand`, so Edit → Undo takes it back (and Redo
brings the same rows again).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from app.errors import ReleaseDeskError
from app.interchange.plan_files import read_plan_file
from app.services import plan_service, release_service
from app.services.plan_service import ImportResult, PlanDocument
from app.words import count
from app.workspace import Workspace
from ui.background_call import BackgroundCall
from ui.dialogs import import_target_dialog
from ui.interchange.file_transfer import FileTransfer
from ui.settings import Settings
from ui.undo.command_runner import CommandRunner
from ui.undo.plan_commands import ImportCommand

IMPORT_FILTERS = ";;".join(
    (
        "Project plans (*.xml *.gan)",
        "Microsoft Project XML (*.xml)",
        "GanttProject (*.gan)",
    )
)
EXPORT_FILTER = "Microsoft Project XML (*.xml)"
LAST_FOLDER = "interchange/folder"
WARNINGS_SHOWN = 8
_UNSAFE = re.compile(r'[\\/:*?"<>|]+')
Report = Callable[[int, int], None]


class PlanTransfer(FileTransfer):
    """Drives import and export for one window; ``status_message`` goes to its status bar."""

    imported = Signal(object)  # ImportResult
    exported = Signal(object)  # Path

    def __init__(
        self,
        parent: QWidget,
        workspace: Callable[[], Workspace],
        runner: CommandRunner,
        settings: Settings,
    ) -> None:
        super().__init__(parent, runner, settings, LAST_FOLDER)
        self._workspace = workspace
        self._progress: QProgressDialog | None = None

    # -- import --------------------------------------------------------------------------
    def import_plan(self) -> None:
        """Ask for a file, read it, ask for the target release, import."""
        if self.busy:
            return
        file = self._file_to_read("Import plan", IMPORT_FILTERS)
        if file is None:
            return
        self._start(
            f"Reading {file.name}…",
            lambda _report: read_plan_file(file),
            lambda document: self._on_plan_read(file, document),
        )

    def _on_plan_read(self, file: Path, document: PlanDocument) -> None:
        ws = self._workspace()
        try:
            counts = plan_service.plan_task_counts(ws)
            empty = [r for r in release_service.list_releases(ws) if r.id not in counts]
        except ReleaseDeskError as exc:
            self._presenter.show_error(exc)
            return
        plan = document.plan
        summary = (
            f"{file.name}: {count(len(plan.tasks), 'task')}, {count(len(plan.links), 'link')}. "
            "Import them into:"
        )
        target = import_target_dialog.ask_import_target(
            self._parent, summary, document.name.strip(), empty
        )
        if target is None:
            self.status_message.emit("Import cancelled.")
            return
        self._start(
            f"Importing {file.name}…",
            lambda report: plan_service.import_plan(
                ws, document, release_name=target.release_name, progress=report
            ),
            lambda result: self._on_imported(ws, result),
        )

    def _on_imported(self, ws: Workspace, result: ImportResult) -> None:
        current = ws is self._workspace()  # the window may have switched workspace since
        if current:  # undoable: the command announces what the import wrote
            self._runner.run(ImportCommand(ws, result))
        headline = f"Import added {count(result.tasks, 'task')} to {result.release_name}."
        self.status_message.emit(headline)
        QMessageBox.information(self._parent, "Plan imported", import_summary(result))
        if current:
            self.imported.emit(result)

    # -- export --------------------------------------------------------------------------
    def export_plan(self, release_id: uuid.UUID) -> None:
        """Ask where, then write the release's plan as Microsoft Project XML."""
        if self.busy:
            return
        ws = self._workspace()
        try:
            title = release_service.get_release(ws, release_id).title
        except ReleaseDeskError as exc:
            self._presenter.show_error(exc)
            return
        suggested = str(Path(self._folder()) / f"{_UNSAFE.sub('-', title)}.xml")
        path, _filter = QFileDialog.getSaveFileName(
            self._parent, f"Export plan of {title}", suggested, EXPORT_FILTER
        )
        if not path:
            return
        file = Path(path) if Path(path).suffix else Path(path).with_suffix(".xml")
        self._remember_folder(file)
        self._start(
            f"Exporting {title}…",
            lambda _report: plan_service.export_plan(ws, release_id, file),
            lambda written: self._on_exported(title, file, written),
        )

    def _on_exported(self, title: str, file: Path, written: int) -> None:
        self.status_message.emit(f"Exported {count(written, 'task')} of {title} to {file}.")
        self.exported.emit(file)

    # -- running -------------------------------------------------------------------------
    def _start(
        self, label: str, work: Callable[[Report], Any], done: Callable[[Any], None]
    ) -> None:
        """Run ``work(report)`` on the worker; ``report(done, total)`` moves the dialog."""
        call = BackgroundCall(lambda: work(call.report), label.rstrip("…"), self)
        call.progressed.connect(self._on_call_progressed)
        self._show_progress(label)
        self._begin(call, label, done)

    def _finish(self) -> Callable[[Any], None]:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None
        return super()._finish()

    def _on_call_progressed(self, done: int, total: int) -> None:
        if self._progress is None or total <= 0:
            return
        self._progress.setLabelText(f"{self._label}… {done:,} of {total:,} tasks and links")
        self._progress.setMaximum(total)  # from a busy bar to a counted one
        self._progress.setValue(done)

    def _show_progress(self, label: str) -> None:
        # Shown only if the work takes longer than a moment; no cancel: an import is one
        # transaction that either completes or leaves the workspace untouched.
        dialog = QProgressDialog(label, None, 0, 0, self._parent)
        dialog.setWindowTitle("ReleaseDesk")
        dialog.setMinimumWidth(360)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)  # stay at 100 % until the result is shown
        dialog.setValue(0)  # starts the minimum-duration timer (a busy bar has no steps)
        self._progress = dialog
        self.status_message.emit(label)


def import_summary(result: ImportResult) -> str:
    """The confirmation text: what was added, what was approximate, how to take it back."""
    where = "a new Draft release" if result.created_release else "the existing release"
    lines = [
        f"Import added {count(result.tasks, 'task')} to {result.release_name} ({where}), "
        f"with {count(result.links, 'link')} and {count(result.calendars, 'calendar')}.",
    ]
    if result.warnings:
        lines.append("")
        lines.append(f"{len(result.warnings)} things were read approximately:")
        lines += [f"• {w}" for w in result.warnings[:WARNINGS_SHOWN]]
        if len(result.warnings) > WARNINGS_SHOWN:
            lines.append(f"• … and {len(result.warnings) - WARNINGS_SHOWN} more.")
    lines.append("")
    release = " and the release it created" if result.created_release else " (the release stays)"
    lines.append(f"Edit → Undo takes the import back: its tasks, links, calendars{release}.")
    return "\n".join(lines)
