"""What a form offers before the user types: the sign-off form names the stakeholder
whose approval is awaited, the acceptance form the user's own name."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.enums import Audience, Decision
from app.services import handover_service, people_service, scope_service, signoff_service
from tests.ui.conftest import button, make_release
from tests.ui.form_driver import when_the_form_opens
from ui.dialogs.form_dialog import FormDialog


def _opened_with(qtbot, press) -> dict:
    """The values a form shows when ``press`` opens it (then it is cancelled)."""
    seen: dict = {}

    def look(dialog: FormDialog) -> None:
        seen.update(dialog.values())
        seen["texts"] = {
            name: editor.currentText()
            for name, editor in dialog.editors.items()
            if hasattr(editor, "currentText")
        }

    when_the_form_opens(look)
    press()
    return seen


def test_the_sign_off_form_preselects_the_first_required_and_missing_stakeholder(
    editor, ctx, qtbot
) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    scope_service.add_scope_item(ws, rel.id, "SEPA instant")
    people = {}
    for name, role, required in (
        ("Ann Informed", "Informed", False),  # first in the list, but only informed
        ("Bob Baker", "Sponsor", True),  # required, and has approved already
        ("Cleo Chen", "Business owner", True),  # required and missing: this one
    ):
        people[name] = people_service.add_person(ws, name).id
        signoff_service.add_stakeholder(ws, rel.id, people[name], role, signoff_required=required)
    signoff_service.record_signoff(ws, rel.id, people["Bob Baker"], Decision.APPROVED)
    editor.load(rel.id)
    record = button(editor.signoffs, "Record decision")
    seen = _opened_with(qtbot, lambda: qtbot.mouseClick(record, Qt.MouseButton.LeftButton))
    assert seen["person_id"] == people["Cleo Chen"]
    assert seen["texts"]["person_id"] == "Cleo Chen (Business owner)"


def test_accepted_by_is_prefilled_with_the_users_display_name(editor, ctx, qtbot) -> None:
    ws = ctx.workspace  # signed in as "tester"
    people_service.add_person(ws, "Tess Tester", login="tester")
    rel = make_release(ws, "Payments Core")
    handover_service.add_handover_item(ws, rel.id, Audience.SUPPORT, "Runbook walkthrough")
    editor.load(rel.id)
    editor.handover.table.selectRow(0)
    accept = button(editor.handover, "Accept…")
    seen = _opened_with(qtbot, lambda: qtbot.mouseClick(accept, Qt.MouseButton.LeftButton))
    assert seen["accepted_by"] == "Tess Tester"


def test_display_name_falls_back_to_the_login(ctx) -> None:
    assert people_service.user_display_name(ctx.workspace) == ctx.workspace.user
