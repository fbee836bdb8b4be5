"""Editing the plan in the view as a user does: type in a cell, drag a bar, add, indent
and delete tasks; the plan reschedules, the chart redraws, Undo takes it back."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from app.changes import Change, ChangeAction
from app.charts.gantt_geometry import to_x
from models import Task
from tests.conftest import open_colleague
from ui.plan.plan_columns import KEYS
from ui.plan.plan_view import PlanView

from .plan_view_helpers import MONDAY, drawn_bar_right, import_known_plan, shown_view


@pytest.fixture
def view(qtbot, workspace, presenter, tmp_path):
    release_id = import_known_plan(workspace)
    widget = shown_view(qtbot, workspace, presenter, tmp_path, release_id)
    yield widget
    widget.ctx.runner.stack.clear()


def _type_into(qtbot, view: PlanView, row: int, key: str, text: str) -> None:
    """Open the cell's editor with F2, type ``text`` over it and press Enter."""
    index = view.model.index(row, KEYS[key])
    view.table.setFocus()
    view.table.setCurrentIndex(index)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    with qtbot.waitSignal(view.table.itemDelegate().commitData):  # queued after Enter
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def _redrawn(qtbot, view: PlanView, row: int, finish: dt.datetime) -> None:
    qtbot.waitUntil(lambda: abs(drawn_bar_right(view.canvas, row) - to_x(finish)) < 1e-6)


def test_typing_a_duration_moves_the_bar_and_undo_moves_it_back(view, qtbot, presenter):
    build_finish = MONDAY + dt.timedelta(days=4, hours=9)  # Fri 17:00 (2d + 3d)
    assert view.plan.rows[1].finish == build_finish
    _redrawn(qtbot, view, 1, build_finish)
    _type_into(qtbot, view, 1, "duration", "5d")
    later = build_finish + dt.timedelta(days=2 + 2)  # two more working days, a weekend
    _redrawn(qtbot, view, 1, later)
    assert view.model.index(1, KEYS["duration"]).data() == "5d"
    assert view.plan.rows[2].start > later - dt.timedelta(hours=1)  # Test follows
    assert view.ctx.runner.stack.undoText().startswith("Edit duration")
    view.ctx.runner.stack.undo()
    _redrawn(qtbot, view, 1, build_finish)
    assert presenter.errors == []


def test_unreadable_predecessors_are_shown_at_the_cell(view, qtbot, presenter):
    _type_into(qtbot, view, 2, "predecessors", "2FS+x")
    test_id = view.plan.rows[2].task_id
    message = view.model.cell_error[(test_id, "predecessors")]
    assert "x" in message
    assert view.model.index(2, KEYS["predecessors"]).data(Qt.ItemDataRole.ToolTipRole) == message
    # The editor opens again on the refused text.
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    assert editor.text() == "2FS+x"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert view.ctx.runner.stack.count() == 0 and presenter.errors == []


def test_a_circle_typed_as_predecessors_is_refused_naming_the_tasks(view, qtbot):
    _type_into(qtbot, view, 0, "predecessors", "3")  # Design after Test: a circle
    message = view.model.cell_error[(view.plan.rows[0].task_id, "predecessors")]
    assert "Design" in message and "Test" in message
    assert view.plan.rows[0].predecessors == ""


def test_dragging_the_end_of_a_bar_changes_its_duration(view, qtbot):
    canvas, w = view.canvas, view.canvas.span_view
    row = view.plan.rows[3]  # Docs, 1d
    y = int(canvas.header_px + 3.5 * w.row_px - w.scroll_px)
    x = int(w.x_of(row.finish)) - 2
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    qtbot.mouseMove(canvas, QPoint(x + int(w.day_px * 1.1), y))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x + int(w.day_px * 1.1), y))
    qtbot.waitUntil(lambda: view.plan.rows[3].duration_minutes == 2 * 480)


def test_add_indent_and_delete_tasks_as_one_undo_step_each(view, qtbot):
    view.table.selectRow(3)
    view.toolbar.act_add.trigger()
    assert [r.label for r in view.model.rows()][-1] == "New task"
    editor = QApplication.focusWidget()  # its name is open for typing
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Release notes")
    with qtbot.waitSignal(view.table.itemDelegate().commitData):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.model.rows()[-1].label == "Release notes")
    view.table.selectRow(4)
    view.toolbar.act_indent.trigger()
    qtbot.waitUntil(lambda: view.model.rows()[4].level == 1)
    assert view.model.rows()[3].summary  # Docs became a summary
    view.table.selectRow(3)
    view.toolbar.act_delete.trigger()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    view.ctx.runner.stack.undo()
    qtbot.waitUntil(lambda: view.model.rowCount() == 5)


def test_a_colleagues_change_arrives_and_a_stale_undo_asks(view, qtbot, presenter):
    ws = view.ctx.workspace
    _type_into(qtbot, view, 3, "duration", "2d")
    qtbot.waitUntil(lambda: view.plan.rows[3].duration_minutes == 960)
    with open_colleague(ws) as colleague, colleague.transaction() as s:
        docs = s.scalars(sa.select(Task).where(Task.name == "Docs")).one()
        docs.name, docs.duration_minutes = "User docs", 3 * 480
    # What LiveUpdates delivers on a shared workspace: the change, on the hub.
    view.ctx.hub.publish(Change("task", ChangeAction.UPDATED, ()), remote=True)
    qtbot.waitUntil(lambda: view.model.rows()[3].label == "User docs")
    assert view.model.index(3, KEYS["duration"]).data() == "3d"
    view.ctx.runner.stack.undo()  # our 2d over their 3d: the conflict dialog decides
    qtbot.waitUntil(lambda: len(presenter.conflicts) == 1)
    qtbot.waitUntil(lambda: view.plan.rows[3].duration_minutes == 3 * 480)  # theirs stays


def test_keys_work_from_the_table(view, qtbot, presenter):
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.table.setFocus()
    view.table.selectRow(1)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: [r.label for r in view.model.rows()] == ["Design", "Test", "Docs"])
    assert presenter.errors == []
