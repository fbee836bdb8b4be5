"""Keys that work across the window: F6 between panes, Esc to clear or close,
Ctrl+S to save the editor, and the sheet that lists every shortcut.

The panes, in F6 order: the navigation, the current view's panes (a view may offer
``panes()``, e.g. the board's filter bar and cards; otherwise the view is one pane),
then the release editor while it shows. A view may offer ``handle_escape()`` (True
when Esc was used, e.g. to clear a filter that has focus); otherwise Esc closes the
editor.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from ui.icons import icon


class PanedWindow(Protocol):
    """What the keys need of the main window (besides being a QMainWindow)."""

    navigation: QWidget
    editor: QWidget | None
    views: dict[str, QWidget]

    def current_view(self) -> QWidget | None: ...


def focus_first(pane: QWidget) -> bool:
    """Focus the first widget inside ``pane`` that Tab would reach; False if none."""
    if _takes_tab(pane):
        pane.setFocus(Qt.FocusReason.TabFocusReason)
        return True
    widget = pane.nextInFocusChain()
    while widget is not pane and pane.isAncestorOf(widget):
        if _takes_tab(widget):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        widget = widget.nextInFocusChain()
    # Children added after the pane continue the chain elsewhere: look at them all.
    for child in pane.findChildren(QWidget):
        if _takes_tab(child):
            child.setFocus(Qt.FocusReason.TabFocusReason)
            return True
    return False


def _view_panes(view: QWidget) -> list[QWidget]:
    return list(view.panes()) if hasattr(view, "panes") else [view]


def _takes_tab(widget: QWidget) -> bool:
    return (
        bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.isVisible()
        and widget.isEnabled()
    )


class WindowKeys(QObject):
    """The window-wide keyboard actions of the main window."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.shell: PanedWindow = window  # type: ignore[assignment]
        self.act_next_pane = self._action("Next pane", "F6", lambda: self.cycle(1))
        self.act_previous_pane = self._action("Previous pane", "Shift+F6", lambda: self.cycle(-1))
        self.act_escape = self._action("Clear the filter or close the editor", "Esc", self.escape)
        self.act_save = self._action(
            "Save release", QKeySequence.StandardKey.Save, self.save, "accept"
        )
        self.act_shortcuts = self._action("Keyboard shortcuts", "Ctrl+/", self.show_shortcuts)
        self.act_shortcuts.setMenuRole(QAction.MenuRole.NoRole)

    def _action(self, text: str, keys, slot, icon_name: str = "") -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(keys))
        action.setStatusTip(text)
        if icon_name:
            action.setIcon(icon(icon_name))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)  # works while no menu shows it (Esc)
        return action

    # -- panes ---------------------------------------------------------------------------
    def panes(self) -> list[QWidget]:
        """The panes in F6 order (only those showing)."""
        win = self.shell
        found: list[QWidget] = [win.navigation]
        view = win.current_view()
        if view is not None:
            found.extend(_view_panes(view))
        if win.editor is not None and win.editor.isVisible():
            found.append(win.editor.tabs.tabBar())  # type: ignore[attr-defined]
        return [p for p in found if p.isVisible()]

    def current_pane(self, panes: Sequence[QWidget]) -> int:
        """Index of the pane holding the focus (-1: none)."""
        focus = self.window.focusWidget()
        editor = self.shell.editor
        for i, pane in enumerate(panes):
            holder = editor if editor is not None and editor.isAncestorOf(pane) else pane
            if focus is not None and (focus is holder or holder.isAncestorOf(focus)):
                return i
        return -1

    def cycle(self, step: int) -> None:
        """Move the focus to the next (``step`` 1) or previous (-1) pane, wrapping."""
        panes = self.panes()
        if not panes:
            return
        here = self.current_pane(panes)
        start = here if here >= 0 else (-1 if step > 0 else 0)
        for n in range(1, len(panes) + 1):
            if focus_first(panes[(start + step * n) % len(panes)]):
                return

    # -- Esc and Ctrl+S ------------------------------------------------------------------
    def escape(self) -> None:
        """Clear what the view's focused find/filter holds, else close the editor."""
        view = self.shell.current_view()
        if view is not None and hasattr(view, "handle_escape") and view.handle_escape():
            return
        editor = self.shell.editor
        if editor is not None and editor.isVisible():
            had_focus = editor.isAncestorOf(self.window.focusWidget())
            editor.closed.emit()  # type: ignore[attr-defined]
            if had_focus and view is not None:  # back to the view's main pane
                focus_first(_view_panes(view)[-1])

    def save(self) -> None:
        """Save the details form of the release in the editor."""
        editor = self.shell.editor
        bar = self.window.statusBar()
        if editor is None or not editor.isVisible() or editor.release is None:  # type: ignore[attr-defined]
            bar.showMessage("Open a release in the editor to save it.", 5_000)
            return
        details = editor.details  # type: ignore[attr-defined]
        if not details.is_dirty():
            bar.showMessage("Nothing to save: the details are as stored.", 5_000)
            return
        if details.problems():
            editor.tabs.setCurrentWidget(details)  # type: ignore[attr-defined]
        if details.save():
            bar.showMessage(f"Saved {details.row.title}.", 5_000)

    def show_shortcuts(self) -> None:
        from ui.dialogs.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.window, list(self.shell.views.values())).exec()
