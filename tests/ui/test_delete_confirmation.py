"""Delete asks first when content goes with the release, and says Undo brings it back
(issue 11 §3)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.errors import NotFoundError
from app.services import release_service
from app.services.deletion_preview import deletion_preview
from tests.ui.conftest import make_release
from tests.ui.modal_driver import answer_confirmation


def press_delete_on(qtbot, board, release_id) -> None:
    assert board.grid.select_release(release_id)
    qtbot.keyClick(board.window().focusWidget(), Qt.Key.Key_Delete)


def test_delete_with_content_asks_naming_it_and_cancel_keeps_it(window, qtbot) -> None:
    board = window.view("board")
    wallet = release_service.find_release(window.workspace, "Wallet App")
    seen: list[str] = []

    answer_confirmation(qtbot, "Cancel", seen)
    press_delete_on(qtbot, board, wallet.id)

    preview = deletion_preview(window.workspace, wallet.id)
    assert seen == [f"Delete Wallet App 2.1 with {preview.content_words()}? Undo brings it back."]
    for kind in ("tasks", "scope items", "sign-offs", "deployments", "risk scores"):
        assert kind in seen[0]  # everything the cascade takes is named
    assert release_service.get_release(window.workspace, wallet.id).name == "Wallet App"
    assert board.model.card(wallet.id) is not None

    answer_confirmation(qtbot, "Delete", seen)
    press_delete_on(qtbot, board, wallet.id)

    with pytest.raises(NotFoundError):
        release_service.get_release(window.workspace, wallet.id)
    assert window.statusBar().currentMessage() == (
        "Deleted Wallet App 2.1 — Undo (Ctrl+Z) brings it back"
    )
    window.act_undo.trigger()  # and it does
    assert release_service.get_release(window.workspace, wallet.id).name == "Wallet App"


def test_an_empty_release_goes_without_asking(window, qtbot) -> None:
    board = window.view("board")
    empty = make_release(window.workspace, "Scratch")
    board.refresh()
    seen: list[str] = []
    answer_confirmation(qtbot, "Cancel", seen, tries=0)  # would cancel, were it asked

    press_delete_on(qtbot, board, empty.id)
    qtbot.wait(20)

    assert seen == []
    with pytest.raises(NotFoundError):
        release_service.get_release(window.workspace, empty.id)
    assert window.statusBar().currentMessage() == "Deleted Scratch — Undo (Ctrl+Z) brings it back"
