"""A small known plan and a plan view on it, for the plan view's tests.

Design (2d) → Build (3d) → Test (1d) is the critical chain; Docs (1d) after Design has
float. Monday 2 March 2026 08:00 is the plan's start (standard calendar, 8h days).
"""

from __future__ import annotations

import datetime as dt
import uuid

import numpy as np
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack

from app.charts.gantt_geometry import to_x
from app.scheduling.plan import LinkSpec, PlanSpec, TaskSpec
from app.services.plan_service import import_plan
from app.workspace import Workspace
from tests.plan_documents import PlanDocument
from ui.change_hub import ChangeHub
from ui.settings import Settings
from ui.undo.command_runner import CommandRunner
from ui.view_registry import ViewContext

MONDAY = dt.datetime(2026, 3, 2, 8, 0)
DAY = 480
NAMES = ("Design", "Build", "Test", "Docs")


def import_known_plan(ws: Workspace, name: str = "Checkout") -> uuid.UUID:
    plan = PlanSpec(
        [
            TaskSpec("d", "Design", 2 * DAY),
            TaskSpec("b", "Build", 3 * DAY),
            TaskSpec("t", "Test", DAY),
            TaskSpec("x", "Docs", DAY),
        ],
        [LinkSpec("d", "b"), LinkSpec("b", "t"), LinkSpec("d", "x")],
        project_start=MONDAY,
    )
    return import_plan(ws, PlanDocument(name, plan), release_name=f"{name} 2.0").release_id


def view_context(ws: Workspace, presenter, tmp_path) -> ViewContext:
    settings = Settings(QSettings(str(tmp_path / "plan.ini"), QSettings.Format.IniFormat))
    hub = ChangeHub()
    return ViewContext(ws, CommandRunner(QUndoStack(), hub, presenter), hub, settings)


def drawn_bar_right(canvas, row: int) -> float:
    """The right edge (chart x) of the task bar drawn on ``row``, from the drawn polygons."""
    for path in canvas.artists.bars.get_paths():
        ys = path.vertices[:, 1]
        if abs(float(np.mean(ys[:4])) - row) < 0.01:
            return float(path.vertices[:4, 0].max())
    raise AssertionError(f"no bar drawn on row {row}")


def x_of(when: dt.datetime) -> float:
    return to_x(when)


def shown_view(qtbot, ws: Workspace, presenter, tmp_path, release_id: uuid.UUID):
    """A plan view on ``release_id``, shown and drawn (its undo stack cleared after)."""
    from ui.plan.plan_view import PlanView

    widget = PlanView(view_context(ws, presenter, tmp_path))
    qtbot.addWidget(widget)
    widget.resize(1400, 700)
    widget.show()
    widget.show_release(release_id)
    qtbot.waitUntil(  # drawn, on that release, with no reload still to come
        lambda: widget.canvas.artists is not None
        and widget.release_ids() == (release_id,)
        and widget.plan is not None
        and widget.model.rowCount() == len(widget.plan.rows)
        and not widget.reload_pending()
    )
    return widget
