"""Every action by keyboard (issue 11 §3): Tab and F6 walk every pane and come back,
Esc clears the filter or closes the editor, Ctrl+S saves, the sheet lists the keys."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.services import release_service
from tests.ui.modal_driver import when_modal_opens

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def keyed(window, qtbot):
    """The demo window, active, with a release open in the editor."""
    window.activateWindow()
    qtbot.waitActive(window)
    board = window.view("board")
    window.open_release(board.model.cards()[0].release.id)
    qtbot.waitUntil(window.editor.isVisible)
    return window


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> QWidget:
    """Press ``key`` where the focus is, as a user does; the widget focused after."""
    qtbot.keyClick(window.focusWidget() or window, key, modifier)
    return window.focusWidget()


def pane_of(window, widget: QWidget | None) -> str:
    board = window.view("board")
    for name, pane in (
        ("navigation", window.navigation),
        ("filter", board.filter_bar),
        ("board", board.grid),
        ("editor", window.editor),
    ):
        if widget is pane or (widget is not None and pane.isAncestorOf(widget)):
            return name
    return f"elsewhere: {type(widget).__name__}"


def test_tab_walks_every_pane_once_and_returns(keyed, qtbot) -> None:
    keyed.navigation.setFocus()
    walk = [keyed.focusWidget()]
    for _ in range(40):
        walk.append(press(qtbot, keyed, Qt.Key.Key_Tab))
        if walk[-1] is walk[0]:
            break
    panes = [pane_of(keyed, w) for w in walk]
    # Each field is one stop (no date section or text box keeps Tab), the board's
    # cards are one stop, and the walk comes back where it began.
    assert all(a is not b for a, b in itertools.pairwise(walk)), panes
    assert sum(pane_of(keyed, w) == "board" for w in walk) == 1
    order = [p for n, p in enumerate(panes) if n == 0 or panes[n - 1] != p]
    assert order == ["navigation", "filter", "board", "editor", "navigation"]
    assert walk[-1] is walk[0]
    # Shift+Tab goes back the same way.
    back = [press(qtbot, keyed, Qt.Key.Key_Backtab) for _ in walk[1:]]
    assert back == list(reversed(walk[:-1]))


def test_f6_moves_between_panes_and_around(keyed, qtbot) -> None:
    keyed.navigation.setFocus()
    seen = [pane_of(keyed, press(qtbot, keyed, Qt.Key.Key_F6)) for _ in range(4)]
    assert seen == ["filter", "board", "editor", "navigation"]
    back = [
        pane_of(keyed, press(qtbot, keyed, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier))
        for _ in range(4)
    ]
    assert back == ["editor", "board", "filter", "navigation"]


def test_ctrl_number_shows_a_view_and_its_pane_takes_f6(keyed, qtbot) -> None:
    keyed.editor.details.name.setFocus()
    press(qtbot, keyed, Qt.Key.Key_1, CTRL)
    assert keyed.current_view() is keyed.view("board")
    assert pane_of(keyed, press(qtbot, keyed, Qt.Key.Key_F6)) == "navigation"


def test_esc_clears_the_filter_then_closes_the_editor(keyed, qtbot) -> None:
    board = keyed.view("board")
    shown = sum(board.grid.count(s) for s in board.grid.statuses)
    board.filter_bar.text.setFocus()
    qtbot.keyClicks(board.filter_bar.text, "Wallet")
    assert sum(board.grid.count(s) for s in board.grid.statuses) < shown

    press(qtbot, keyed, Qt.Key.Key_Escape)
    assert board.filter_bar.text.text() == ""
    assert sum(board.grid.count(s) for s in board.grid.statuses) == shown
    assert keyed.editor.isVisible()  # the first Esc only cleared the filter

    keyed.editor.details.name.setFocus()
    after = press(qtbot, keyed, Qt.Key.Key_Escape)
    assert not keyed.editor.isVisible()
    assert not keyed.act_editor.isChecked()
    assert pane_of(keyed, after) == "board"  # the focus goes back to the cards


def test_ctrl_s_saves_what_was_typed(keyed, qtbot) -> None:
    details = keyed.editor.details
    release_id = keyed.editor.release.id
    details.name.setFocus()
    qtbot.keyClick(details.name, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(details.name, "Renamed by keyboard")
    press(qtbot, keyed, Qt.Key.Key_S, CTRL)
    assert release_service.get_release(keyed.workspace, release_id).name == "Renamed by keyboard"
    assert not details.is_dirty()
    assert "Saved Renamed by keyboard" in keyed.statusBar().currentMessage()


def test_the_shortcuts_sheet_lists_every_action_with_a_key(keyed, qtbot) -> None:
    from PySide6.QtGui import QAction

    from ui.dialogs.shortcuts_dialog import ShortcutsDialog, action_text, keys_text

    sheets: list[list[tuple[str, str]]] = []

    def read_the_sheet(sheet: ShortcutsDialog) -> None:
        sheets.append(sheet.rows())
        sheet.reject()

    when_modal_opens(ShortcutsDialog, read_the_sheet)
    press(qtbot, keyed, Qt.Key.Key_Slash, CTRL)  # Help > Keyboard shortcuts

    [rows] = sheets
    keyed_actions = [a for a in keyed.findChildren(QAction) if a.shortcuts()]
    assert len(keyed_actions) >= 12
    for action in keyed_actions:
        assert (action_text(action), keys_text(action)) in rows
    texts = dict(rows)
    assert texts["Next pane"] == "F6"
    assert texts["Save release"] == "Ctrl+S"
    assert texts["Planning board"] == "Ctrl+1"
    assert texts["Delete the release"] == "Del"  # the board's own keys too
    assert keyed.keys.act_shortcuts in keyed.menuBar().actions()[-1].menu().actions()


def test_tab_leaves_every_editor_tab(keyed, qtbot) -> None:
    tabs = keyed.editor.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        tabs.tabBar().setFocus()
        walk = [press(qtbot, keyed, Qt.Key.Key_Tab) for _ in range(14)]
        panes = [pane_of(keyed, w) for w in walk]
        assert "navigation" in panes, f"Tab stays in {tabs.tabText(index)}: {panes}"
        assert all(a is not b for a, b in itertools.pairwise(walk)), tabs.tabText(index)
