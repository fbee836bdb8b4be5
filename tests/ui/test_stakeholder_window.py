"""A stakeholder's login on a shared workspace: the window says read-only before any edit."""

from __future__ import annotations

import pytest

from app.services import release_service
from app.workspace import Workspace
from tests.pg_logins import Login

pytestmark = pytest.mark.postgres


def test_a_stakeholder_window_shows_read_only(
    qtbot, login: Login, shared_url: str, settings, presenter
) -> None:
    from ui.main_window import MainWindow

    with Workspace.open(shared_url, user="owner") as owner:
        release_service.create_release(owner, name="Payments")
    url = login("stakeholder")
    ws = Workspace.open(url, user="viewer")
    win = MainWindow(ws, settings, target=url, presenter=presenter)
    qtbot.addWidget(win)
    try:
        assert "Read-only" in win.status.connection_label.text()
        tip = win.status.connection_label.toolTip()
        assert "may only read" in tip and "cannot be saved" in tip
        assert [c.release.name for c in win.view("board").model.cards()] == ["Payments"]
    finally:
        win.close()
        ws.close()
