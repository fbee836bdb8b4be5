"""Editing the constraint column as a user does: pick the kind, give its date; a kind
that needs a date is refused without one, at the cell, in the service's words."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.form_driver import choose
from ui.plan.constraint_edit import ConstraintEdit
from ui.plan.plan_columns import KEYS
from ui.plan.plan_view import PlanView

from .plan_view_helpers import import_known_plan, shown_view

DOCS = 3


@pytest.fixture
def view(qtbot, workspace, presenter, tmp_path):
    release_id = import_known_plan(workspace)
    widget = shown_view(qtbot, workspace, presenter, tmp_path, release_id)
    yield widget
    widget.ctx.runner.stack.clear()


def _open_editor(qtbot, view: PlanView) -> ConstraintEdit:
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    index = view.model.index(DOCS, KEYS["constraint"])
    view.table.setFocus()
    view.table.setCurrentIndex(index)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    editor = _focused_editor()
    assert isinstance(editor, ConstraintEdit)
    return editor


def _focused_editor():
    focused = QApplication.focusWidget()
    return None if focused is None else focused.parent()


def _step_day(qtbot, editor: ConstraintEdit, days: int) -> None:
    """Move the date field's day with the arrow keys."""
    qtbot.keyClick(editor.date, Qt.Key.Key_Home)
    for _ in range(days):
        qtbot.keyClick(editor.date, Qt.Key.Key_Up)


def _enter(qtbot, view: PlanView, widget) -> None:
    with qtbot.waitSignal(view.table.itemDelegate().commitData):
        qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_a_dated_constraint_without_a_date_is_refused_then_given_one(view, qtbot, presenter):
    docs_id = view.plan.rows[DOCS].task_id
    editor = _open_editor(qtbot, view)
    choose(qtbot, editor.kind, "Must")  # a space would open the list
    assert editor.date.text() == "No date"
    _enter(qtbot, view, editor.kind)
    message = view.model.cell_error[(docs_id, "constraint")]
    assert "must start on" in message and "needs a date" in message
    index = view.model.index(DOCS, KEYS["constraint"])
    assert index.data(Qt.ItemDataRole.ToolTipRole) == message
    assert view.ctx.runner.stack.count() == 0
    # The editor opens again on the refused kind; a date is given and accepted.
    qtbot.waitUntil(lambda: isinstance(_focused_editor(), ConstraintEdit))
    editor = _focused_editor()
    assert editor.kind.currentData() == "MSO"
    qtbot.keyClick(editor.kind, Qt.Key.Key_Tab)  # the empty date starts at the task's start
    assert editor.date.hasFocus() and editor.date.text() == "4 Mar 2026 08:00"
    _step_day(qtbot, editor, 5)
    _enter(qtbot, view, editor.date)
    monday = dt.datetime(2026, 3, 9, 8, 0)
    qtbot.waitUntil(lambda: view.plan.rows[DOCS].start == monday)
    assert view.model.index(DOCS, KEYS["constraint"]).data().startswith("Must start on 9 Mar")
    assert (docs_id, "constraint") not in view.model.cell_error
    assert view.ctx.runner.stack.undoText().startswith("Edit constraint type, constraint date")
    view.ctx.runner.stack.undo()
    qtbot.waitUntil(lambda: view.plan.rows[DOCS].constraint == "")
    assert presenter.errors == []


def test_choosing_as_soon_as_possible_clears_the_date(view, qtbot):
    editor = _open_editor(qtbot, view)
    choose(qtbot, editor.kind, "Start")
    qtbot.keyClick(editor.kind, Qt.Key.Key_Tab)
    _step_day(qtbot, editor, 7)
    _enter(qtbot, view, editor.date)
    qtbot.waitUntil(lambda: view.plan.rows[DOCS].constraint_type == "SNET")
    assert view.plan.rows[DOCS].constraint_date == dt.datetime(2026, 3, 11, 8, 0)
    editor = _open_editor(qtbot, view)
    assert editor.kind.currentData() == "SNET" and editor.date.isEnabled()
    choose(qtbot, editor.kind, "As")
    assert not editor.date.isEnabled()
    _enter(qtbot, view, editor.kind)
    qtbot.waitUntil(lambda: view.plan.rows[DOCS].constraint_type == "ASAP")
    assert view.plan.rows[DOCS].constraint_date is None
    assert view.plan.rows[DOCS].start == dt.datetime(2026, 3, 4, 8, 0)
