"""The "Why this date?" panel: a task's driving path, a readable sentence per step.

Public API (kept stable for the Plan view, which embeds the panel and highlights
:meth:`WhyPanel.task_ids` in the chart):

* ``WhyPanel(parent=None)`` — a ``QWidget``;
* ``show_task(workspace, release, task_id)`` — schedule the release and show the chain
  of ``task_id`` (an error, such as a plan with a circle, is shown in the panel);
* ``show_path(path)`` — show an already computed :class:`DrivingPath` (``None``
  clears the panel); ``clear(message)`` shows a hint instead;
* ``task_ids() -> tuple[str, ...]`` — the chain's tasks, asked task first;
* signal ``task_activated(str)`` — a task named in a step was clicked (its id).

Task names are links; the pin (what holds the whole chain: a constraint, an actual
date, the status date, a freeze window or the plan's start) is the last step, set
apart.
"""

from __future__ import annotations

import html
import uuid

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from app.errors import ReleaseDeskError
from app.services.driving_path import DrivingPath, PathStep, driving_path
from app.services.driving_path_text import PLANNED_START, step_sentence
from app.workspace import Workspace
from ui.theme import colours

_SCHEME = "task"
_PINS = {
    "constraint": "a date constraint",
    "actual": "an actual date",
    "status_date": "the status date",
    "project_start": "the start of the plan",
    "freeze_window": "a freeze window",
}


class WhyPanel(QWidget):
    """Shows why a task starts when it does; click a task name to go to it."""

    task_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whyPanel")
        self._path: DrivingPath | None = None
        self._title = QLabel("Why this date?")
        self._title.setObjectName("whyTitle")
        font = self._title.font()
        font.setBold(True)
        self._title.setFont(font)
        self._view = QTextBrowser()
        self._view.setOpenLinks(False)
        self._view.setOpenExternalLinks(False)
        self._view.document().setDefaultStyleSheet("a { text-decoration: none; }")
        self._view.anchorClicked.connect(self._on_view_anchor_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._title)
        layout.addWidget(self._view, 1)
        self.clear()

    # -- public --------------------------------------------------------------------------
    def show_task(self, workspace: Workspace, release: uuid.UUID | str, task_id: str) -> None:
        """Schedule ``release`` and show ``task_id``'s driving path."""
        try:
            path = driving_path(workspace, release, task_id)
        except ReleaseDeskError as exc:
            self._path = None
            self._set_html(f'<p style="color:{colours().danger_text}">{html.escape(str(exc))}</p>')
            return
        self.show_path(path)

    def show_path(self, path: DrivingPath | None) -> None:
        """Show ``path`` (``None``: nothing selected)."""
        if path is None:
            self.clear()
            return
        self._path = path
        self._set_html(_path_html(path))

    def clear(self, message: str = "Select a task to see what drives its dates.") -> None:
        """Show ``message`` instead of a chain."""
        self._path = None
        self._set_html(f'<p style="color:{colours().muted}">{html.escape(message)}</p>')

    def task_ids(self) -> tuple[str, ...]:
        """The tasks of the chain shown, the asked task first (empty when none)."""
        return self._path.task_ids() if self._path is not None else ()

    def path(self) -> DrivingPath | None:
        """The chain shown, if any."""
        return self._path

    def text(self) -> str:
        """The panel's text as a reader sees it (for tests and copying)."""
        return self._view.toPlainText()

    # -- internals -----------------------------------------------------------------------
    def _set_html(self, body: str) -> None:
        self._view.setHtml(f"<html><body>{body}</body></html>")

    def _on_view_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == _SCHEME:
            self.task_activated.emit(url.path())


def _path_html(path: DrivingPath) -> str:
    c = colours()
    first = path.steps[0]
    row = f"row {first.row}: " if first.row is not None else ""
    parts = [
        f'<p style="color:{c.muted}">{html.escape(row)}<b style="color:{c.text}">'
        f"{html.escape(path.task_name)}</b> in {html.escape(path.release)}</p>",
        "<ol>",
    ]
    last = len(path.steps) - 1
    for n, step in enumerate(path.steps):
        text = _sentence_html(step, path)
        if n == last:
            pin = _PINS.get(step.driver.kind.value)
            if step.driver.name == PLANNED_START:
                pin = "the release's planned start"
            if pin:
                text += f'<br/><span style="color:{c.accent}"><b>Pinned by {pin}.</b></span>'
        parts.append(f'<li style="margin-bottom:6px">{text}</li>')
    parts.append("</ol>")
    if path.driven:
        drives = ", ".join(html.escape(name) for name in path.driven)
        parts.append(f'<p style="color:{c.muted}">It drives: {drives}.</p>')
    return "".join(parts)


def _sentence_html(step: PathStep, path: DrivingPath) -> str:
    """The step's sentence, escaped, with each task name a link to the task."""
    names: list[tuple[str, str]] = []

    def mark(name: str, task_id: str) -> str:
        names.append((name, task_id))
        return f"\x00{len(names) - 1}\x00"

    text = html.escape(step_sentence(step, path.release, path.minutes_per_day, mark))
    for k, (name, task_id) in enumerate(names):
        link = f'<a href="{_SCHEME}:{html.escape(task_id)}"><b>{html.escape(name)}</b></a>'
        text = text.replace(f"\x00{k}\x00", link if task_id else html.escape(name))
    return text
