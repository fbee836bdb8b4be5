"""The Changes tab as a coordinator uses it: write a request in its grid, see what it
does to the plan (worked out off the GUI thread, and again after each step), assess,
approve or reject with a reason, implement, and undo each kind of edit."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt

from app.services import change_request_service as crs
from app.services import scope_service, task_links, task_rows, task_service
from app.services.change_impact import compute_impact, plan_rows
from app.services.change_items import ChangeItemSpec
from app.services.plan_loader import build_plan
from app.services.plan_service import schedule_plan
from models.enums import ChangeItemKind as Kind
from models.enums import ChangeRequestStatus
from tests.ui.change_grid_driver import add, type_cell
from tests.ui.conftest import button, make_release
from tests.ui.form_driver import press_ok, when_the_form_opens
from ui.changes.request_dialog import RequestDialog
from ui.editor.change_model import ChangeModel
from ui.editor.release_editor import ReleaseEditor

DAY = 480
Status = ChangeRequestStatus


def _plan(ws, release_id):
    ids = [
        task_service.create_task(ws, release_id, n, duration_minutes=2 * DAY)[0].id
        for n in ("Build", "Test")
    ]
    task_links.add_link(ws, ids[0], ids[1])
    return ids


def _stored_plan(ws, release_id):
    """The tasks and links as stored: proves a what-if wrote nothing."""
    return task_rows.list_tasks(ws, release_id), task_rows.list_links(ws, release_id)


def _click(qtbot, editor: ReleaseEditor, text: str) -> None:
    qtbot.mouseClick(button(editor.changes, text), Qt.MouseButton.LeftButton)


def _decide(qtbot, editor: ReleaseEditor, step: str, reason: str = "") -> None:
    def answer(form) -> None:
        qtbot.keyClicks(form.editors["reason"], reason)
        press_ok(qtbot, form)

    when_the_form_opens(answer)
    _click(qtbot, editor, step)


def _panel_shows(qtbot, tab, text: str) -> str:
    qtbot.waitUntil(lambda: not tab.impact.busy and text in tab.impact.impact.text())
    return tab.impact.impact.text()


def test_a_request_typed_in_the_grid_its_impact_and_each_step_undone(
    editor, ctx, qtbot, qtmodeltester
) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    build, test = _plan(ws, rel.id)
    editor.load(rel.id)
    stored = _stored_plan(ws, rel.id)

    def write(form: RequestDialog) -> None:
        qtbot.keyClicks(form.editors["title"], "Fraud check")
        qtbot.keyClicks(form.editors["requester_name"], "Dana")
        grid = form.grid
        add(qtbot, grid, "New task")
        for cell in ("Fraud rules", "3d", "1"):
            type_cell(qtbot, grid, cell)
        type_cell(qtbot, grid, "2", Qt.Key.Key_Return)
        add(qtbot, grid, "New task")
        for cell in ("Release notes", "1d"):
            type_cell(qtbot, grid, cell)
        type_cell(qtbot, grid, "2", Qt.Key.Key_Return)
        add(qtbot, grid, "Change duration")
        type_cell(qtbot, grid, "Test")
        type_cell(qtbot, grid, "4d", Qt.Key.Key_Return)
        press_ok(qtbot, form)

    when_the_form_opens(write, RequestDialog)
    _click(qtbot, editor, "New")
    tab = editor.changes
    qtmodeltester.check(tab.model)
    row = tab.model.row_at(0)
    items = (
        ChangeItemSpec(Kind.ADD_TASK, "Fraud rules", predecessor_id=build, successor_id=test,
                       duration_minutes=3 * DAY),
        ChangeItemSpec(Kind.ADD_TASK, "Release notes", predecessor_id=test, duration_minutes=DAY),
        ChangeItemSpec(Kind.CHANGE_DURATION, task_id=test, duration_minutes=4 * DAY),
    )  # fmt: skip
    assert crs.get_change_request(ws, row.id).items == items
    assert _stored_plan(ws, rel.id) == stored  # a request changes nothing yet
    impact = compute_impact(ws, rel.id, items)
    assert impact.added_minutes == 6 * DAY  # 3d more, Test 2d longer, notes 1d after it
    tab.select_id(row.id)
    shown = _panel_shows(qtbot, tab, "if implemented now")
    assert html.escape(impact.sentence) in shown
    assert "No decision yet" in tab.impact.history.item(0).text()

    _decide(qtbot, editor, "Assess", "Checked with the test lead")
    _decide(qtbot, editor, "Approve", "Worth it")
    assert tab.model.row_at(0).request.status is Status.APPROVED
    shown = _panel_shows(qtbot, tab, "if implemented now")  # shown again after Approve
    assert html.escape(impact.sentence) in shown
    history = [tab.impact.history.item(n).text() for n in range(tab.impact.history.count())]
    assert history[0].startswith("Approved by ") and history[0].endswith("— Worth it")
    assert history[1].startswith("Assessed by ") and "Checked with the test lead" in history[1]
    assert _stored_plan(ws, rel.id) == stored

    _click(qtbot, editor, "Implement")
    names = [t.name for t in task_rows.list_tasks(ws, rel.id)]
    assert names == ["Build", "Test", "Fraud rules", "Release notes"]
    actual = schedule_plan(build_plan(plan_rows(ws, rel.id)))
    assert actual.release_finish[str(rel.id)] == impact.finish_after  # the engine agrees
    _panel_shows(qtbot, tab, "(implemented). When assessed:")

    stack = ctx.runner.stack
    stack.undo()  # implementation
    assert [(t.name, t.duration_minutes) for t in task_rows.list_tasks(ws, rel.id)] == [
        ("Build", 2 * DAY),
        ("Test", 2 * DAY),
    ]
    stack.undo()  # approval
    assert crs.get_change_request(ws, row.id).status is Status.ASSESSED
    stack.undo()  # assessment
    assert crs.get_change_request(ws, row.id).status is Status.SUBMITTED
    stack.undo()  # the request itself
    assert tab.model.rowCount() == 0
    stack.redo()
    assert crs.get_change_request(ws, row.id).items == items


def test_editing_the_grid_and_removing_a_request_are_undoable(editor, ctx, qtbot) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    _build, test = _plan(ws, rel.id)
    pay = scope_service.add_scope_item(ws, rel.id, "Card payments", key="PAY-1").id
    items = (ChangeItemSpec(Kind.CHANGE_DURATION, task_id=test, duration_minutes=3 * DAY),)
    request_id = crs.create_change_request(ws, rel.id, "Longer test", items=items).id
    editor.load(rel.id)
    tab = editor.changes
    tab.select_id(request_id)

    def edit(form: RequestDialog) -> None:
        grid = form.grid
        assert grid.model.index(0, 1).data() == "Test (row 2)"
        add(qtbot, grid, "Remove scope item")
        type_cell(qtbot, grid, "Card", Qt.Key.Key_Return)
        add(qtbot, grid, "Add scope item")
        type_cell(qtbot, grid, "Fraud check", Qt.Key.Key_Return)
        press_ok(qtbot, form)

    when_the_form_opens(edit, RequestDialog)
    _click(qtbot, editor, "Edit")
    edited = crs.get_change_request(ws, request_id).items
    assert edited == (
        *items,
        ChangeItemSpec(Kind.REMOVE_SCOPE, scope_item_id=pay),
        ChangeItemSpec(Kind.ADD_SCOPE, "Fraud check"),
    )
    ctx.runner.stack.undo()
    assert crs.get_change_request(ws, request_id).items == items
    ctx.runner.stack.redo()
    assert crs.get_change_request(ws, request_id).items == edited
    tab.select_id(request_id)
    _click(qtbot, editor, "Remove")
    assert tab.model.rowCount() == 0
    ctx.runner.stack.undo()
    assert tab.model.rowCount() == 1


def test_ok_is_refused_while_the_grid_is_incomplete(editor, ctx, qtbot) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    _plan(ws, rel.id)
    editor.load(rel.id)
    seen: dict = {}

    def write(form: RequestDialog) -> None:
        qtbot.keyClicks(form.editors["title"], "Faster build")
        add(qtbot, form.grid, "Change duration")
        qtbot.keyClick(
            form.grid.table.indexWidget(form.grid.table.currentIndex()), Qt.Key.Key_Escape
        )
        press_ok(qtbot, form)
        seen["open"] = form.isVisible()
        seen["message"] = form.errors["items"].text()
        seen["title"] = form.values()["title"]

    when_the_form_opens(write, RequestDialog)
    _click(qtbot, editor, "New")
    assert seen["open"] and seen["title"] == "Faster build"
    assert seen["message"] == "Change 1 (change duration): pick the task whose duration changes."
    assert crs.list_change_requests(ws, rel.id) == []


def test_reject_needs_a_reason_and_shows_in_the_history(editor, ctx, qtbot) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    crs.create_change_request(ws, rel.id, "Second currency")
    editor.load(rel.id)
    tab = editor.changes
    tab.select_id(tab.model.row_at(0).id)
    seen: dict = {}

    def reject(form) -> None:
        press_ok(qtbot, form)  # no reason: refused at the field
        seen["open"] = form.isVisible()
        qtbot.keyClicks(form.editors["reason"], "Too late")
        press_ok(qtbot, form)

    when_the_form_opens(reject)
    _click(qtbot, editor, "Reject")
    assert seen["open"]
    row = tab.model.row_at(0)
    assert row.request.status is Status.REJECTED
    assert row.request.decisions[-1].reason == "Too late"
    assert tab.impact.history.item(0).text().endswith("— Too late")
    assert not button(tab, "Edit").isEnabled() and not tab.edit_selected()  # decided
    _panel_shows(qtbot, tab, "(rejected). When assessed: it was never assessed.")
    ctx.runner.stack.undo()
    assert crs.get_change_request(ws, row.id).status is Status.SUBMITTED


def test_model_shows_status_impact_and_requester(qtmodeltester, ctx) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    crs.create_change_request(ws, rel.id, "Second currency", requester_name="Dana")
    model = ChangeModel()
    from ui.editor.changes_tab import _views

    model.set_rows(_views(ws, rel.id))
    qtmodeltester.check(model)
    texts = [model.index(0, c).data() for c in range(model.columnCount())]
    assert texts == ["Second currency", "Submitted", "not assessed", "Dana"]


def test_a_colleagues_change_arrives_live_and_a_stale_step_is_a_conflict(
    editor, ctx, qtbot, presenter
) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    editor.load(rel.id)
    tab = editor.changes
    change = crs.create_change_request(ws, rel.id, "Second currency")  # a colleague's save
    ctx.hub.publish(change, remote=True)
    assert tab.model.rowCount() == 1  # shown without a refresh
    row = tab.model.row_at(0)
    crs.update_change_request(ws, row.id, row.version, title="Second currency (EUR)")
    tab.select_id(row.id)
    _decide(qtbot, editor, "Assess")  # on the version the table showed: stale
    assert len(presenter.conflicts) == 1 and ctx.runner.stack.count() == 0
    assert crs.get_change_request(ws, row.id).status is Status.SUBMITTED


def test_the_impact_is_worked_out_again_when_the_plan_changes(editor, ctx, qtbot) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    _build, test = _plan(ws, rel.id)
    items = (ChangeItemSpec(Kind.CHANGE_DURATION, task_id=test, duration_minutes=3 * DAY),)
    request_id = crs.create_change_request(ws, rel.id, "Longer test", items=items).id
    editor.load(rel.id)
    tab = editor.changes
    tab.select_id(request_id)
    _panel_shows(qtbot, tab, "Adds 1 working day to")
    version = task_rows.get_task(ws, test).version
    change = task_service.update_task(ws, test, version, duration_minutes=DAY)
    ctx.hub.publish(change, remote=True)  # a colleague shortened the test
    _panel_shows(qtbot, tab, "Adds 2 working days to")


def test_export_writes_the_listed_requests_formula_safe(editor, ctx, tmp_path) -> None:
    import openpyxl

    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    crs.create_change_request(ws, rel.id, "=cmd|' /C calc'!A0", requester_name="Dana")
    editor.load(rel.id)
    path = tmp_path / "changes.xlsx"
    editor.changes.export_to(str(path))
    book = openpyxl.load_workbook(path)
    rows = [[c.value for c in r] for r in book.active.iter_rows()]
    book.close()
    assert rows[0][:2] == ["Request", "Release"]
    assert rows[1][0] == "'=cmd|' /C calc'!A0" and rows[1][2] == "Dana"
