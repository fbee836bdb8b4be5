"""Dialogs whose answer is a button, pressed as a user presses it: the start dialog's
ways in and the conflict dialog's Keep mine / Reload theirs. Each test reads back what
was saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.services import release_service
from tests.ui.conftest import button, make_release
from tests.ui.form_driver import when_the_form_opens
from ui import application
from ui.dialogs.conflict_dialog import ConflictDialog
from ui.dialogs.presenter import DialogPresenter
from ui.dialogs.start_dialog import StartDialog
from ui.undo import release_commands
from ui.undo.command_runner import CommandRunner


def _click(qtbot, text: str):
    def press(dialog) -> None:
        qtbot.mouseClick(button(dialog, text), Qt.MouseButton.LeftButton)

    return press


def test_create_empty_workspace_from_the_start_dialog(qtbot, tmp_path: Path, settings) -> None:
    missing = tmp_path / "team.db"
    when_the_form_opens(_click(qtbot, "Create empty workspace"), StartDialog)
    opened = application.open_start_workspace(str(missing), settings, user="tester")
    assert opened is not None
    ws, remembered = opened
    try:
        assert remembered == str(missing) and missing.exists()
        assert release_service.list_releases(ws) == []
    finally:
        ws.close()


@pytest.mark.parametrize(("answer", "kept"), [("Keep mine", "Mine"), ("Reload theirs", "Theirs")])
def test_the_conflict_dialog_saves_what_the_user_chose(qtbot, ctx, answer, kept) -> None:
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    release_service.update_release(ws, rel.id, rel.version, name="Theirs")  # a colleague
    runner = CommandRunner(ctx.runner.stack, ctx.hub, DialogPresenter(None))
    when_the_form_opens(_click(qtbot, answer), ConflictDialog)
    runner.run(release_commands.update_release(ws, rel, name="Mine"))
    assert release_service.get_release(ws, rel.id).name == kept
