"""Recording a sign-off through its form, as an approver's coordinator does it.

The form is filled with the keyboard and mouse (person and decision chosen in their
combo boxes, a comment typed, OK pressed); the saved row is read back from the service.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.services import people_service, scope_service, signoff_service
from models.enums import Decision
from tests.conftest import open_colleague
from tests.ui.conftest import make_release
from tests.ui.form_driver import press_ok, when_the_form_opens
from ui.dialogs.form_dialog import FormDialog


def _release_with_stakeholders(ctx):
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    scope_service.add_scope_item(ws, rel.id, "SEPA instant")
    for name, role in (("Bob Baker", "Sponsor"), ("Priya Raman", "Business owner")):
        person = people_service.add_person(ws, name).id
        signoff_service.add_stakeholder(ws, rel.id, person, role, signoff_required=True)
    return rel


def _fill_and_press_ok(qtbot, person: str, decision: str, comment: str):
    def fill(dialog: FormDialog) -> None:
        for name, typed in (("person_id", person), ("decision", decision)):
            combo = dialog.editors[name]
            combo.setFocus()
            qtbot.keyClicks(combo, typed)  # a closed combo box jumps to the typed item
        qtbot.keyClicks(dialog.editors["comment"], comment)
        press_ok(qtbot, dialog)

    return fill


def _record_button(tab) -> QPushButton:
    return next(b for b in tab.findChildren(QPushButton) if b.text() == "Record decision")


def test_recording_a_sign_off_through_the_form_saves_it(editor, ctx, presenter, qtbot) -> None:
    rel = _release_with_stakeholders(ctx)
    editor.load(rel.id)
    tab = editor.signoffs
    when_the_form_opens(_fill_and_press_ok(qtbot, "Priya", "Rej", "Needs the QR flow"))
    qtbot.mouseClick(_record_button(tab), Qt.MouseButton.LeftButton)
    assert presenter.errors == []
    [row] = signoff_service.list_signoffs(ctx.workspace, rel.id)
    assert (row.person_name, row.role, row.decision, row.comment) == (
        "Priya Raman",
        "Business owner",
        Decision.REJECTED,
        "Needs the QR flow",
    )
    assert not row.outdated
    assert ctx.runner.stack.undoText() == "Record rejected sign-off"
    assert tab.model.rowCount() == 1
    ctx.runner.stack.undo()
    assert signoff_service.list_signoffs(ctx.workspace, rel.id) == []


def test_a_scope_edit_while_the_form_is_open_refuses_the_decision(
    editor, ctx, presenter, qtbot
) -> None:
    rel = _release_with_stakeholders(ctx)
    editor.load(rel.id)
    [item] = scope_service.list_scope(ctx.workspace, rel.id)
    fill_in = _fill_and_press_ok(qtbot, "Bob", "App", "Fine by me")

    def colleague_edits_then_ok(dialog: FormDialog) -> None:
        with open_colleague(ctx.workspace) as colleague:  # while the approver reads
            scope_service.update_scope_item(colleague, item.id, item.version, title="SEPA v2")
        fill_in(dialog)

    when_the_form_opens(colleague_edits_then_ok)
    qtbot.mouseClick(_record_button(editor.signoffs), Qt.MouseButton.LeftButton)
    [error] = presenter.errors
    assert str(error).startswith("The scope changed while you were deciding:")
    assert signoff_service.list_signoffs(ctx.workspace, rel.id) == []
    assert ctx.runner.stack.count() == 0
