"""Undo and redo never overwrite a colleague: a stale step goes to the conflict dialog.

The colleague is a second workspace on the same SQLite file, saving between our edit
and our undo. The undo is refused by the service, the command leaves the stack, and the
presenter is asked; "reload theirs" keeps their value, "keep mine" forces the undo.
"""

from __future__ import annotations

import datetime as dt

from app.services import handover_service, scope_service
from models.enums import Audience
from tests.conftest import open_colleague
from tests.ui.conftest import make_release

WHEN = dt.datetime(2026, 3, 1, 10, 0)


def _accepted_item(editor, ctx):
    rel = make_release(ctx.workspace, "Payments Core")
    handover_service.add_handover_item(ctx.workspace, rel.id, Audience.SUPPORT, "Runbook")
    editor.load(rel.id)
    editor.handover.table.selectRow(0)
    assert editor.handover.accept_selected({"accepted_by": "Tom Becker", "accepted_at": WHEN})
    return rel, editor.handover.model.row_at(0)


def test_undoing_an_accept_over_a_colleagues_save_asks_and_keeps_theirs(
    editor, ctx, presenter, qtbot
) -> None:
    rel, row = _accepted_item(editor, ctx)
    with open_colleague(ctx.workspace) as colleague:
        handover_service.update_handover_item(colleague, row.id, row.version, title="Runbook v2")
    count = ctx.runner.stack.count()
    ctx.runner.stack.undo()
    qtbot.waitUntil(lambda: len(presenter.conflicts) == 1)
    assert presenter.errors == []  # a conflict, not an error message
    [after] = handover_service.list_handover(ctx.workspace, rel.id)
    assert (after.title, after.accepted_by) == ("Runbook v2", "Tom Becker")  # nothing undone
    assert ctx.runner.stack.count() == count - 1  # the stale command left the stack
    qtbot.waitUntil(lambda: editor.handover.model.row_at(0).title == "Runbook v2")


def test_keep_mine_forces_the_undo_over_a_colleagues_save(editor, ctx, presenter, qtbot) -> None:
    rel, row = _accepted_item(editor, ctx)
    with open_colleague(ctx.workspace) as colleague:
        handover_service.accept_handover_item(
            colleague, row.id, "Sam", WHEN, expected_version=row.version
        )
    presenter.keep_mine = True
    ctx.runner.stack.undo()
    qtbot.waitUntil(lambda: len(presenter.conflicts) == 1)
    [conflict] = [c for c in presenter.conflicts[0].conflicts if c.field == "accepted_by"]
    assert (conflict.theirs, conflict.mine) == ("Sam", "—")
    qtbot.waitUntil(lambda: editor.handover.model.row_at(0).accepted_at is None)
    assert handover_service.list_handover(ctx.workspace, rel.id)[0].accepted_by is None


def test_redo_of_a_mark_sent_over_a_colleagues_save_asks(editor, ctx, presenter, qtbot) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    handover_service.plan_communication(ws, rel.id, "users", "email", "Go-live")
    editor.load(rel.id)
    tab = editor.communications
    tab.table.selectRow(0)
    assert tab.mark_sent_selected(WHEN)
    ctx.runner.stack.undo()
    row = tab.model.row_at(0)
    with open_colleague(ws) as colleague:
        handover_service.mark_sent(
            colleague, row.id, WHEN - dt.timedelta(hours=1), expected_version=row.version
        )
    ctx.runner.stack.redo()
    qtbot.waitUntil(lambda: len(presenter.conflicts) == 1)
    sent = handover_service.list_communications(ws, rel.id)[0].sent_at
    assert sent == WHEN - dt.timedelta(hours=1)  # their moment survives


def test_undo_of_a_remove_over_a_colleagues_restore_and_edit_asks(
    editor, ctx, presenter, qtbot
) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    item = scope_service.add_scope_item(ws, rel.id, "SEPA instant")
    editor.load(rel.id)
    editor.scope.table.selectRow(0)
    assert editor.scope.delete_selected()
    with open_colleague(ws) as colleague:
        scope_service.restore_scope_item(colleague, item.id)
        scope_service.update_scope_item(colleague, item.id, None, title="SEPA instant v2")
        scope_service.delete_scope_item(colleague, item.id)
    ctx.runner.stack.undo()
    qtbot.waitUntil(lambda: len(presenter.conflicts) == 1)
    assert scope_service.list_scope(ws, rel.id) == []  # their delete stands


def test_my_own_steps_on_one_row_never_conflict(editor, ctx, presenter) -> None:
    """Accept, reopen, accept again, then undo all three: each undo expects the version
    the later step of ours left, not the one its command first saw."""
    rel, _row = _accepted_item(editor, ctx)
    assert editor.handover.reopen_selected()
    assert editor.handover.accept_selected({"accepted_by": "Ann", "accepted_at": WHEN})
    for _ in range(3):
        ctx.runner.stack.undo()
    for _ in range(3):
        ctx.runner.stack.redo()
    assert presenter.conflicts == [] and presenter.errors == []
    assert handover_service.list_handover(ctx.workspace, rel.id)[0].accepted_by == "Ann"
