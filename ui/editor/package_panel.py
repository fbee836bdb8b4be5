"""The editor's Package tab: the items above, the compatibility rules below."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.editor.package_tab import PackageTab
from ui.editor.rules_tab import RulesTab
from ui.saved_splitter import SavedSplitter
from ui.view_registry import ViewContext


class PackagePanel(QWidget):
    """Two table tabs in a splitter whose sizes are remembered; the editor reloads each
    like its other tabs."""

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = PackageTab(ctx)
        self.rules = RulesTab(ctx)
        # A package has a handful of rules, so they get as much room as the items.
        splitter = SavedSplitter(ctx.settings, "package_split", (self.items, self.rules), (1, 1))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
