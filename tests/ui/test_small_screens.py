"""Issue 11 §2: the window is usable on the 1280×720 screens coordinators have."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyleOptionComboBox, QToolButton

SMALL = QSize(1280, 720)


def _inside(widget, window) -> bool:
    """Whether ``widget`` shows and lies wholly inside the window."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return widget.isVisible() and window.rect().contains(QRect(top_left, widget.size()))


def test_window_with_the_editor_on_every_tab_fits_1280_by_720(window, qtbot) -> None:
    window.resize(SMALL)
    board = window.view("board")
    window.open_release(board.model.cards()[0].release.id)
    editor = window.editor
    [close] = [b for b in editor.findChildren(QToolButton) if b.toolTip() == "Close the editor"]
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        needed = window.minimumSizeHint()
        assert needed.width() <= SMALL.width(), editor.tabs.tabText(index)
        assert needed.height() <= SMALL.height(), editor.tabs.tabText(index)
        assert window.size() == SMALL
    bar = editor.tabs.tabBar()
    assert bar.usesScrollButtons() or bar.tabRect(bar.count() - 1).right() <= bar.width()
    editor.tabs.setCurrentWidget(editor.details)
    QApplication.processEvents()
    assert _inside(editor.details.save_button, window)
    assert _inside(editor.tabs, window)
    assert _inside(close, window)


def test_the_domain_filter_shows_its_longest_name_whole(window, qtbot) -> None:
    combo: QComboBox = window.view("board").filter_bar.domain
    names = [combo.itemText(i) for i in range(combo.count())]
    assert "Mobile Apps" in names  # the one the issue saw cut to "Mobile A…"
    combo.resize(combo.sizeHint())
    for i in range(combo.count()):
        combo.setCurrentIndex(i)
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        room = field.width() - combo.iconSize().width() - 4
        assert combo.fontMetrics().horizontalAdvance(names[i]) <= room, names[i]


def _new_window(qtbot, demo_path, settings, presenter):
    from app.workspace import Workspace
    from ui.main_window import MainWindow

    win = MainWindow(Workspace.open(demo_path, user="tester"), settings, presenter=presenter)
    qtbot.addWidget(win)
    return win


@pytest.mark.parametrize("saved", [QRect(2400, 1600, 3000, 2000), QRect(-900, -700, 1000, 700)])
def test_a_saved_geometry_is_restored_clamped_to_the_screen(
    window, qtbot, demo_path, settings, presenter, saved
) -> None:
    """A geometry saved on a larger monitor (or one placed left of this one)."""
    window.setGeometry(saved)
    window.save_state()
    again = _new_window(qtbot, demo_path, settings, presenter)
    try:
        assert again.screen().availableGeometry().contains(again.frameGeometry())
    finally:
        again.workspace.close()


def test_first_start_opens_at_a_size_that_fits_the_screen(
    qtbot, demo_path, settings, presenter
) -> None:
    win = _new_window(qtbot, demo_path, settings, presenter)
    screen = win.screen().availableGeometry()
    try:
        assert not win.isMaximized()
        assert screen.contains(win.frameGeometry())
        assert win.width() >= min(screen.width(), 1280) * 0.9
    finally:
        win.workspace.close()


def test_beside_the_editor_a_wide_window_shows_every_column(window, qtbot) -> None:
    """On a 1920×1080 screen (a first start takes 90 %) the editor opens at a working
    width and the board beside it keeps all seven columns without scrolling."""
    from ui.window_layout import EDITOR_WIDTH

    window.resize(1728, 972)
    board = window.view("board")
    qtbot.waitUntil(lambda: window.width() == 1728)
    window.open_release(board.model.cards()[0].release.id)
    QApplication.processEvents()
    assert window.navigation.compact  # the rail leaves the columns their room
    assert window.editor_host.width() >= EDITOR_WIDTH
    assert board.grid.horizontalScrollBar().maximum() == 0
    window.editor.closed.emit()
    QApplication.processEvents()
    assert not window.navigation.compact  # titles back once the editor is closed


def test_navigation_rows_do_not_overlap_when_titled(window, qtbot) -> None:
    """The selected row's padded background stays inside its row (it covered the
    History row's title when rows were as tall as their text)."""
    window.resize(1728, 972)
    qtbot.waitUntil(lambda: not window.navigation.compact)
    nav = window.navigation
    rows = [nav.visualItemRect(nav.item(i)) for i in range(nav.count())]
    padded = nav.iconSize().height() + 2 * 8  # the style sheet's item padding
    assert len(rows) >= 2 and all(r.height() >= padded for r in rows)
    assert all(a.bottom() < b.top() for a, b in itertools.pairwise(rows))
