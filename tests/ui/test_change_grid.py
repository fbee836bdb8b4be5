"""The change request grid typed into as a user does: rows of each kind, Tab from cell
to cell, a wrong cell refused at the field with the plan view's message and reopened
on what was typed, existing tasks and scope items picked by typing part of a name."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services import scope_service, task_links, task_service
from app.services.change_items import ChangeItemSpec
from app.services.change_refs import release_refs
from models.enums import ChangeItemKind as Kind
from tests.ui.change_grid_driver import add, open_editor, type_cell, type_into_cell
from tests.ui.conftest import make_release
from ui.changes.change_grid import ChangeGrid
from ui.changes.change_grid_model import AFTER, BEFORE, DURATION, WHAT

DAY = 480


def _grid(qtbot, ws):
    rel = make_release(ws, "Payments Core")
    build, test = (
        task_service.create_task(ws, rel.id, n, duration_minutes=2 * DAY)[0].id
        for n in ("Build", "Test")
    )
    task_links.add_link(ws, build, test)
    pay = scope_service.add_scope_item(ws, rel.id, "Card payments", key="PAY-1").id
    grid = ChangeGrid(release_refs(ws, rel.id))
    qtbot.addWidget(grid)
    grid.show()
    return grid, build, test, pay


def test_each_kind_of_row_typed_with_tab_from_cell_to_cell(ctx, qtbot, qtmodeltester) -> None:
    grid, build, test, pay = _grid(qtbot, ctx.workspace)
    add(qtbot, grid, "New task")
    type_cell(qtbot, grid, "Fraud rules")
    assert grid.table.currentIndex().column() == DURATION  # Tab moved on, editing
    type_cell(qtbot, grid, "3d")
    type_cell(qtbot, grid, "1")
    assert grid.table.currentIndex().column() == BEFORE
    type_cell(qtbot, grid, "2", Qt.Key.Key_Return)
    add(qtbot, grid, "Change duration")
    type_cell(qtbot, grid, "test")  # the start of a name picks the task
    type_cell(qtbot, grid, "4d", Qt.Key.Key_Return)
    add(qtbot, grid, "Add scope item")
    type_cell(qtbot, grid, "Fraud check", Qt.Key.Key_Return)
    add(qtbot, grid, "Remove scope item")
    type_cell(qtbot, grid, "card", Qt.Key.Key_Return)
    qtmodeltester.check(grid.model)
    assert grid.model.problem() == ""
    assert grid.model.specs() == (
        ChangeItemSpec(Kind.ADD_TASK, "Fraud rules", predecessor_id=build, successor_id=test,
                       duration_minutes=3 * DAY),
        ChangeItemSpec(Kind.CHANGE_DURATION, task_id=test, duration_minutes=4 * DAY),
        ChangeItemSpec(Kind.ADD_SCOPE, "Fraud check"),
        ChangeItemSpec(Kind.REMOVE_SCOPE, scope_item_id=pay),
    )  # fmt: skip
    shown = [grid.model.index(0, c).data() for c in range(5)]
    assert shown == ["New task", "Fraud rules", "3d", "1", "2"]
    assert grid.model.index(1, WHAT).data() == "Test (row 2)"


def test_a_wrong_cell_is_refused_at_the_field_and_reopens_on_what_was_typed(ctx, qtbot) -> None:
    grid, build, _test, _pay = _grid(qtbot, ctx.workspace)
    add(qtbot, grid, "New task")
    type_cell(qtbot, grid, "Fraud rules")
    type_cell(qtbot, grid, "3d")
    type_cell(qtbot, grid, "1, 2")  # a request's new task follows one task
    qtbot.waitUntil(lambda: grid.table.currentIndex().column() == AFTER)
    message = grid.model.cell_error[(0, AFTER)]
    assert "Could not use '2' (the 2nd entry)" in message
    assert grid.error.isVisibleTo(grid) and "the 2nd entry" in grid.error.text()
    assert grid.table.property("invalid")
    assert open_editor(grid).text() == "1, 2"  # reopened on what was typed
    type_cell(qtbot, grid, "1XX")
    qtbot.waitUntil(lambda: grid.table.currentIndex().column() == AFTER)
    assert "(the 1st entry): link type must be FS" in grid.model.cell_error[(0, AFTER)]
    type_cell(qtbot, grid, "9")
    qtbot.waitUntil(lambda: grid.table.currentIndex().column() == AFTER)
    assert "no task row 9" in grid.model.cell_error[(0, AFTER)]
    type_cell(qtbot, grid, "1", Qt.Key.Key_Return)
    assert not grid.model.cell_error and not grid.error.isVisibleTo(grid)
    assert grid.model.specs()[0].predecessor_id == build
    type_into_cell(qtbot, grid, 0, DURATION, "2 weeks of work")
    assert "Cannot read" in grid.model.cell_error[(0, DURATION)]
    type_cell(qtbot, grid, "5ed", Qt.Key.Key_Return)
    assert "working time" in grid.model.cell_error[(0, DURATION)]
    type_cell(qtbot, grid, "1w", Qt.Key.Key_Return)
    assert grid.model.specs()[0].duration_minutes == 5 * DAY


def test_rows_missing_what_their_kind_needs_are_named_and_rows_can_be_removed(ctx, qtbot) -> None:
    grid, *_ = _grid(qtbot, ctx.workspace)
    add(qtbot, grid, "Change duration")
    qtbot.keyClick(open_editor(grid), Qt.Key.Key_Escape)
    assert (
        grid.model.problem() == "Change 1 (change duration): pick the task whose duration changes."
    )
    add(qtbot, grid, "New task")
    qtbot.keyClick(open_editor(grid), Qt.Key.Key_Escape)
    grid.table.setCurrentIndex(grid.model.index(0, 0))
    qtbot.mouseClick(grid.remove_button, Qt.MouseButton.LeftButton)
    assert grid.model.rowCount() == 1
    assert grid.model.problem() == "Change 1 (new task) needs a name."
