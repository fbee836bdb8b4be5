"""The GUI entry point: ``run_gui(target)`` is what ``releasedesk`` (no sub-command) runs.

Start-up is kept short: the workspace opens, the window shows, and only then does
anything optional load (views other than the first are built when first visited;
matplotlib is only imported by views that chart).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app.errors import ReleaseDeskError, WorkspaceError
from app.workspace import Workspace
from ui.error_handler import ErrorHandler
from ui.error_log import LOG_NAME, attach_file_log, detach_file_log
from ui.settings import Settings
from ui.theme import apply_theme

APP_NAME = "ReleaseDesk"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused when one exists), named for QSettings, themed."""
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationDisplayName(APP_NAME)
    apply_theme(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: _on_scheme_changed(app))
    return app


def _on_scheme_changed(app: QApplication) -> None:
    apply_theme(app)
    for widget in app.topLevelWidgets():
        widget.update()


def open_start_workspace(
    target: str | None, settings: Settings, user: str | None = None
) -> tuple[Workspace, str] | None:
    """The workspace to start on: ``target``, else the last one, else the default path.

    When it cannot be opened, the start dialog offers the ways out.
    """
    from ui.workspace_opener import ask_for_workspace, open_workspace

    chosen = target or settings.last_workspace()
    try:
        ws = open_workspace(chosen, user) if chosen else Workspace.open(None, user=user)
    except WorkspaceError as exc:
        if chosen and chosen == settings.last_workspace() and target is None:
            settings.forget_workspace(chosen)
        return ask_for_workspace(None, chosen, exc, user)
    return ws, chosen or _location(ws)


def _location(ws: Workspace) -> str:
    return ws.summary().location


@contextmanager
def error_handling(folder: Path | None = None) -> Iterator[ErrorHandler]:
    """While open, errors escaping slots and threads are logged to the user's log
    folder (or ``folder``) and shown in a box, and the window keeps working."""
    file_log = attach_file_log(folder)
    handler = ErrorHandler(Path(file_log.baseFilename).with_name(LOG_NAME))
    handler.install()
    try:
        yield handler
    finally:
        handler.uninstall()
        detach_file_log(file_log)


def run_gui(target: str | None, *, user: str | None = None) -> int:
    """Create the application, open the workspace, show the window, run the loop."""
    app = make_application()
    settings = Settings()
    try:
        opened = open_start_workspace(target, settings, user)
    except ReleaseDeskError as exc:  # the start dialog itself could not help
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "ReleaseDesk", str(exc))
        return exc.exit_code
    if opened is None:
        return 0
    workspace, remembered = opened
    settings.remember_workspace(remembered)
    from ui.main_window import MainWindow

    with error_handling():
        window = MainWindow(workspace, settings, target=remembered)
        window.show()
        try:
            return app.exec()
        finally:
            window.workspace.close()
