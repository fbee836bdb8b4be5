"""The Delivery tab's "Import build notes…": the dialog driven as a coordinator drives
it, the import run on a worker, undo and redo of the imported build."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.services import build_notes
from tests.app.delivery.conftest import Delivery, make_delivery
from tests.app.delivery.test_build_notes import commit, git
from tests.app.interchange.test_changelog import SAMPLE
from tests.app.services.builders import audit_count
from tests.ui.conftest import button
from tests.ui.modal_driver import when_modal_opens
from ui.editor.build_notes_dialog import BuildNotesDialog


@pytest.fixture
def delivery(ctx) -> Delivery:
    return make_delivery(ctx.workspace)


@pytest.fixture
def tab(editor, delivery: Delivery):
    assert editor.load(delivery.release_id)
    editor.tabs.setCurrentWidget(editor.delivery)
    return editor.delivery


def shown(tab) -> list[str]:
    top = [tab.notes.topLevelItem(n) for n in range(tab.notes.topLevelItemCount())]
    return [f"{t.text(0)}: {t.child(c).text(0)}" for t in top for c in range(t.childCount())]


def import_through_the_dialog(qtbot, tab, fill) -> list[bool]:
    """Click the button, let ``fill`` type into the dialog, press Import; the Import
    button's enabled state before and after filling."""
    seen: list[bool] = []

    def act(dialog: BuildNotesDialog) -> None:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen.append(ok.isEnabled())
        fill(dialog)
        seen.append(ok.isEnabled())
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    when_modal_opens(BuildNotesDialog, act)
    qtbot.mouseClick(button(tab, "Import build notes…"), Qt.MouseButton.LeftButton)
    return seen


def test_a_changelog_version_imported_then_undone_and_redone(
    qtbot, tab, delivery: Delivery, ctx, tmp_path: Path
) -> None:
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(SAMPLE, encoding="utf-8")

    def fill(dialog: BuildNotesDialog) -> None:
        qtbot.keyClicks(dialog.changelog, str(changelog))
        qtbot.keyClicks(dialog.version, "1.4.0")

    with qtbot.waitSignal(tab.notes_importer.finished, timeout=20_000):
        assert import_through_the_dialog(qtbot, tab, fill) == [False, True]
    after = [
        "checkout-api (1): Added: Saved cards in checkout-api",
        "Not linked to a configuration item (2): Fixed: Rounding of VAT",
        "Not linked to a configuration item (2): "
        "Added: A retry for ledger-sync when the bank times out",  # same day: by hash
    ]
    assert shown(tab) == after
    assert ctx.runner.stack.undoText() == "Import build notes CHANGELOG.md 1.4.0"
    ctx.runner.stack.undo()
    assert shown(tab) == [] and build_notes.release_notes(delivery.ws, delivery.release_id) == {}
    ctx.runner.stack.redo()
    assert shown(tab) == after


def test_a_git_range_through_the_dialog(qtbot, tab, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "README", "Initial import")
    git(repo, "tag", "v0.9")
    commit(repo, "checkout-api/src/pay.py", "Pay with saved cards", 9)

    def fill(dialog: BuildNotesDialog) -> None:
        qtbot.mouseClick(dialog.from_git, Qt.MouseButton.LeftButton)
        assert not dialog.changelog.isEnabled() and dialog.repo.isEnabled()
        qtbot.keyClicks(dialog.repo, str(repo))
        qtbot.keyClicks(dialog.since, "v0.9")
        qtbot.keyClicks(dialog.until, "main")

    with qtbot.waitSignal(tab.notes_importer.finished, timeout=20_000):
        import_through_the_dialog(qtbot, tab, fill)
    assert shown(tab) == ["checkout-api (1): Pay with saved cards"]


def test_an_unknown_version_is_said_and_records_nothing(
    qtbot, tab, delivery: Delivery, presenter, tmp_path: Path
) -> None:
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(SAMPLE, encoding="utf-8")
    before = audit_count(delivery.ws)

    def fill(dialog: BuildNotesDialog) -> None:
        qtbot.keyClicks(dialog.changelog, str(changelog))
        qtbot.keyClicks(dialog.version, "7.0")

    with qtbot.waitSignal(tab.notes_importer.failed, timeout=20_000):
        import_through_the_dialog(qtbot, tab, fill)
    assert "CHANGELOG.md has no version '7.0'" in str(presenter.errors[-1])
    assert audit_count(delivery.ws) == before and shown(tab) == []
    assert button(tab, "Import build notes…").isEnabled()
