"""The Risks view: the risk log (table, heat map, trend) and the issue log, as tabs.

Edits made here, elsewhere in this window or by colleagues (``ctx.hub``) refresh the
pane they concern.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.changes import Change
from ui.risks.issue_pane import IssuePane
from ui.risks.risk_pane import RiskPane
from ui.view_registry import ViewContext


class RisksView(QWidget):
    """Risk log and issue log of the whole portfolio."""

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.risks = RiskPane(ctx)
        self.issues = IssuePane(ctx)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.risks, "Risk log")
        self.tabs.addTab(self.issues, "Issue log")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 12)
        layout.addWidget(self.tabs)
        ctx.hub.changed.connect(self._on_hub_changed)

    def refresh(self) -> None:
        self.risks.refresh()
        self.issues.refresh()

    def close_workspace(self) -> None:
        self.risks.close_workspace()
        self.issues.close_workspace()

    def focus_find(self) -> None:
        pane = self.tabs.currentWidget()
        pane.search.setFocus()  # type: ignore[attr-defined]

    def _on_hub_changed(self, changes: Iterable[Change]) -> None:
        entities = {c.entity for c in changes}
        self.risks.on_changes(entities)
        self.issues.on_changes(entities)
