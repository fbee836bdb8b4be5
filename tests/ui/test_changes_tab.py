"""The Changes tab as a coordinator uses it: write a request (checked at the field),
assess it (the engine's sentence shows), approve, implement, and undo each step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services import change_request_service as crs
from app.services import (
    people_service,
    scope_service,
    signoff_service,
    task_links,
    task_rows,
    task_service,
)
from models.enums import ChangeRequestStatus, Decision
from tests.ui.conftest import button, make_release
from tests.ui.form_driver import press_ok, state, when_the_form_opens
from ui.editor.change_model import ChangeModel
from ui.editor.release_editor import ReleaseEditor

DAY = 480


def _plan(ws, release_id):
    ids = [
        task_service.create_task(ws, release_id, n, duration_minutes=2 * DAY)[0].id
        for n in ("Build", "Test")
    ]
    task_links.add_link(ws, ids[0], ids[1])
    return ids


def _type_lines(qtbot, editor, *lines: str) -> None:
    for n, line in enumerate(lines):
        if n:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, line)


def _click(qtbot, editor: ReleaseEditor, text: str) -> None:
    qtbot.mouseClick(button(editor.changes, text), Qt.MouseButton.LeftButton)


def test_a_request_from_form_to_implementation_and_back(editor, ctx, qtbot, qtmodeltester) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    _plan(ws, rel.id)
    scope_service.add_scope_item(ws, rel.id, "Card payments", key="PAY-1")
    person = people_service.add_person(ws, "Priya Raman").id
    signoff_service.record_signoff(ws, rel.id, person, Decision.APPROVED)
    editor.load(rel.id)
    seen: dict = {}

    def write(form) -> None:
        qtbot.keyClicks(form.editors["title"], "Fraud check")
        qtbot.keyClicks(form.editors["requester_name"], "Dana")
        changes = form.editors["changes"]
        _type_lines(qtbot, changes, "add scope: Fraud check", "add task: Rules, 3d, after 9")
        press_ok(qtbot, form)
        seen["first"] = state(form, "changes")
        seen["kept"] = form.values()["title"]
        qtbot.keyClick(changes, Qt.Key.Key_Backspace)  # row 9 becomes row 1
        qtbot.keyClicks(changes, "1")
        _type_lines(qtbot, changes, "", "duration: 2, 4d")
        press_ok(qtbot, form)

    when_the_form_opens(write)
    _click(qtbot, editor, "New")
    assert seen["first"]["open"] and "no task row '9'" in seen["first"]["message"]
    assert seen["kept"] == "Fraud check"  # nothing typed was lost
    tab = editor.changes
    qtmodeltester.check(tab.model)
    row = tab.model.row_at(0)
    assert row.changes.splitlines() == [
        "add scope: Fraud check",
        "add task: Rules, 3d, after 1",
        "duration: 2, 4d",
    ]
    tab.select_id(row.id)
    _click(qtbot, editor, "Assess")
    assert "working days to the critical path" in tab.summary.text()
    assert tab.model.row_at(0).request.status is ChangeRequestStatus.ASSESSED

    def approve(form) -> None:
        qtbot.keyClicks(form.editors["reason"], "Worth it")
        press_ok(qtbot, form)

    when_the_form_opens(approve)
    _click(qtbot, editor, "Approve")
    _click(qtbot, editor, "Implement")
    assert tab.model.row_at(0).request.status is ChangeRequestStatus.IMPLEMENTED
    assert [r.name for r in task_rows.list_tasks(ws, rel.id)] == ["Build", "Test", "Rules"]
    assert editor.signoffs.model.row_at(0).outdated  # the scope changed
    stack = ctx.runner.stack
    stack.undo()  # implementation
    assert [r.name for r in task_rows.list_tasks(ws, rel.id)] == ["Build", "Test"]
    assert not editor.signoffs.model.row_at(0).outdated
    stack.undo()  # approval
    stack.undo()  # assessment
    assert crs.list_change_requests(ws, rel.id)[0].status is ChangeRequestStatus.SUBMITTED
    stack.undo()  # the request itself
    assert tab.model.rowCount() == 0
    stack.redo()
    assert tab.model.rowCount() == 1


def test_reject_needs_a_reason_and_edit_is_undoable(editor, ctx, qtbot) -> None:
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
    assert row.request.status is ChangeRequestStatus.REJECTED
    assert row.request.decisions[-1].reason == "Too late"
    ctx.runner.stack.undo()
    tab.select_id(row.id)
    assert tab.edit_selected({"title": "Second currency (EUR)"})
    assert tab.model.row_at(0).title == "Second currency (EUR)"
    ctx.runner.stack.undo()
    assert tab.model.row_at(0).title == "Second currency"


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
    _click(qtbot, editor, "Assess")  # on the version the table showed: stale
    assert len(presenter.conflicts) == 1 and ctx.runner.stack.count() == 0
    assert crs.get_change_request(ws, row.id).status is ChangeRequestStatus.SUBMITTED


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
