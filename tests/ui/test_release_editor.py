"""Release editor: undoable edits of details and tabs, conflicts, outdated sign-offs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Qt

from app.errors import Conflict, ConflictError
from app.services import (
    handover_service,
    people_service,
    release_service,
    scope_service,
    signoff_service,
)
from models.enums import Audience, Decision
from tests.ui.conftest import button, make_release
from tests.ui.form_driver import choose, press_ok, when_the_form_opens
from ui.dialogs.conflict_dialog import ConflictDialog
from ui.editor.release_editor import ReleaseEditor


def test_details_edit_undo_redo(editor, ctx, qtbot) -> None:
    rel = make_release(ctx.workspace, "Payments Core", version_label="4.2")
    assert editor.load(rel.id)
    assert not editor.details.save_button.isEnabled()
    editor.details.name.selectAll()
    qtbot.keyClicks(editor.details.name, "Payments Core NG")  # typing replaces the selection
    assert editor.details.save_button.isEnabled()
    assert editor.details.save()
    assert release_service.get_release(ctx.workspace, rel.id).name == "Payments Core NG"
    assert editor.title.text() == "Payments Core NG 4.2"
    ctx.runner.stack.undo()
    assert release_service.get_release(ctx.workspace, rel.id).name == "Payments Core"
    assert editor.details.name.text() == "Payments Core"
    ctx.runner.stack.redo()
    assert release_service.get_release(ctx.workspace, rel.id).name == "Payments Core NG"


def test_colleague_edit_raises_conflict_and_reload_keeps_theirs(editor, ctx, presenter) -> None:
    rel = make_release(ctx.workspace, "Payments Core")
    editor.load(rel.id)
    release_service.update_release(ctx.workspace, rel.id, rel.version, name="Their name")
    editor.details.name.setText("My name")
    assert not editor.details.save()
    assert len(presenter.conflicts) == 1
    conflict = presenter.conflicts[0].conflicts[0]
    assert (conflict.field, conflict.theirs, conflict.mine) == ("name", "Their name", "My name")
    assert release_service.get_release(ctx.workspace, rel.id).name == "Their name"
    assert ctx.runner.stack.count() == 0


def test_conflict_keep_mine_overwrites_deliberately(editor, ctx, presenter) -> None:
    rel = make_release(ctx.workspace, "Payments Core")
    editor.load(rel.id)
    release_service.update_release(ctx.workspace, rel.id, rel.version, name="Their name")
    presenter.keep_mine = True
    editor.details.name.setText("My name")
    assert editor.details.save()
    assert release_service.get_release(ctx.workspace, rel.id).name == "My name"
    ctx.runner.stack.undo()  # back to what it was before *my* edit
    assert release_service.get_release(ctx.workspace, rel.id).name == "Payments Core"


def test_conflict_dialog_shows_both_values(qtbot) -> None:
    error = ConflictError(
        "release", "x", (Conflict("planned_end", "2026-03-20 17:00", "2026-03-27 17:00"),)
    )
    dialog = ConflictDialog(error)
    qtbot.addWidget(dialog)
    cells = [dialog.table.item(0, c).text() for c in range(3)]
    assert cells == ["Planned end", "2026-03-20 17:00", "2026-03-27 17:00"]
    assert dialog.keep_button.text() == "Keep mine"
    assert dialog.reload_button.text() == "Reload theirs"


def test_scope_change_after_signoff_marks_it_outdated(editor, ctx, qtbot) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    people_service.add_person(ws, "Priya Raman", role="Business owner")
    person = people_service.list_people(ws)[0]
    scope_service.add_scope_item(ws, rel.id, "SEPA instant")
    signoff_service.add_stakeholder(ws, rel.id, person.id, "Business owner", signoff_required=True)
    editor.load(rel.id)

    def approve(form) -> None:  # Priya, awaited, is preselected; Approved is offered
        qtbot.keyClicks(form.editors["comment"], "fine")
        press_ok(qtbot, form)

    when_the_form_opens(approve)
    qtbot.mouseClick(button(editor.signoffs, "Record decision"), Qt.MouseButton.LeftButton)
    assert not editor.signoffs.model.row_at(0).outdated

    def add_item(form) -> None:
        qtbot.keyClicks(form.editors["key"], "PAY-2")
        qtbot.keyClicks(form.editors["title"], "Card tokens")
        press_ok(qtbot, form)

    when_the_form_opens(add_item)
    qtbot.mouseClick(button(editor.scope, "Add item"), Qt.MouseButton.LeftButton)
    assert editor.signoffs.model.row_at(0).outdated
    assert "outdated" in editor.signoffs.summary.text()
    ctx.runner.stack.undo()  # the scope item goes, the approval is current again
    assert not editor.signoffs.model.row_at(0).outdated
    assert editor.scope.model.rowCount() == 1


def test_handover_accept_and_undo(editor, ctx) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    handover_service.add_handover_item(ws, rel.id, Audience.SUPPORT, "Runbook walkthrough")
    editor.load(rel.id)
    editor.handover.table.selectRow(0)
    when = dt.datetime(2026, 3, 1, 10, 0)
    assert editor.handover.accept_selected({"accepted_by": "Tom Becker", "accepted_at": when})
    row = editor.handover.model.row_at(0)
    assert (row.accepted_by, row.accepted_at) == ("Tom Becker", when)
    assert "1 of 1" in editor.handover.summary.text()
    ctx.runner.stack.undo()
    assert editor.handover.model.row_at(0).accepted_at is None


def test_planning_a_message_and_adding_a_dependency_undo_in_turn(editor, ctx, qtbot) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    other = make_release(ws, "Identity Platform")
    editor.load(rel.id)

    def plan(form) -> None:
        choose(qtbot, form.editors["audience"], "Users")
        qtbot.keyClicks(form.editors["subject"], "New SEPA limits")
        press_ok(qtbot, form)

    when_the_form_opens(plan)
    qtbot.mouseClick(button(editor.communications, "Plan message"), Qt.MouseButton.LeftButton)
    assert [m.subject for m in handover_service.list_communications(ws, rel.id)] == [
        "New SEPA limits"
    ]

    def depend(form) -> None:
        choose(qtbot, form.editors["depends_on_id"], "Identity")
        press_ok(qtbot, form)

    when_the_form_opens(depend)
    qtbot.mouseClick(button(editor.dependencies, "Add dependency"), Qt.MouseButton.LeftButton)
    assert editor.dependencies.model.row_at(0).depends_on_id == other.id
    ctx.runner.stack.undo()
    assert editor.dependencies.model.rowCount() == 0
    ctx.runner.stack.undo()
    assert editor.communications.model.rowCount() == 0


def test_details_show_domain_and_owner_and_save_only_changes(
    qtbot, demo_path, settings, presenter
) -> None:
    from PySide6.QtGui import QUndoStack

    from app.workspace import Workspace
    from ui.change_hub import ChangeHub
    from ui.undo.command_runner import CommandRunner
    from ui.view_registry import ViewContext

    ws = Workspace.open(demo_path, user="tester")
    try:
        hub = ChangeHub()
        ctx = ViewContext(ws, CommandRunner(QUndoStack(), hub, presenter), hub, settings)
        editor = ReleaseEditor(ctx)
        qtbot.addWidget(editor)
        row = next(r for r in release_service.list_releases(ws) if r.domain_id and r.owner_id)
        editor.load(row.id)
        assert editor.details.domain_id.currentData() == row.domain_id
        assert editor.details.owner_id.currentData() == row.owner_id
        assert not editor.details.is_dirty()
        editor.details.version_label.setText("9.9")
        assert editor.details.changed_values() == {"version_label": "9.9"}
        assert editor.details.save()
        after = release_service.get_release(ws, row.id)
        assert (after.domain_id, after.owner_id, after.version_label) == (
            row.domain_id,
            row.owner_id,
            "9.9",
        )
    finally:
        ws.close()


def test_mark_sent_is_undoable(editor, ctx) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    handover_service.plan_communication(ws, rel.id, "users", "email", "Go-live")
    editor.load(rel.id)
    tab = editor.communications
    mark = button(tab, "Mark sent")
    tab.table.selectRow(0)
    assert mark.isEnabled()
    when = dt.datetime(2026, 3, 1, 9, 30)
    assert tab.mark_sent_selected(when)
    assert tab.model.row_at(0).sent_at == when
    assert not mark.isEnabled()  # already sent
    assert ctx.runner.stack.undoText() == "Mark message 'Go-live' sent"
    ctx.runner.stack.undo()
    assert handover_service.list_communications(ws, rel.id)[0].sent_at is None
    assert tab.model.row_at(0).sent_at is None
    assert mark.isEnabled()
    ctx.runner.stack.redo()
    assert handover_service.list_communications(ws, rel.id)[0].sent_at == when
    assert "1 sent" in tab.summary.text()


def test_scope_items_move_up_and_down_undoably(editor, ctx, qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    people_service.add_person(ws, "Priya Raman", role="Business owner")
    person = people_service.list_people(ws)[0]
    for title in ("SEPA instant", "Card tokens", "Refund API"):
        scope_service.add_scope_item(ws, rel.id, title)
    signoff_service.add_stakeholder(ws, rel.id, person.id, "Business owner", signoff_required=True)
    signoff_service.record_signoff(ws, rel.id, person.id, Decision.APPROVED)
    editor.load(rel.id)
    tab = editor.scope
    up, down = button(tab, "Move up"), button(tab, "Move down")

    def titles() -> list[str]:
        return [r.title for r in tab.model.rows()]

    tab.table.selectRow(0)
    assert (up.isEnabled(), down.isEnabled()) == (False, True)
    assert not tab.move_selected(-1)
    down.click()
    assert titles() == ["Card tokens", "SEPA instant", "Refund API"]
    assert tab.selected().title == "SEPA instant"  # the moved item stays selected
    assert [r.title for r in scope_service.list_scope(ws, rel.id)] == titles()
    assert not editor.signoffs.model.row_at(0).outdated  # order is not content
    editor.show()
    editor.tabs.setCurrentWidget(tab)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert titles() == ["Card tokens", "Refund API", "SEPA instant"]
    assert (up.isEnabled(), down.isEnabled()) == (True, False)
    qtbot.keyClick(tab.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert titles() == ["Card tokens", "SEPA instant", "Refund API"]
    assert ctx.runner.stack.undoText() == "Move scope item 'SEPA instant' up"
    ctx.runner.stack.undo()
    ctx.runner.stack.undo()
    ctx.runner.stack.undo()
    assert titles() == ["SEPA instant", "Card tokens", "Refund API"]
    ctx.runner.stack.redo()
    assert titles() == ["Card tokens", "SEPA instant", "Refund API"]


def test_saving_a_planned_end_after_the_deadline_warns_in_the_editor(
    editor, ctx, qtbot, presenter
) -> None:
    rel = make_release(ctx.workspace, "Payments Core", deadline=dt.datetime(2026, 3, 25, 17, 0))
    assert editor.load(rel.id)
    assert editor.warnings.isHidden()
    editor.details.planned_end.setDateTime(QDateTime(dt.datetime(2026, 3, 27, 17, 0)))
    qtbot.mouseClick(editor.details.save_button, Qt.MouseButton.LeftButton)
    saved = release_service.get_release(ctx.workspace, rel.id)
    assert saved.planned_end == dt.datetime(2026, 3, 27, 17, 0)  # a warning, not a refusal
    assert not editor.warnings.isHidden()
    assert "The planned end (27 Mar 2026) is after the deadline (25 Mar 2026)." in (
        editor.warnings.text()
    )
    assert not presenter.errors
