"""A bar's tooltip says what drives its start, from the schedule the view holds: the
same sentence as "Why this date?", without scheduling the release again per hover."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QToolTip

from app.services import driving_path as driving_path_module
from app.services.driving_path import driving_path

from .plan_view_helpers import import_known_plan, shown_view


@pytest.fixture
def view(qtbot, workspace, presenter, tmp_path):
    widget = shown_view(qtbot, workspace, presenter, tmp_path, import_known_plan(workspace))
    yield widget
    widget.ctx.runner.stack.clear()


def _hover(qtbot, view, row: int) -> str:
    canvas, w = view.canvas, view.canvas.span_view
    bar = view.plan.rows[row]
    x = int((w.x_of(bar.start) + w.x_of(bar.finish)) / 2)
    y = int(canvas.header_px + (row + 0.5) * w.row_px - w.scroll_px)
    qtbot.mouseMove(canvas, QPoint(x, y))
    qtbot.waitUntil(lambda: bar.label in QToolTip.text())
    return QToolTip.text()


def test_the_tooltip_names_the_driver_without_scheduling_again(view, qtbot, monkeypatch):
    ws, release_id = view.ctx.workspace, view.release_ids()[0]
    expected = {
        row: driving_path(ws, release_id, view.plan.rows[row].task_id).steps[0].sentence
        for row in (0, 1)  # Design: the plan's start; Build: after Design
    }

    def no_scheduling(*_args, **_kwargs):
        raise AssertionError("a hover scheduled the release again")

    monkeypatch.setattr(driving_path_module, "scheduled_release", no_scheduling)
    for row, sentence in expected.items():
        assert sentence and f"<i>{sentence}</i>" in _hover(qtbot, view, row).replace("&#x27;", "'")
    assert "start of the plan" in expected[0] and "Design" in expected[1]


def test_tooltips_name_the_open_risks_threatening_a_task(view, qtbot, monkeypatch):
    from PySide6.QtCore import Qt

    from app.services import risk_links
    from app.services import risk_service as rk
    from ui.plan import plan_view as plan_view_module
    from ui.plan.plan_columns import KEYS

    ws, release_id = view.ctx.workspace, view.release_ids()[0]
    build = view.plan.rows[1]
    risk = rk.create_risk(ws, release_id, "Compiler licence expires", 4, 5)
    view.ctx.hub.publish(risk, remote=True)  # a colleague's risk, linked below
    linked = risk_links.change_threats(ws, risk.id, link=[uuid.UUID(build.task_id)])
    view.ctx.hub.publish(linked, remote=True)
    line = "Threatened by: Compiler licence expires (score 20)"
    model = view.model
    name = model.index(1, KEYS["name"])
    qtbot.waitUntil(lambda: line in (model.data(name, Qt.ItemDataRole.ToolTipRole) or ""))

    def no_query(*_args, **_kwargs):
        raise AssertionError("a hover read the risks again")

    monkeypatch.setattr(plan_view_module, "task_threats", no_query)
    assert line not in _hover(qtbot, view, 0)  # (moving there first makes row 1 a move)
    assert line in _hover(qtbot, view, 1)
    assert "Threatened by" not in (
        model.data(model.index(0, KEYS["name"]), Qt.ItemDataRole.ToolTipRole) or ""
    )
    monkeypatch.undo()
    closed = rk.update_risk(ws, risk.id, None, status="closed")  # closed: no longer a threat
    view.ctx.hub.publish(closed, remote=True)
    assert "Threatened by" not in (model.data(name, Qt.ItemDataRole.ToolTipRole) or "")
