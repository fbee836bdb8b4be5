"""Every add and edit form of the release editor's tabs, filled as a user fills it:
text typed with the keyboard, combo items chosen by typing, boxes ticked with the
mouse, OK pressed. Each test reads the saved row back through the service.

(Recording a sign-off, accepting a handover item and the validation paths have their
own files: test_signoff_form.py, test_form_validation.py.)
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.enums import Audience, Channel, CommunicationAudience, ScopeStatus
from app.services import (
    handover_service,
    people_service,
    scope_service,
    signoff_service,
)
from tests.ui.conftest import button, make_release
from tests.ui.form_driver import choose, press_ok, toggle, type_into, when_the_form_opens
from ui.dialogs.form_dialog import FormDialog


def _press(qtbot, tab, text: str, fill) -> None:
    """Open ``tab``'s form with its button ``text``; ``fill`` fills it and presses OK."""
    when_the_form_opens(fill)
    qtbot.mouseClick(button(tab, text), Qt.MouseButton.LeftButton)


def _assert_saved(row, **expected) -> None:
    """The saved ``row`` holds the ``expected`` field values."""
    assert {name: getattr(row, name) for name in expected} == expected


def _release(ctx, name: str = "Payments Core"):
    return make_release(ctx.workspace, name)


def test_planning_a_message_saves_audience_channel_and_day(editor, ctx, qtbot) -> None:
    rel = _release(ctx)
    editor.load(rel.id)
    chosen: dict = {}

    def fill(form: FormDialog) -> None:
        choose(qtbot, form.editors["audience"], "Man")
        choose(qtbot, form.editors["channel"], "Meeting")
        qtbot.keyClicks(form.editors["subject"], "Go/no-go")
        qtbot.keyClicks(form.editors["body"], "Decision at 16:00")
        when = form.editors["planned_at"]
        when.setFocus()
        qtbot.keyClick(when, Qt.Key.Key_Home)  # the day
        qtbot.keyClick(when, Qt.Key.Key_Up)  # a day later than offered
        chosen["planned_at"] = form.values()["planned_at"]
        press_ok(qtbot, form)

    _press(qtbot, editor.communications, "Plan message", fill)
    [row] = handover_service.list_communications(ctx.workspace, rel.id)
    _assert_saved(
        row,
        audience=CommunicationAudience.MANAGEMENT,
        channel=Channel.MEETING,
        subject="Go/no-go",
        body="Decision at 16:00",
        planned_at=chosen["planned_at"],
    )


def _seed_scope(ws, release_id) -> None:
    scope_service.add_scope_item(ws, release_id, "SEPA instant", key="PAY-1")


def _seed_stakeholder(ws, release_id) -> None:
    priya = people_service.add_person(ws, "Priya Raman").id
    signoff_service.add_stakeholder(ws, release_id, priya, "Informed", signoff_required=False)


def _seed_handover(ws, release_id) -> None:
    tom = people_service.add_person(ws, "Tom Becker").id
    handover_service.add_handover_item(
        ws, release_id, Audience.USERS, "Release notes", owner_id=tom
    )


def _seed_people(ws, _release_id) -> dict:
    return {"tom": people_service.add_person(ws, "Tom Becker").id}


def _seed_releases(ws, _release_id) -> dict:
    make_release(ws, "Billing")
    return {"identity": make_release(ws, "Identity Platform").id}


