"""Validation keeps what was typed: OK on a form with an empty required field (or a
value its check refuses) leaves the form open, marks the field, says why under it and
puts the cursor there; the other typed values stay. Driven through the real dialogs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from app.enums import Audience, Channel, CommunicationAudience
from app.services import (
    handover_service,
    people_service,
    release_service,
    scope_service,
    signoff_service,
)
from tests.ui.conftest import button, make_release
from tests.ui.form_driver import clear, ok_then_fix, press_ok, state, when_the_form_opens
from ui.dialogs.form_dialog import Field, FormDialog


def refused(message: str) -> dict:
    """How a field OK refused looks: form open, field marked, ``message`` under it,
    cursor in it."""
    return {"open": True, "invalid": True, "message": message, "focused": True}


def _first_row_of(editor, tab_name: str, release_id):
    """The editor on ``release_id``, tab ``tab_name`` with its first row selected."""
    editor.load(release_id)
    tab = getattr(editor, tab_name)
    tab.table.selectRow(0)
    return tab


def test_ok_with_an_empty_required_field_keeps_the_form_open_and_marks_it(qtbot) -> None:
    dialog = FormDialog(
        "Plan a message",
        [Field("subject", "Subject", required=True), Field("body", "Message", "multiline")],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.editors["body"], "Cut-over starts at 22:00")
    press_ok(qtbot, dialog)
    assert state(dialog, "subject") == refused("Subject is required.")
    assert dialog.values()["body"] == "Cut-over starts at 22:00"
    qtbot.keyClicks(dialog.editors["subject"], "Go-live tonight")
    assert state(dialog, "subject")["invalid"] is False  # typing clears the mark
    press_ok(qtbot, dialog)
    assert not dialog.isVisible() and dialog.result() == FormDialog.DialogCode.Accepted


def test_a_form_check_names_the_field_it_refuses(qtbot) -> None:
    def end_after_start(values):
        return {"end": "The end lies before the start."} if values["end"] < values["start"] else {}

    start = dt.datetime(2026, 3, 2, 8, 0)
    dialog = FormDialog(
        "Window",
        [Field("start", "Start", "datetime", start), Field("end", "End", "datetime", start)],
        validate=end_after_start,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.editors["end"].setFocus()
    qtbot.keyClick(dialog.editors["end"], Qt.Key.Key_Down)  # the day before
    press_ok(qtbot, dialog)
    assert state(dialog, "end") == refused("The end lies before the start.")
    assert state(dialog, "start")["invalid"] is False


def test_planning_a_message_without_a_subject_is_refused_inside_the_form(
    editor, ctx, qtbot
) -> None:
    rel = make_release(ctx.workspace, "Payments Core")
    editor.load(rel.id)
    seen: dict = {}

    def fill(dialog: FormDialog) -> None:
        dialog.editors["channel"].setFocus()
        qtbot.keyClicks(dialog.editors["channel"], "Chat")
        qtbot.keyClicks(dialog.editors["body"], "The payment screens change tonight.")
        press_ok(qtbot, dialog)
        seen["first"] = state(dialog, "subject")
        seen["kept"] = dialog.values()["body"], dialog.values()["channel"]
        qtbot.keyClicks(dialog.editors["subject"], "Go-live tonight")
        press_ok(qtbot, dialog)

    when_the_form_opens(fill)
    qtbot.mouseClick(button(editor.communications, "Plan message"), Qt.MouseButton.LeftButton)
    assert seen["first"] == refused("Subject is required.")
    assert seen["kept"] == ("The payment screens change tonight.", Channel.CHAT)
    [row] = handover_service.list_communications(ctx.workspace, rel.id)
    assert (row.subject, row.body, row.channel) == (
        "Go-live tonight",
        "The payment screens change tonight.",
        Channel.CHAT,
    )


def test_accepting_a_handover_item_needs_who_accepted_it(editor, ctx, qtbot) -> None:
    rel = make_release(ctx.workspace, "Payments Core")
    ws = ctx.workspace
    handover_service.add_handover_item(ws, rel.id, Audience.SUPPORT, "Runbook walkthrough")
    tab = _first_row_of(editor, "handover", rel.id)
    seen: dict = {}

    def fill(dialog: FormDialog) -> None:
        clear(qtbot, dialog.editors["accepted_by"])
        press_ok(qtbot, dialog)
        seen["empty"] = state(dialog, "accepted_by")
        qtbot.keyClicks(dialog.editors["accepted_by"], "Priya Raman")
        dialog.editors["accepted_at"].setFocus()
        qtbot.keyClick(dialog.editors["accepted_at"], Qt.Key.Key_Up)  # tomorrow
        press_ok(qtbot, dialog)
        seen["future"] = state(dialog, "accepted_at")
        seen["name kept"] = dialog.values()["accepted_by"]
        qtbot.keyClick(dialog.editors["accepted_at"], Qt.Key.Key_Down)
        press_ok(qtbot, dialog)

    when_the_form_opens(fill)
    qtbot.mouseClick(button(tab, "Accept…"), Qt.MouseButton.LeftButton)
    assert seen["empty"] == refused("Accepted by is required.")
    assert seen["future"] == refused("An acceptance cannot lie in the future.")
    assert seen["name kept"] == "Priya Raman"
    [row] = handover_service.list_handover(ctx.workspace, rel.id)
    assert row.accepted_by == "Priya Raman" and row.accepted_at is not None


def test_a_scope_item_without_a_title_is_refused_and_the_key_kept(editor, ctx, qtbot) -> None:
    rel = make_release(ctx.workspace, "Payments Core")
    editor.load(rel.id)
    seen: dict = {}

    def fill(dialog: FormDialog) -> None:
        qtbot.keyClicks(dialog.editors["key"], "PAY-12")
        seen.update(ok_then_fix(qtbot, dialog, "title", "SEPA instant", kept="key"))

    when_the_form_opens(fill)
    qtbot.mouseClick(button(editor.scope, "Add item"), Qt.MouseButton.LeftButton)
    assert seen == {"first": refused("Title is required."), "kept": "PAY-12"}
    [row] = scope_service.list_scope(ctx.workspace, rel.id)
    assert (row.key, row.title) == ("PAY-12", "SEPA instant")


def test_details_refuse_an_end_before_the_start_in_the_form_and_keep_the_edits(
    editor, ctx, qtbot, presenter
) -> None:
    rel = make_release(ctx.workspace, "Payments Core")  # 2 Mar – 20 Mar 2026
    editor.load(rel.id)
    details = editor.details
    details.version_label.setFocus()
    qtbot.keyClicks(details.version_label, "2.0")
    details.planned_end.setFocus()
    qtbot.keyClick(details.planned_end, Qt.Key.Key_Home)  # the day section
    for _ in range(20):  # 20 Mar -> 28 Feb, before the start
        qtbot.keyClick(details.planned_end, Qt.Key.Key_Down)
    clear(qtbot, details.name)
    qtbot.mouseClick(details.save_button, Qt.MouseButton.LeftButton)
    assert bool(details.name.property("invalid")) and bool(details.planned_end.property("invalid"))
    assert details.errors["name"].text() == "A release needs a name."
    assert details.errors["planned_end"].text() == "The planned end lies before the planned start."
    assert details.focusWidget() is details.name
    assert presenter.errors == [] and ctx.runner.stack.count() == 0  # nothing sent
    assert details.version_label.text() == "2.0"  # the other edit is kept

    qtbot.keyClicks(details.name, "Payments Core")
    assert not details.name.property("invalid")  # the mark goes as the field is right
    details.planned_end.setFocus()
    for _ in range(20):
        qtbot.keyClick(details.planned_end, Qt.Key.Key_Up)
    assert details.errors["planned_end"].text() == ""
    qtbot.mouseClick(details.save_button, Qt.MouseButton.LeftButton)
    saved = release_service.get_release(ctx.workspace, rel.id)
    assert (saved.name, saved.version_label) == ("Payments Core", "2.0")
    assert saved.planned_end == details.values()["planned_end"] > saved.planned_start


def test_a_refusal_of_the_service_is_shown_in_the_open_form(editor, ctx, qtbot) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    priya = people_service.add_person(ws, "Priya Raman").id
    signoff_service.add_stakeholder(ws, rel.id, priya, "Business owner", signoff_required=True)
    editor.load(rel.id)
    seen: dict = {}

    def fill(dialog: FormDialog) -> None:
        dialog.editors["person_id"].setFocus()
        qtbot.keyClicks(dialog.editors["person_id"], "Priya")
        press_ok(qtbot, dialog)  # the role is prefilled "Business owner": she is already
        seen["open"] = dialog.isVisible()
        seen["said"] = dialog.form_error.text() if dialog.form_error.isVisibleTo(dialog) else ""
        clear(qtbot, dialog.editors["role"])
        qtbot.keyClicks(dialog.editors["role"], "Sponsor")
        press_ok(qtbot, dialog)

    when_the_form_opens(fill)
    qtbot.mouseClick(button(editor.stakeholders, "Add stakeholder"), Qt.MouseButton.LeftButton)
    assert seen == {
        "open": True,
        "said": "Priya Raman is already Business owner on this release.",
    }
    rows = signoff_service.list_stakeholders(ws, rel.id)
    assert [(r.person_name, r.role) for r in rows] == [
        ("Priya Raman", "Business owner"),
        ("Priya Raman", "Sponsor"),
    ]
    assert ctx.runner.stack.undoText() == "Add stakeholder"


def test_editing_a_message_keeps_its_body_when_the_subject_is_cleared(editor, ctx, qtbot) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    handover_service.plan_communication(
        ws,
        rel.id,
        audience=CommunicationAudience.STAKEHOLDERS,
        channel=Channel.EMAIL,
        subject="Go-live",
        body="Tonight at 22:00",
    )
    tab = _first_row_of(editor, "communications", rel.id)
    seen: dict = {}

    def fill(dialog: FormDialog) -> None:
        clear(qtbot, dialog.editors["subject"])
        dialog.editors["body"].setFocus()
        qtbot.keyClick(dialog.editors["body"], Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(dialog.editors["body"], ", rollback by 23:30")
        seen.update(ok_then_fix(qtbot, dialog, "subject", "Go-live moved", kept="body"))

    when_the_form_opens(fill)
    qtbot.mouseClick(button(tab, "Edit"), Qt.MouseButton.LeftButton)
    assert seen == {
        "first": refused("Subject is required."),
        "kept": "Tonight at 22:00, rollback by 23:30",
    }
    [row] = handover_service.list_communications(ws, rel.id)
    assert (row.subject, row.body) == ("Go-live moved", "Tonight at 22:00, rollback by 23:30")
    assert ctx.runner.stack.undoText() == "Edit message 'Go-live'"
