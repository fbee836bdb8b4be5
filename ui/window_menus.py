"""The main window's menu bar and tool bar, built from its actions and the view registry.

The window is :class:`ui.main_window.MainWindow` (not imported: it imports this module).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow

from ui.icons import icon
from ui.view_menu import DisplayActions


def build_menus(window: QMainWindow) -> None:
    """The menu bar: File, Edit, View (one entry per registered view), Help."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    # Selection, view, editor and transfers keep Import/Export current; opening
    # the menu checks once more (cheap).
    file_menu.aboutToShow.connect(window.update_plan_actions)
    file_menu.addActions([window.act_new_release, window.act_new_ws, window.act_open])
    file_menu.addAction(window.act_connect)
    window.recent_menu = file_menu.addMenu("Recent workspaces")
    window.recent_menu.aboutToShow.connect(window.on_recent_menu_about_to_show)
    file_menu.addSeparator()
    file_menu.addAction(window.keys.act_save)
    file_menu.addSeparator()
    file_menu.addActions([window.act_import, window.act_export, window.act_export_chart])
    file_menu.addAction(window.act_baseline)
    file_menu.addSeparator()
    file_menu.addActions([window.calendar_files.act_export, window.calendar_files.act_import])
    file_menu.addSeparator()
    file_menu.addAction(window.act_quit)
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([window.act_undo, window.act_redo])
    edit_menu.addSeparator()
    edit_menu.addAction(window.act_find)
    edit_menu.addSeparator()
    environments = edit_menu.addAction("Environments…")
    environments.setStatusTip("Add, rename, reorder or remove the environments of the workspace")
    environments.triggered.connect(lambda _c=False: _show_environments(window))
    window.view_menu = bar.addMenu("&View")
    for n, spec in enumerate(window.registry.specs()):
        act = window.view_menu.addAction(icon(spec.icon), spec.title)
        if n < 9:
            act.setShortcut(QKeySequence(f"Ctrl+{n + 1}"))
        act.triggered.connect(lambda _c=False, vid=spec.id: window.show_view(vid))
    window.view_menu.addSeparator()
    window.view_menu.addActions([window.act_editor, window.act_refresh])
    window.view_menu.addSeparator()
    window.display = DisplayActions(
        window.view_menu, window.settings, lambda: window.show_view("board"), window
    )
    window.view_menu.addSeparator()
    window.view_menu.addActions([window.keys.act_next_pane, window.keys.act_previous_pane])
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(window.keys.act_shortcuts)
    help_menu.addAction(window.act_about)


def build_toolbar(window: QMainWindow) -> None:
    """The main tool bar: workspace, undo/redo, find and refresh."""
    bar = window.addToolBar("Main")
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    bar.setIconSize(QSize(18, 18))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.addActions([window.act_new_release, window.act_open, window.act_connect])
    bar.addSeparator()
    bar.addActions([window.act_undo, window.act_redo])
    bar.addSeparator()
    bar.addActions([window.act_find, window.act_refresh])


def _show_environments(window: QMainWindow) -> None:
    from ui.editor.environments_dialog import show_environments  # loaded when first used

    show_environments(window.context(), window)  # type: ignore[attr-defined]
