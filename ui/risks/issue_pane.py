"""The issue log pane: every live issue, overdue ones tinted; raise, edit, resolve."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ReleaseDeskError
from app.services import issue_service as iss
from app.services import people_service, release_service
from app.services.issue_service import IssueRow
from app.services.log_tables import issue_table
from app.services.plan_service import workspace_files
from ui.risks.link_actions import edit_affected
from ui.risks.log_forms import changed_values, issue_form
from ui.risks.log_models import IssueTableModel
from ui.risks.log_table import LogTable
from ui.undo import risk_commands as cmd
from ui.view_registry import ViewContext


class IssuePane(QWidget):
    """The issue table with its actions; unresolved first, by due date."""

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit(placeholderText="Search title or action", clearButtonEnabled=True)
        self.open_only = QCheckBox("Unresolved only")
        self.model = IssueTableModel()
        self.table = LogTable(self.model, sort_column=4, descending=False)
        self.count = QLabel()
        self.buttons = {
            name: QPushButton(text)
            for name, text in (
                ("add", "New issue…"),
                ("edit", "Edit…"),
                ("resolve", "Resolve"),
                ("affects", "Affects…"),
                ("delete", "Delete"),
                ("export", "Export…"),
            )
        }
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.open_only)
        for name in ("add", "edit", "resolve", "affects", "delete"):
            bar.addWidget(self.buttons[name])
        bar.addStretch(1)
        bar.addWidget(self.count)
        bar.addWidget(self.buttons["export"])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.search.textChanged.connect(self._apply)
        self.open_only.toggled.connect(self._apply)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.selectionModel().selectionChanged.connect(self._enable)
        for name, slot in (
            ("add", self.add),
            ("edit", self.edit),
            ("resolve", self.resolve),
            ("affects", self.link_affected),
            ("delete", self.delete),
            ("export", self.export),
        ):
            self.buttons[name].clicked.connect(slot)
        self.refresh()

    def refresh(self) -> None:
        try:
            rows = iss.list_issues(self.ctx.workspace)
        except ReleaseDeskError as exc:
            self.ctx.runner.report(exc)
            return
        self.table.show_rows(rows)
        self._apply()

    def _accepts(self, row: IssueRow) -> bool:
        if self.open_only.isChecked() and row.status not in iss.UNRESOLVED:
            return False
        needle = self.search.text().strip().lower()
        return not needle or needle in row.title.lower() or needle in row.corrective_action.lower()

    def _apply(self, *_args: object) -> None:
        self.table.accepts = self._accepts
        self.table.apply()
        overdue = sum(1 for r in self.model.rows() if r.overdue)
        self.count.setText(f"{self.model.rowCount()} issues · {overdue} overdue")
        self._enable()

    def _enable(self, *_args: object) -> None:
        row = self.table.current()
        for name in ("edit", "affects", "delete"):
            self.buttons[name].setEnabled(row is not None)
        self.buttons["resolve"].setEnabled(row is not None and row.status in iss.UNRESOLVED)

    def _form(self, row: IssueRow | None):  # type: ignore[no-untyped-def]
        ws = self.ctx.workspace

        def submit(values: dict) -> str | None:
            command = (
                cmd.add_issue(ws, values)
                if row is None
                else cmd.edit_issue(ws, row, changed_values(row, values))
            )
            refused: list[str] = []
            self.ctx.runner.run(command, on_error=lambda e: refused.append(str(e)))
            return refused[0] if refused else None

        releases = release_service.list_releases(ws)
        return issue_form(releases, people_service.list_people(ws), row, submit, self)

    def add(self) -> None:
        self._form(None).exec()

    def edit(self) -> None:
        row = self.table.current()
        if row is not None:
            self._form(row).exec()

    def resolve(self) -> None:
        row = self.table.current()
        if row is not None and row.status in iss.UNRESOLVED:
            self.ctx.runner.run(cmd.resolve_issue(self.ctx.workspace, row))

    def link_affected(self) -> None:
        row = self.table.current()
        if row is not None:
            edit_affected(self.ctx, row, self)

    def delete(self) -> None:
        row = self.table.current()
        if row is not None:
            self.ctx.runner.run(cmd.delete_issue(self.ctx.workspace, row))

    def export(self) -> None:
        try:
            self.table.export(self, issue_table, "Issues", workspace_files(self.ctx.workspace))
        except ReleaseDeskError as exc:
            self.ctx.runner.report(exc)

    def on_changes(self, entities: Iterable[str]) -> None:
        if set(entities) & {"issue", "issue_link", "risk", "release", "person"}:
            self.refresh()
