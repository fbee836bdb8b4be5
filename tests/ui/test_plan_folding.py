"""Folding a summary's subtasks away, as a user does: a click on its marker, or
Alt+Shift+- / Alt+Shift++ and - / +; the chart draws the rows the table shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from app.scheduling.plan import LinkSpec, PlanSpec, TaskSpec
from app.services.plan_service import import_plan
from tests.plan_documents import PlanDocument
from ui.plan.plan_columns import KEYS
from ui.plan.plan_view import PlanView

from .plan_view_helpers import DAY, MONDAY, drawn_bar_right, shown_view, x_of

ALT_SHIFT = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def view(qtbot, workspace, presenter, tmp_path):
    plan = PlanSpec(
        [
            TaskSpec("s", "Release work", 0),
            TaskSpec("d", "Design", 2 * DAY, parent_id="s"),
            TaskSpec("b", "Build", 3 * DAY, parent_id="s"),
            TaskSpec("t", "Test", DAY),
        ],
        [LinkSpec("d", "b"), LinkSpec("b", "t")],
        project_start=MONDAY,
    )
    release_id = import_plan(workspace, PlanDocument("Folding", plan)).release_id
    widget = shown_view(qtbot, workspace, presenter, tmp_path, release_id)
    yield widget
    widget.ctx.runner.stack.clear()


def _labels(view: PlanView) -> list[str]:
    return [r.label for r in view.model.rows()]


def _test_bar_on_row(qtbot, view: PlanView, row: int) -> None:
    """The chart draws Test's bar level with its table row."""
    assert view.canvas.plan.rows[row].label == "Test"
    finish = x_of(view.canvas.plan.rows[row].finish)
    qtbot.waitUntil(lambda: abs(drawn_bar_right(view.canvas, row) - finish) < 1e-6)


def test_clicking_the_marker_folds_and_unfolds_the_subtasks(view, qtbot, qtmodeltester):
    assert _labels(view) == ["Release work", "Design", "Build", "Test"]
    name = view.model.index(0, KEYS["name"])
    assert name.data().startswith("▾ Release work")
    _test_bar_on_row(qtbot, view, 3)
    rect = view.table.visualRect(name)
    marker = QPoint(rect.left() + 6, rect.center().y())
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=marker)
    assert _labels(view) == ["Release work", "Test"]
    assert view.model.index(0, KEYS["name"]).data().startswith("▸ Release work")
    _test_bar_on_row(qtbot, view, 1)
    assert view.canvas.plan.links == ()  # Build is hidden: its link to Test is not drawn
    qtmodeltester.check(view.model)
    # A click on the name itself selects without folding.
    beside = QPoint(rect.right() - 10, rect.center().y())
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=beside)
    assert _labels(view) == ["Release work", "Test"]
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=marker)
    assert _labels(view) == ["Release work", "Design", "Build", "Test"]
    _test_bar_on_row(qtbot, view, 3)
    assert len(view.canvas.plan.links) == 2


def test_keys_fold_the_selected_summary_and_folding_survives_a_reload(view, qtbot):
    view.table.setFocus()
    view.select_task(view.plan.rows[0].task_id)
    qtbot.keyClick(view.table, Qt.Key.Key_Minus, ALT_SHIFT)
    assert _labels(view) == ["Release work", "Test"]
    view.reload()  # a new schedule keeps the summary folded
    assert _labels(view) == ["Release work", "Test"]
    assert view.selected_task_ids() == [view.plan.rows[0].task_id]
    qtbot.keyClick(view.table, Qt.Key.Key_Plus, ALT_SHIFT)
    assert _labels(view) == ["Release work", "Design", "Build", "Test"]
    qtbot.keyClick(view.table, Qt.Key.Key_Minus)
    assert _labels(view) == ["Release work", "Test"]
    qtbot.keyClick(view.table, Qt.Key.Key_Plus)
    assert len(view.model.rows()) == 4
    # On a task row the keys fold nothing.
    view.select_task(view.plan.rows[3].task_id)
    qtbot.keyClick(view.table, Qt.Key.Key_Minus, ALT_SHIFT)
    assert len(view.model.rows()) == 4
