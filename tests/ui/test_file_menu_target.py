"""File → Export plan and Set baseline act on the release the user is looking at: the
one in the editor while the editor has focus, else the card selected on the board; the
menu names it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.services.baseline_service import release_slip
from app.services.release_service import list_releases


def _two_planned_releases(window):
    planned = [
        r for r in list_releases(window.workspace) if release_slip(window.workspace, r.id).tasks
    ]
    return planned[0], planned[1]


def _open_file_menu(window) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    menu.aboutToShow.emit()
    return [a.text() for a in menu.actions()]


def _focus(qtbot, window, widget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_with_the_editor_focused_the_file_menu_acts_on_the_editors_release(window, qtbot) -> None:
    on_board, in_editor = _two_planned_releases(window)
    board = window.view("board")
    assert board.grid.select_release(on_board.id)
    window.open_release(in_editor.id)
    _focus(qtbot, window, window.editor.details.name)
    texts = _open_file_menu(window)
    assert f"Set baseline for {in_editor.title}" in texts
    assert f"Export plan of {in_editor.title}…" in texts
    with qtbot.waitSignal(window.baselines.finished, timeout=10_000):
        window.act_baseline.trigger()
    assert release_slip(window.workspace, in_editor.id).tasks[0].baseline_finish is not None
    assert release_slip(window.workspace, on_board.id).tasks[0].baseline_finish is None


def test_with_the_board_focused_the_file_menu_acts_on_the_selected_card(window, qtbot) -> None:
    on_board, in_editor = _two_planned_releases(window)
    board = window.view("board")
    window.open_release(in_editor.id)
    assert board.grid.select_release(on_board.id)
    _focus(qtbot, window, board.grid.column_list(on_board.status))
    assert f"Set baseline for {on_board.title}" in _open_file_menu(window)
    assert window.selected_release_id() == on_board.id


def test_with_nothing_to_act_on_the_menu_names_no_release(window) -> None:
    texts = _open_file_menu(window)
    assert "Set baseline" in texts and "Export plan…" in texts
    assert not window.act_baseline.isEnabled()
