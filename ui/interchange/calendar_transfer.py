"""File → Export calendar… and File → Import calendar windows… (iCalendar ``.ics``).

The export writes the whole coordination calendar (releases, deployments, milestones,
freeze, blackout and holiday windows); the import brings freeze, blackout and holiday
windows from a file (Outlook, Google Calendar, a colleague's export), updating the
windows an earlier import of the same file made. Both run on a worker thread; the
window stays responsive. An import is one transaction: a bad event anywhere in the
file is named in the error and nothing is imported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.errors import ReleaseDeskError
from app.words import count
from app.workspace import Workspace
from ui.background_call import BackgroundCall
from ui.dialogs.form_dialog import Field, ask
from ui.icons import icon
from ui.interchange.file_transfer import FileTransfer
from ui.settings import Settings
from ui.undo.command_runner import CommandRunner

if TYPE_CHECKING:
    from app.services.calendar_exchange import CalendarImport

FILE_FILTER = "iCalendar (*.ics)"
IMPORT_FILTERS = f"{FILE_FILTER};;All files (*)"
LAST_FOLDER = "interchange/calendar-folder"
NOTES_SHOWN = 6
_UNSAFE = re.compile(r'[\\/:*?"<>|]+')


class CalendarTransfer(FileTransfer):
    """The two File menu actions of one window, and the work behind them."""

    def __init__(
        self,
        parent: QWidget,
        workspace: Callable[[], Workspace],
        runner: CommandRunner,
        settings: Settings,
    ) -> None:
        super().__init__(parent, runner, settings, LAST_FOLDER)
        self._workspace = workspace
        self.act_export = self._action(
            "Export calendar…", "export", self.export_calendar,
            "Write releases, deployments, milestones and freeze, blackout and holiday "
            "windows as an iCalendar (.ics) file for Outlook, Thunderbird or Google Calendar",
        )  # fmt: skip
        self.act_import = self._action(
            "Import calendar windows…", "import", self.import_windows,
            "Import freeze, blackout and holiday windows from an iCalendar (.ics) file; "
            "importing the same file again updates them",
        )  # fmt: skip

    def _action(self, text: str, icon_name: str, slot: Callable[[], None], tip: str) -> QAction:
        action = QAction(icon(icon_name), text, self._parent)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # -- export --------------------------------------------------------------------------
    def export_calendar(self) -> None:
        """Ask what (everything, or a domain's, a release's, some kinds) and where; write it."""
        if self.busy:
            return
        ws = self._workspace()
        try:
            chosen = ask_export_filter(self._parent, ws)
        except ReleaseDeskError as exc:
            self._presenter.show_error(exc)
            return
        if chosen is None:
            return
        suggested = Path(self._folder()) / f"{_UNSAFE.sub('-', ws.name)} calendar.ics"
        path, _filter = QFileDialog.getSaveFileName(
            self._parent, "Export calendar", str(suggested), FILE_FILTER
        )
        if not path:
            return
        file = Path(path) if Path(path).suffix else Path(path).with_suffix(".ics")
        self._remember_folder(file)
        from app.services.calendar_exchange import export_calendar  # the file formats: late

        self._start(
            "Exporting the calendar…",
            lambda: export_calendar(ws, file, **chosen),
            lambda written: self.status_message.emit(
                f"Exported {count(written, 'event')} to {file}."
            ),
        )

    # -- import --------------------------------------------------------------------------
    def import_windows(self) -> None:
        """Ask for a file, then import its windows in one transaction."""
        if self.busy:
            return
        file = self._file_to_read("Import calendar windows", IMPORT_FILTERS)
        if file is None:
            return
        ws = self._workspace()
        from app.services.calendar_exchange import import_calendar  # the file formats: late

        self._start(
            f"Importing {file.name}…",
            lambda: import_calendar(ws, file),
            lambda result: self._on_imported(ws, file, result),
        )

    def _on_imported(self, ws: Workspace, file: Path, result: CalendarImport) -> None:
        if ws is self._workspace() and result.changes:  # the window may have switched since
            from ui.undo.calendar_import_command import CalendarImportCommand

            self._runner.run(CalendarImportCommand(ws, file.name, result))
        self.status_message.emit(f"Imported {file.name}: {headline(result)}.")
        QMessageBox.information(self._parent, "Calendar imported", import_summary(file, result))

    def _start(self, label: str, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.status_message.emit(label)
        self._begin(BackgroundCall(work, label.rstrip("…"), self), label, done)


KIND_LABELS = {
    "release": "Release windows",
    "deployment": "Deployments",
    "milestone": "Deadlines and milestones",
    "freeze": "Freeze windows",
    "blackout": "Blackout windows",
    "holiday": "Holidays",
}


def ask_export_filter(parent: QWidget, ws: Workspace) -> dict[str, Any] | None:
    """What to export (``export_calendar``'s keyword arguments), or None when cancelled."""
    from app.services.people_service import list_domains
    from app.services.release_service import list_releases

    domains = [("All domains", None), *((d.name, d.id) for d in list_domains(ws))]
    releases = [("All releases", None), *((r.title, r.id) for r in list_releases(ws))]
    fields = [
        Field("domain", "Domain", "choice", None, domains),
        Field("release", "Release", "choice", None, releases),
        *(Field(f"kind_{kind}", label, "bool", True) for kind, label in KIND_LABELS.items()),
    ]

    def validate(values: dict[str, Any]) -> dict[str, str]:
        if any(values[f"kind_{kind}"] for kind in KIND_LABELS):
            return {}
        return {"kind_holiday": "Choose at least one kind of event to export."}

    values = ask("Export calendar", fields, parent, validate)
    if values is None:
        return None
    return {
        "domain": values["domain"],
        "release": values["release"],
        "kinds": [kind for kind in KIND_LABELS if values[f"kind_{kind}"]],
    }


def headline(result: CalendarImport) -> str:
    """``2 windows created, 1 updated, 4 unchanged``."""
    return (
        f"{count(result.created, 'window')} created, {result.updated} updated, "
        f"{result.unchanged} unchanged"
    )


def import_summary(file: Path, result: CalendarImport) -> str:
    """The confirmation text: what the import did and what it left out."""
    lines = [f"{file.name}: {headline(result)}."]
    if result.notes:
        lines += ["", *(f"• {note}" for note in result.notes[:NOTES_SHOWN])]
        if len(result.notes) > NOTES_SHOWN:
            lines.append(f"• … and {len(result.notes) - NOTES_SHOWN} more.")
    if result.changes:
        lines += ["", "Edit → Undo takes the import back."]
    return "\n".join(lines)
