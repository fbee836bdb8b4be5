"""Getting a workspace: open a path or URL, or ask the coordinator how to get one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.credentials import with_keyring_password
from app.errors import ReleaseDeskError, WorkspaceError, WorkspaceMissingError
from app.workspace import Workspace
from app.workspace_label import workspace_label
from app.workspace_location import default_database_path, resolve_url
from ui.dialogs.connect_dialog import ConnectDialog
from ui.dialogs.start_dialog import StartChoice, StartDialog, start_message
from ui.settings import Settings

FILE_FILTER = "ReleaseDesk workspace (*.db *.sqlite *.releasedesk);;All files (*)"


def open_workspace(target: str, user: str | None = None, create: bool = False) -> Workspace:
    """Open a path or URL (server passwords from the keyring)."""
    return Workspace.open(with_keyring_password(target), create=create, user=user)


def create_demo(target: str, user: str | None = None) -> Workspace:
    from app.demo import create_demo_workspace

    return create_demo_workspace(target, user=user)


def ask_path(parent: QWidget | None, save: bool, suggestion: str = "") -> str | None:
    if save:
        path, _ = QFileDialog.getSaveFileName(parent, "New workspace", suggestion, FILE_FILTER)
    else:
        path, _ = QFileDialog.getOpenFileName(parent, "Open workspace", suggestion, FILE_FILTER)
    return path or None


def _missing_path(target: str | None, error: ReleaseDeskError | None) -> str | None:
    """The file a missing-workspace error was about (where to create the new one)."""
    if not isinstance(error, WorkspaceMissingError):
        return None
    if target is None:  # $RELEASEDESK_DB, else the default file
        url = resolve_url(None)
        return url.database if url.get_backend_name() == "sqlite" else None
    return None if "://" in target else target


def _place(target: str | None, error: ReleaseDeskError) -> str | None:
    """Where the workspace was looked for, as a coordinator reads it (no URL, no
    password)."""
    if target is not None and "://" in target:
        return workspace_label(target)
    return target or _missing_path(target, error)


def ask_for_workspace(
    parent: QWidget | None,
    target: str | None,
    error: ReleaseDeskError,
    user: str | None = None,
    settings: Settings | None = None,
) -> tuple[Workspace, str] | None:
    """Loop on the start dialog until a workspace opens or the user quits.

    Returns the workspace and the target to remember (server URLs without password).
    """
    while True:
        if not isinstance(error, WorkspaceMissingError):
            QMessageBox.warning(parent, "Cannot open the workspace", str(error))
        missing = isinstance(error, WorkspaceMissingError)
        dialog = StartDialog(start_message(_place(target, error), missing), parent)
        dialog.exec()
        choice = dialog.choice
        if choice == StartChoice.QUIT:
            return None
        try:
            result = _act(parent, choice, _missing_path(target, error), user, settings)
        except ReleaseDeskError as exc:
            error = exc
            continue
        if result is not None:
            return result


def _act(
    parent: QWidget | None,
    choice: StartChoice,
    here: str | None,
    user: str | None,
    settings: Settings | None,
) -> tuple[Workspace, str] | None:
    if choice in (StartChoice.DEMO, StartChoice.EMPTY):
        default = here or str(Path(default_database_path()).with_name("demo.db"))
        path = here or ask_path(parent, save=True, suggestion=default)
        if not path:
            return None
        if choice == StartChoice.DEMO:
            return create_demo(path, user), path
        return open_workspace(path, user, create=True), path
    if choice == StartChoice.OPEN:
        path = ask_path(parent, save=False)
        return (open_workspace(path, user), path) if path else None
    dialog = ConnectDialog(parent, settings)
    if not dialog.exec():
        return None
    return Workspace.open(dialog.url(), user=user), dialog.display_target()


__all__ = [
    "WorkspaceError",
    "ask_for_workspace",
    "create_demo",
    "open_workspace",
    "with_keyring_password",
]
