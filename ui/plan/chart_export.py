"""File → Export chart…: where to write the plan view's chart (PNG, SVG or PDF).

The dialog confirms replacing a file the user picked; a name typed without an extension
gets the chosen format's, and when *that* file exists the user is asked again (the
dialog never saw it). The bytes are written whole or not at all, never over the open
workspace (:func:`app.interchange.file_output.write_replacing`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.charts.gantt_plan import GanttPlan
from app.errors import ReleaseDeskError
from app.interchange.file_output import write_replacing
from app.workspace import Workspace
from ui.plan.chart_render import render_chart
from ui.settings import Settings

FORMATS = {
    "PNG image (*.png)": ".png",
    "SVG drawing (*.svg)": ".svg",
    "PDF document (*.pdf)": ".pdf",
}
_UNSAFE = re.compile(r'[\\/:*?"<>|]+')


def suggested_name(title: str) -> str:
    """A file name for a chart of ``title`` (characters no file system takes replaced)."""
    return f"{_UNSAFE.sub('-', title).strip() or 'plan'} chart.png"


def ask_chart_path(parent: QWidget, title: str, folder: str) -> Path | None:
    """Ask where to save the chart of ``title``; None when the user cancels."""
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        f"Export chart of {title}",
        str(Path(folder) / suggested_name(title)),
        ";;".join(FORMATS),
    )
    if not path:
        return None
    file = Path(path)
    if file.suffix.lower() in FORMATS.values():
        return file  # the dialog itself confirmed replacing it
    file = file.with_name(file.name + FORMATS.get(chosen, ".png"))
    if file.exists() and not _confirm_replace(parent, file):
        return None
    return file


def _confirm_replace(parent: QWidget, file: Path) -> bool:
    answer = QMessageBox.question(
        parent,
        "Replace file?",
        f"{file.name} already exists in {file.parent}. Replace it?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def write_chart(file: Path, render: Callable[[str], bytes], protected: Iterable[str] = ()) -> None:
    """Write ``render(format)`` (format: "png", "svg" or "pdf") to ``file``."""
    write_replacing(file, render(file.suffix.lower().lstrip(".")), protected)


def export_chart(
    parent: QWidget, ws: Workspace, settings: Settings, plan: GanttPlan, title: str
) -> Path | None:
    """Ask where, then write ``plan``'s chart there; the file written, or None when the
    user cancelled. Raises :class:`ReleaseDeskError` when it cannot be written."""
    folder = settings.text("plan/chart_folder", str(Path.home()))
    file = ask_chart_path(parent, title, folder)
    if file is None:
        return None
    settings.set_text("plan/chart_folder", str(file.parent))
    try:
        write_chart(file, lambda fmt: render_chart(plan, fmt, title=title), _workspace_files(ws))
    except OSError as exc:  # the folder vanished between the dialog and the write
        raise ReleaseDeskError(f"Cannot write {file}: {exc.strerror or exc}.") from exc
    return file


def _workspace_files(ws: Workspace) -> tuple[str, ...]:
    """The open workspace's file, which no export may replace (none on a server)."""
    database = ws.url.database if ws.url.get_backend_name() == "sqlite" else None
    return (database,) if database and database != ":memory:" else ()