# button, tab, what is there (ids by name), what the user does in the form, what is
# saved (given those ids), the undo text
ADDS = {
    "scope item": (
        "Add item",
        "scope",
        lambda _ws, _rid: {},
        [
            (type_into, "key", "PAY-7"),
            (type_into, "title", "Refund API"),
            (choose, "kind", "Fix"),
            (choose, "status", "Agreed"),
            (type_into, "description", "Partial refunds too"),
        ],
        lambda _ids: {
            "key": "PAY-7",
            "title": "Refund API",
            "kind": "fix",
            "status": ScopeStatus.AGREED,
            "description": "Partial refunds too",
        },
        "Add scope item 'Refund API'",
    ),
    "stakeholder who need not sign off": (
        "Add stakeholder",
        "stakeholders",
        _seed_people,
        [
            (choose, "person_id", "Tom"),
            (type_into, "role", "Service desk lead"),
            (toggle, "signoff_required", None),
        ],
        lambda _ids: {
            "person_name": "Tom Becker",
            "role": "Service desk lead",
            "signoff_required": False,
        },
        "Add stakeholder",
    ),
    "handover item": (
        "Add item",
        "handover",
        _seed_people,
        [
            (choose, "audience", "Support"),
            (type_into, "title", "Runbook walkthrough"),
            (type_into, "description", "Failover and rollback"),
            (choose, "owner_id", "Tom"),
        ],
        lambda ids: {
            "audience": Audience.SUPPORT,
            "title": "Runbook walkthrough",
            "description": "Failover and rollback",
            "owner_id": ids["tom"],
        },
        "Add handover item 'Runbook walkthrough'",
    ),
    "dependency": (
        "Add dependency",
        "dependencies",
        _seed_releases,
        [(choose, "depends_on_id", "Identity"), (type_into, "note", "SSO first")],
        lambda ids: {"depends_on_id": ids["identity"], "note": "SSO first"},
        "Add dependency",
    ),
}


def _fill_and_ok(qtbot, steps):
    """A form filler: each (step, field, text) done in turn, then OK."""

    def fill(form: FormDialog) -> None:
        for step, name, text in steps:
            step(qtbot, form.editors[name], *([text] if text is not None else []))
        press_ok(qtbot, form)

    return fill


@pytest.mark.parametrize("case", ADDS)
def test_adding_a_row_through_its_form_saves_it(editor, ctx, qtbot, case) -> None:
    text, tab_name, seed, steps, expected, undo_text = ADDS[case]
    rel = _release(ctx)
    ids = seed(ctx.workspace, rel.id)
    editor.load(rel.id)
    tab = getattr(editor, tab_name)
    _press(qtbot, tab, text, _fill_and_ok(qtbot, steps))
    [row] = tab.service.rows(ctx.workspace, rel.id)
    _assert_saved(row, **expected(ids))
    assert ctx.runner.stack.undoText() == undo_text
    assert tab.model.rowCount() == 1
    ctx.runner.stack.undo()
    assert tab.service.rows(ctx.workspace, rel.id) == []


# tab, what is there, what the user does in the Edit form, what is saved, the undo text
EDITS = {
    "scope item": (
        "scope",
        _seed_scope,
        [(type_into, "title", "SEPA instant payouts"), (choose, "status", "Done")],
        {"key": "PAY-1", "title": "SEPA instant payouts", "status": ScopeStatus.DONE},
        "Edit scope item 'SEPA instant'",
    ),
    "stakeholder": (  # the person stays; role and sign-off change
        "stakeholders",
        _seed_stakeholder,
        [(type_into, "role", "Business owner"), (toggle, "signoff_required", None)],
        {"person_name": "Priya Raman", "role": "Business owner", "signoff_required": True},
        "Edit stakeholder Priya Raman",
    ),
    "handover item": (
        "handover",
        _seed_handover,
        [(type_into, "title", "Release notes and FAQ"), (choose, "owner_id", "Nobody")],
        {"audience": Audience.USERS, "title": "Release notes and FAQ", "owner_id": None},
        "Edit handover item 'Release notes'",
    ),
}


@pytest.mark.parametrize("case", EDITS)
def test_editing_a_row_through_its_form_saves_the_changes(editor, ctx, qtbot, case) -> None:
    tab_name, seed, steps, expected, undo_text = EDITS[case]
    rel = _release(ctx)
    seed(ctx.workspace, rel.id)
    editor.load(rel.id)
    tab = getattr(editor, tab_name)
    tab.table.selectRow(0)
    _press(qtbot, tab, "Edit", _fill_and_ok(qtbot, steps))
    [row] = tab.service.rows(ctx.workspace, rel.id)
    _assert_saved(row, **expected)
    assert ctx.runner.stack.undoText() == undo_text
