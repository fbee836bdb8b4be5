"""The editor's Package tab: the items above, the compatibility rules below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from ui.editor.package_tab import PackageTab
from ui.editor.rules_tab import RulesTab
from ui.view_registry import ViewContext


class PackagePanel(QWidget):
    """Two table tabs in a splitter; the editor reloads each like its other tabs."""

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = PackageTab(ctx)
        self.rules = RulesTab(ctx)
        for tab in (self.items, self.rules):  # headers sit over their left-aligned values
            tab.table.horizontalHeader().setDefaultAlignment(
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            )
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.items)
        splitter.addWidget(self.rules)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
