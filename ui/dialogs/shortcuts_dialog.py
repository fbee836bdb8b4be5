"""Help → Keyboard shortcuts: every action of the window that has a key, read from
the actions themselves (so the sheet cannot drift from the menus), and the keys a
view handles itself (the board's arrows, Enter, Delete) from the view."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

Row = tuple[str, str]  # what the key does, its keys as the platform writes them
Section = tuple[str, list[Row]]


def action_text(action: QAction) -> str:
    """The action's menu text without its mnemonic ampersand and trailing dots."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


def native(keys: Sequence[QKeySequence]) -> str:
    """Keys as the platform writes them, "Ctrl+S" or "⌘S"."""
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def keys_text(action: QAction) -> str:
    return native(action.shortcuts())


def shortcut_sheet(window: QMainWindow, views: Sequence[QWidget] = ()) -> list[Section]:
    """``[(title, [(action, keys), …]), …]``: menus in menu-bar order, the window's
    actions that no menu shows (e.g. Esc) under "Anywhere", then the keys of each of
    ``views`` that offers ``key_help()``."""
    sections: list[Section] = []
    seen: set[QAction] = set()

    def collect(menu: QMenu, rows: list[Row]) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                collect(action.menu(), rows)  # type: ignore[arg-type]
            elif action.shortcuts() and action not in seen:
                seen.add(action)
                rows.append((action_text(action), keys_text(action)))

    for top in window.menuBar().actions():
        menu = top.menu()
        if menu is None:
            continue
        rows: list[Row] = []
        collect(menu, rows)  # type: ignore[arg-type]
        if rows:
            sections.append((action_text(top), rows))
    rest = [
        (action_text(a), keys_text(a)) for a in window.actions() if a.shortcuts() and a not in seen
    ]
    if rest:
        sections.append(("Anywhere", rest))
    for view in views:
        if hasattr(view, "key_help"):
            title, keys = view.key_help()
            rows = [(text, native([QKeySequence(k) for k in ks.split(", ")])) for text, ks in keys]
            sections.append((title, rows))
    return sections


class ShortcutsDialog(QDialog):
    """The sheet: one section per menu (and per view with keys of its own)."""

    def __init__(
        self, window: QMainWindow, views: Sequence[QWidget] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard shortcuts")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        for title, rows in shortcut_sheet(window, views):
            section = QTreeWidgetItem(self.tree, [title])
            section.setFirstColumnSpanned(True)
            section.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = section.font(0)
            font.setBold(True)
            section.setFont(0, font)
            for text, keys in rows:
                QTreeWidgetItem(section, [text, keys])
        self.tree.expandAll()
        self.tree.setItemsExpandable(False)
        self.tree.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(self.tree.columnWidth(0) + 200, 600)

    def rows(self) -> list[Row]:
        """Every (action, keys) row the sheet shows."""
        out: list[Row] = []
        for i in range(self.tree.topLevelItemCount()):
            section = self.tree.topLevelItem(i)
            out += [
                (section.child(j).text(0), section.child(j).text(1))
                for j in range(section.childCount())
            ]
        return out
