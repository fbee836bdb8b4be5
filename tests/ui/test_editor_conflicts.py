"""A colleague saved the release first: only the fields they changed are a conflict."""

from __future__ import annotations

import datetime as dt

from app.errors import Conflict, ConflictError
from app.services import release_service
from tests.ui.conftest import make_release
from ui.dialogs.conflict_dialog import ConflictDialog
from ui.undo import release_commands
from ui.undo.service_command import changed_by_them


def test_colleague_changed_other_field_saves_silently_with_both(editor, ctx, presenter) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core", description="Card payments")
    editor.load(rel.id)
    release_service.update_release(ws, rel.id, rel.version, description="Their description")
    editor.details.name.setText("Payments Core NG")
    assert editor.details.save()
    assert presenter.conflicts == []
    after = release_service.get_release(ws, rel.id)
    assert (after.name, after.description) == ("Payments Core NG", "Their description")
    assert editor.details.description.toPlainText() == "Their description"
    assert not editor.details.is_dirty()
    ctx.runner.stack.undo()  # takes back my name only; their description stays
    after = release_service.get_release(ws, rel.id)
    assert (after.name, after.description) == ("Payments Core", "Their description")
    ctx.runner.stack.redo()
    assert release_service.get_release(ws, rel.id).name == "Payments Core NG"


def test_dialog_lists_only_the_fields_the_colleague_changed(editor, ctx, presenter, qtbot) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core", version_label="4.2")
    editor.load(rel.id)
    release_service.update_release(ws, rel.id, rel.version, name="Their name")
    editor.details.name.setText("My name")
    editor.details.version_label.setText("4.3")  # they left the version alone
    assert not editor.details.save()
    [error] = presenter.conflicts
    assert [(c.field, c.theirs, c.mine) for c in error.conflicts] == [
        ("name", "Their name", "My name")
    ]
    dialog = ConflictDialog(error)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    after = release_service.get_release(ws, rel.id)
    assert (after.name, after.version_label) == ("Their name", "4.2")
    assert ctx.runner.stack.count() == 0


def test_same_value_saved_by_both_is_no_conflict(editor, ctx, presenter) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    editor.load(rel.id)
    release_service.update_release(ws, rel.id, rel.version, name="Payments Core NG")
    editor.details.name.setText("Payments Core NG")
    assert editor.details.save()
    assert presenter.conflicts == []
    assert release_service.get_release(ws, rel.id).name == "Payments Core NG"


def test_changed_by_them_compares_with_what_was_read() -> None:
    error = ConflictError(
        "release",
        "x",
        (Conflict("name", "Theirs", "Mine"), Conflict("deadline", "—", "2026-03-27 17:00")),
    )
    assert changed_by_them(error.conflicts, {"name": "Read", "deadline": None}) == (
        error.conflicts[0],
    )


# -- conflicts are found on values, not on what the dialog shows ---------------------------
END = dt.datetime(2026, 3, 20, 17, 0)


def test_a_colleagues_save_seconds_apart_is_a_conflict(ctx, presenter) -> None:
    """17:00:30 and 17:00:00 both show as "17:00", yet they differ: no silent overwrite."""
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core", planned_end=END)
    release_service.update_release(ws, rel.id, rel.version, planned_end=END.replace(second=30))
    assert not ctx.runner.run(
        release_commands.update_release(ws, rel, planned_end=END + dt.timedelta(hours=1))
    )
    [error] = presenter.conflicts
    [conflict] = error.conflicts
    assert (conflict.field, conflict.theirs, conflict.theirs_value) == (
        "planned_end",
        "20 Mar 2026 17:00",
        END.replace(second=30),
    )
    assert release_service.get_release(ws, rel.id).planned_end == END.replace(second=30)


def test_undo_over_a_colleagues_save_seconds_apart_asks(ctx, presenter, qtbot) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core", planned_end=END)
    later = END + dt.timedelta(hours=1)
    assert ctx.runner.run(release_commands.update_release(ws, rel, planned_end=later))
    mine = release_service.get_release(ws, rel.id)
    release_service.update_release(ws, rel.id, mine.version, planned_end=later.replace(second=5))
    ctx.runner.stack.undo()
    qtbot.waitUntil(lambda: len(presenter.conflicts) == 1)
    assert release_service.get_release(ws, rel.id).planned_end == later.replace(second=5)


def test_identical_values_are_no_conflict(ctx, presenter) -> None:
    """A colleague who saved exactly our value, or only other fields, is no conflict."""
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core", planned_end=END)
    later = END + dt.timedelta(hours=1, seconds=7)
    release_service.update_release(ws, rel.id, rel.version, planned_end=later, name="Theirs")
    assert ctx.runner.run(release_commands.update_release(ws, rel, planned_end=later))
    assert presenter.conflicts == []
    after = release_service.get_release(ws, rel.id)
    assert (after.name, after.planned_end) == ("Theirs", later)


def test_changed_by_them_compares_typed_values() -> None:
    same_text = Conflict("description", "—", "Mine", "—", "Mine")  # their text is a dash
    seconds = Conflict("deadline", "2026-03-20 17:00", "—", END.replace(second=1), None)
    aware = Conflict("deadline", "2026-03-20 17:00", "—", END, None)
    read = {"description": None, "deadline": END.replace(tzinfo=dt.UTC)}
    assert changed_by_them((same_text, seconds, aware), read) == (same_text, seconds)
