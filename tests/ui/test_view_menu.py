"""Issue 11 §5: View → Swimlanes and View → Theme are in the menu and work."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QApplication

from ui import theme


def _view_action(window, text: str) -> QAction:
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&View"]
    found = {a.text(): a for a in menu.actions()}
    assert text in found, sorted(found)
    return found[text]


@pytest.fixture
def light_afterwards(qapp):
    yield
    theme.apply_theme(qapp, False)


def test_view_menu_toggles_the_swimlanes_like_the_board_button(window, settings) -> None:
    action = _view_action(window, "Swimlanes")
    board = window.view("board")
    assert action.isCheckable() and not board.filter_bar.lanes.isChecked()
    action.trigger()
    assert board.filter_bar.lanes.isChecked()
    assert board.grid._lanes  # one row per domain
    assert settings.flag("board/swimlanes")
    board.filter_bar.lanes.click()  # the button turns them off: the menu follows
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&View"]
    menu.aboutToShow.emit()
    assert not action.isChecked()


def test_view_theme_applies_dark_and_light_and_is_remembered(
    window, settings, light_afterwards
) -> None:
    themes = {a.text(): a for a in _view_action(window, "Theme").menu().actions()}
    assert list(themes) == ["System", "Light", "Dark"]
    themes["Dark"].trigger()
    window_colour = QApplication.palette().color(QPalette.ColorRole.Window).name()
    assert window_colour == theme.DARK.window
    assert theme.colours().dark and settings.theme() == "dark"
    # Icons drawn for the light scheme were tinted again for the dark one.
    text = QApplication.palette().color(QPalette.ColorRole.WindowText)
    assert _stroke_colour(window.act_find.icon()) == text.name()
    themes["Light"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == theme.LIGHT.window
    assert settings.theme() == "light" and themes["Light"].isChecked()


def _stroke_colour(icon) -> str:
    """The colour of the most opaque pixel of ``icon`` (its stroke)."""
    image = icon.pixmap(32).toImage()
    pixels = (image.pixelColor(x, y) for x in range(32) for y in range(32))
    best = max(pixels, key=lambda c: c.alpha())
    best.setAlpha(255)
    return best.name()
