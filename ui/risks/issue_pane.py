"""The issue log pane: every live issue, overdue ones tinted; raise, edit, resolve."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from app.services import issue_service as iss
from app.services.issue_service import IssueRow
from app.services.log_tables import issue_table
from ui.risks.link_actions import edit_affected
from ui.risks.log_forms import issue_form
from ui.risks.log_models import IssueTableModel
from ui.risks.log_pane import LogPane
from ui.undo import risk_commands as cmd
from ui.view_registry import ViewContext


class IssuePane(LogPane):
    """The issue table with its actions; unresolved first, by due date."""

    noun = "issue"
    search_hint = "Search title or action"
    actions = (("resolve", "Resolve"), ("link_affected", "Affects…"))
    concerns = frozenset({"issue", "issue_link", "risk", "release", "person"})
    table_of = issue_table
    load = iss.list_issues
    form = issue_form
    commands = cmd.add_issue, cmd.edit_issue, cmd.delete_issue

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, IssueTableModel(), sort_column=4, descending=False, parent=parent)
        self.open_only = QCheckBox("Unresolved only")
        bar = self.action_bar()
        bar.insertWidget(0, self.search, 2)
        bar.insertWidget(1, self.open_only)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.table.accepts = self._accepts
        self.open_only.toggled.connect(self._on_filter_changed)
        self.refresh()

    def _accepts(self, row: IssueRow) -> bool:
        if self.open_only.isChecked() and row.status not in iss.UNRESOLVED:
            return False
        needle = self.search.text().strip().lower()
        return not needle or needle in row.title.lower() or needle in row.corrective_action.lower()

    def apply_filter(self) -> None:
        super().apply_filter()
        overdue = sum(1 for r in self.model.rows() if r.overdue)
        self.count.setText(f"{self.model.rowCount()} issues · {overdue} overdue")

    def enable_actions(self, row: Any | None) -> None:
        self.buttons["link_affected"].setEnabled(row is not None)
        self.buttons["resolve"].setEnabled(row is not None and row.status in iss.UNRESOLVED)

    def resolve(self) -> None:
        row = self.table.current()
        if row is not None and row.status in iss.UNRESOLVED:
            self.run(cmd.resolve_issue(self.ctx.workspace, row))

    def link_affected(self) -> None:
        """Tick the tasks and deployments of its release the selected issue affects."""
        row = self.table.current()
        if row is not None:
            edit_affected(self.ctx, row, self)
