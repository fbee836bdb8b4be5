"""Help → About: product, version, Qt and workspace facts."""

from __future__ import annotations

from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QMessageBox, QWidget


def app_version() -> str:
    try:
        return metadata.version("releasedesk")
    except metadata.PackageNotFoundError:
        return "0.1.0 (development)"


def show_about(parent: QWidget | None, workspace_line: str = "") -> None:
    QMessageBox.about(
        parent,
        "About ReleaseDesk",
        f"<h3>ReleaseDesk {app_version()}</h3>"
        "<p>Release planning, scope sign-off, handover and cross-domain coordination "
        "for IT release coordinators.</p>"
        f"<p>PySide6 {pyside_version}</p>" + (f"<p>{workspace_line}</p>" if workspace_line else ""),
    )
