"""View-menu choices about how things look: the board's swimlanes (the same toggle as
the board's button) and the theme (System, Light, Dark), remembered in the settings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from ui.icons import icon
from ui.settings import Settings
from ui.theme import THEMES, apply_theme

THEME_TITLES = {"system": "System", "light": "Light", "dark": "Dark"}


class DisplayActions:
    """Adds Swimlanes and Theme ▸ to ``menu``; ``board`` gives the board view (built on
    demand), whose filter bar holds the swimlanes button the action mirrors."""

    def __init__(
        self, menu: QMenu, settings: Settings, board: Callable[[], QWidget], parent: QWidget
    ) -> None:
        self._settings = settings
        self._board = board
        self.swimlanes = QAction(icon("swimlanes"), "Swimlanes", parent, checkable=True)
        self.swimlanes.setStatusTip("Split the planning board in one row per domain")
        self.swimlanes.triggered.connect(self._on_swimlanes_triggered)
        menu.addAction(self.swimlanes)
        menu.aboutToShow.connect(self._on_menu_about_to_show)
        themes = menu.addMenu("Theme")
        self.themes = QActionGroup(parent)
        self.themes.setExclusive(True)
        for value, title in THEME_TITLES.items():
            action = themes.addAction(title)
            action.setCheckable(True)
            action.setData(value)
            action.setChecked(value == settings.theme())
            self.themes.addAction(action)
        self.themes.triggered.connect(self._on_themes_triggered)

    def theme_action(self, value: str) -> QAction:
        return next(a for a in self.themes.actions() if a.data() == value)

    def _lanes_button(self):
        return self._board().filter_bar.lanes  # type: ignore[attr-defined]

    def _on_menu_about_to_show(self) -> None:
        self.swimlanes.setChecked(self._settings.flag("board/swimlanes"))

    def _on_swimlanes_triggered(self, on: bool) -> None:
        self._lanes_button().setChecked(on)

    def _on_themes_triggered(self, action: QAction) -> None:
        value = str(action.data())
        self._settings.set_theme(value)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        apply_theme(app, THEMES[value])
