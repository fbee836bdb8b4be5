"""Smoke test of the whole window on the demo workspace, and shell behaviour."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from app.workspace import Workspace
from models.enums import ReleaseStatus
from ui.main_window import MainWindow
from ui.view_registry import ViewRegistry
from ui.views import register_builtin_views


def test_window_on_demo_workspace(window, qtbot) -> None:
    board = window.view("board")
    counts = {s: board.grid.count(s) for s in ReleaseStatus}
    assert sum(counts.values()) >= 12
    assert all(counts[s] > 0 for s in ReleaseStatus if s != ReleaseStatus.CANCELLED)
    assert "Demo workspace" in window.status.workspace_label.text()
    assert "local file" in window.status.workspace_label.text()
    assert "tester" in window.status.user_label.text()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Help"]
    card = board.model.cards()[0]
    window.open_release(card.release.id)
    assert window.editor_host.isVisible()
    assert window.editor.title.text() == card.release.title
    for index in range(window.editor.tabs.count()):
        window.editor.tabs.setCurrentIndex(index)
        QApplication.processEvents()


def test_find_shortcut_focuses_the_filter(window, qtbot) -> None:
    text = window.view("board").filter_bar.text
    qtbot.keyClicks(text, "Pay")
    window.view("board").grid.setFocus()  # the user has moved on to the cards
    assert window.focusWidget() is not text
    window.act_find.trigger()
    # The window's focus widget, which offscreen Qt tracks even without an active window.
    assert window.focusWidget() is text
    assert text.selectedText() == "Pay"  # selected, so typing replaces the old filter
    assert window.act_find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)


def test_state_and_recent_workspaces_persist(window, settings, demo_path) -> None:
    window.switch_to(Workspace.open(demo_path, user="tester"), str(demo_path))
    window.save_state()
    assert settings.recent_workspaces()[0] == str(demo_path)
    assert settings.last_workspace() == str(demo_path)
    assert settings.state("geometry") is not None
    assert settings.state("splitter") is not None


def test_a_view_is_one_registration(qtbot, demo_path, settings, presenter) -> None:
    from PySide6.QtWidgets import QLabel

    from ui.view_registry import REGISTRY, ViewSpec

    register_builtin_views()
    registry = ViewRegistry()
    registry.register(REGISTRY.get("board"))
    registry.register(ViewSpec("calendar", "Calendar", "board", lambda _ctx: QLabel("cal"), 20))
    ws = Workspace.open(demo_path, user="tester")
    win = MainWindow(ws, settings, registry=registry, presenter=presenter)
    qtbot.addWidget(win)
    try:
        assert win.navigation.count() == 2
        assert "Calendar" in [a.text() for a in win.view_menu.actions()]
        win.navigation.setCurrentRow(1)
        assert win.current_view().text() == "cal"
        with pytest.raises(ValueError, match="already registered"):
            registry.register(ViewSpec("calendar", "Calendar", "board", QLabel, 20))
    finally:
        ws.close()


def test_selecting_a_card_enables_export(window, qtbot) -> None:
    board = window.view("board")
    assert window.selected_release_id() is None
    assert not window.act_export.isEnabled()
    card = board.model.cards()[0]
    assert board.grid.select_release(card.release.id)  # no menu opened in between
    assert window.act_export.isEnabled()
    assert window.selected_release_id() == card.release.id
    for view in board.grid.cells.values():
        view.clearSelection()
    assert not window.act_export.isEnabled()
    assert window.selected_release_id() is None


@pytest.mark.parametrize("width", [1280, 1366, 1920])
def test_all_seven_states_fit_the_window_without_scrolling(window, qtbot, width) -> None:
    """The columns shrink to a minimum card width; no screen from 1280 pixels scrolls."""
    window.resize(width, 720)
    board = window.view("board")
    qtbot.waitUntil(lambda: board.grid.viewport().width() > width - 300)
    QApplication.processEvents()
    assert board.grid.horizontalScrollBar().maximum() == 0
    cards = [board.grid.column_list(s) for s in ReleaseStatus]
    assert min(c.viewport().width() for c in cards) >= 120  # still a readable card


def test_set_baseline_from_the_file_menu_and_undo(window, qtbot) -> None:
    from app.services.baseline_service import release_slip

    ws = window.workspace
    wallet = next(
        c.release for c in window.views["board"].model.cards() if c.release.name == "Wallet App"
    )
    assert not window.act_baseline.isEnabled()  # nothing selected yet
    window.open_release(wallet.id)
    window.update_plan_actions()
    assert window.act_baseline.isEnabled()
    before = release_slip(ws, wallet.id)
    with qtbot.waitSignal(window.baselines.finished, timeout=10_000):
        window.act_baseline.trigger()
        assert window.baselines.busy  # scheduling runs off the GUI thread
    assert window.statusBar().currentMessage().startswith("Baseline of 'Wallet App 2.1' set for")
    after = release_slip(ws, wallet.id)
    assert all(t.baseline_finish is not None for t in after.tasks)  # summaries too
    assert after.finish_variance_minutes == 0
    window.undo_stack.undo()
    assert [t.baseline_finish for t in release_slip(ws, wallet.id).tasks] == [
        t.baseline_finish for t in before.tasks
    ]


def test_refresh_reloads_the_view_and_the_status_bar(window) -> None:
    window.workspace.online = False  # say the last call found the server gone
    window.status.refresh()
    assert "Offline" in window.status.connection_label.text()
    window.workspace.online = True
    window.act_refresh.trigger()
    assert "Saved locally" in window.status.connection_label.text()


def test_read_only_workspace_says_so_in_the_status_bar(
    qtbot, demo_path, settings, presenter
) -> None:
    ws = Workspace.open(demo_path, user="tester", read_only=True)
    win = MainWindow(ws, settings, target=str(demo_path), presenter=presenter)
    qtbot.addWidget(win)
    try:
        assert "Read-only" in win.status.connection_label.text()
        assert "cannot be saved" in win.status.connection_label.toolTip()
    finally:
        ws.close()


def test_recent_workspaces_show_names_and_open_what_they_name(window, settings, demo_path) -> None:
    shared = "postgresql+psycopg://alice@dbhost:5432/releases?connect_timeout=5"
    settings.remember_workspace(shared)
    settings.remember_workspace(str(demo_path))
    opened: list[str] = []
    window.open_recent = opened.append  # what a click would open
    window.recent_menu.aboutToShow.emit()
    actions = {a.text(): a for a in window.recent_menu.actions()}
    assert f"demo.db — {demo_path.parent}" in actions
    shared_action = actions["releases on dbhost:5432 as alice"]
    assert shared_action.toolTip() == shared
    shared_action.trigger()
    assert opened == [shared]
