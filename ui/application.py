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

from app.credentials import remember_password, without_password
from app.errors import ReleaseDeskError, WorkspaceError
from app.workspace import DatabaseKind, Workspace
from ui.error_handler import ErrorHandler
from ui.error_log import LOG_NAME, attach_file_log, detach_file_log
from ui.settings import Settings
from ui.theme import THEMES, apply_theme, chosen

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
    if chosen() is None:  # a light or dark choice in View → Theme stays as chosen
        apply_theme(app)


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
        return ask_for_workspace(None, chosen, exc, user, settings)
    return ws, chosen or _location(ws)


def _location(ws: Workspace) -> str:
    """What to remember for a workspace opened from the default or ``$RELEASEDESK_DB``."""
    if ws.kind is DatabaseKind.SHARED:  # the URL to reopen, without its password
        return without_password(ws.url.render_as_string(hide_password=False))
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


def run_gui(target: str | None, *, user: str | None = None, save_password: bool = False) -> int:
    """Create the application, open the workspace, show the window, run the loop.

    ``save_password``: the user asked (``--save-password``) to keep the password of a
    ``--db`` URL in the system keyring; otherwise it is used for this run only.
    """
    app = make_application()
    settings = Settings()
    settings.scrub_passwords()
    apply_theme(app, THEMES[settings.theme()])
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
    settings.sync()  # remembered now, not only when the window closes cleanly
    if save_password and target:
        _save_password(target)
    from ui.main_window import MainWindow

    with error_handling():
        window = MainWindow(workspace, settings, target=without_password(remembered))
        window.show()
        try:
            return app.exec()
        finally:
            window.close()  # its background work ends first, however the loop ended
            window.workspace.close()


def _save_password(target: str) -> None:
    """Keep the password of ``target`` in the keyring; say so when there is none to use."""
    problem = remember_password(target)
    if problem is not None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(
            None,
            "ReleaseDesk",
            f"The password could not be stored in the system keyring ({problem}); "
            "it was used for this session only and written nowhere.",
        )
