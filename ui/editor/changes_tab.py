"""Changes tab: the release's change requests, their computed impact and decisions.

A request is written in :class:`~ui.changes.request_dialog.RequestDialog`: a title,
its requester and a grid of the changes it asks for (new tasks with their links,
changed durations, scope to add or remove), each cell checked as it is typed. Under
the table, :class:`~ui.changes.impact_panel.ImpactPanel` shows what the selected
request does to the plan, worked out by the engine off the GUI thread whenever the
request or the plan changes, and its decision history. Assess, Approve and Reject ask
for a reason (Reject requires one); Implement changes the scope and the plan through
the same services as a manual edit. Every step is undoable.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from app import clock
from app.enums import ChangeRequestStatus as Status
from app.errors import ReleaseDeskError
from app.interchange.table_export import export_table
from app.services import change_request_service as requests
from app.services.change_refs import release_refs
from app.services.change_table import change_table
from app.services.plan_service import workspace_files
from app.words import count
from app.workspace import Workspace
from ui.changes.impact_panel import ImpactPanel
from ui.changes.request_dialog import ITEMS, RequestDialog
from ui.dialogs import form_dialog
from ui.dialogs.form_dialog import Field, Validator
from ui.editor.change_model import ChangeModel, ChangeView
from ui.editor.form_fields import field
from ui.editor.form_save import Apply, FormSave
from ui.editor.plan_summary import PLAN_INPUTS
from ui.editor.table_tab import RowTexts, TableTab
from ui.undo import change_commands as steps
from ui.undo.editor_commands import RowService
from ui.view_registry import ViewContext

EXPORT_FILTER = "Excel workbook (*.xlsx);;CSV file (*.csv)"
STEP_TIPS = {
    "Assess": "Compute the request's effect on the plan (the stored plan is not changed)",
    "Approve": "Approve the assessed request, with a reason if you like",
    "Reject": "Reject the request and say why",
    "Implement": "Change the scope and the plan as the approved request says",
}
REASONS = {  # the decision form's field: (label, required)
    "Assess": ("Note", False),
    "Approve": ("Reason", False),
    "Reject": ("Reason", True),
}


def _create(ws: Workspace, release_id: uuid.UUID, items: Any = (), **values: Any) -> Any:
    values.setdefault("requested_on", clock.today())
    return requests.create_change_request(ws, release_id, items=tuple(items), **values)


def _update(ws: Workspace, request_id: uuid.UUID, expected: int | None, **values: Any) -> Any:
    items = values.pop(ITEMS, None)
    return requests.update_change_request(ws, request_id, expected, items=items, **values)


def _views(ws: Workspace, release_id: uuid.UUID) -> list[ChangeView]:
    return [ChangeView(r) for r in requests.list_change_requests(ws, release_id)]


class ChangesTab(TableTab):
    """Change requests: add, edit, assess, approve or reject, implement."""

    # The impact depends on the plan; the grid refers to task rows and scope items.
    entities = frozenset(
        {"change_request", "change_item", "change_decision", "scope_item", *PLAN_INPUTS}
    )
    model_type = ChangeModel
    service = RowService(
        rows=_views,
        create=_create,
        update=_update,
        delete=requests.delete_change_request,
        restore=requests.restore_change_request,
    )
    texts = RowTexts(
        add_button="New",
        add_dialog="New change request",
        add="Add change request '{title}'",
        edit_dialog="Edit change request",
        edit="Edit change request '{row.title}'",
        remove="Remove change request '{row.title}'",
    )
    required = ("title",)

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.impact = ImpactPanel(self)
        self.layout().addWidget(self.impact)
        editable = _is(*requests.OPEN)  # a decided request is no longer edited
        self._row_buttons = [
            (b, editable if b.text() == "Edit" else enabled) for b, enabled in self._row_buttons
        ]

    def add_extra_buttons(self) -> None:
        steps_ = (
            ("Assess", "baseline", self.assess_selected, requests.OPEN),
            ("Approve", "accept", self.approve_selected, (Status.ASSESSED,)),
            ("Reject", "close", self.reject_selected, requests.OPEN),
            ("Implement", "send", self.implement_selected, (Status.APPROVED,)),
        )
        for text, icon_name, slot, allowed in steps_:
            button = self.add_button(text, icon_name, slot, enabled_for=_is(*allowed), compact=True)
            button.setToolTip(STEP_TIPS[text])
        self.add_button("Export…", "export", self.export, compact=True).setToolTip(
            "Export these change requests to a CSV or Excel file"
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_impact())

    def fields(self, row: Any = None) -> list[Field]:
        return [
            field(row, "title", "Title"),
            field(row, "requester_name", "Requester"),
            field(row, "description", "Description", "multiline"),
            Field(ITEMS, "Changes", "grid", tuple(row.items) if row is not None else ()),
        ]

    def edit_selected(self, values: dict[str, Any] | None = None) -> bool:
        """Edit a submitted or assessed request (also on double-click); a decided one
        is left as it was decided."""
        row = self.selected()
        if row is None or row.request.status not in requests.OPEN:
            return False
        return super().edit_selected(values)

    def ask_and_apply(
        self, title: str, fields: list[Field], apply: Apply, validate: Validator | None = None
    ) -> bool:
        """The request form with its grid of changes; saved while open, as the base does."""
        assert self.release is not None
        [grid] = [f for f in fields if f.name == ITEMS]
        plain = [f for f in fields if f.name != ITEMS]
        save = FormSave(apply, self.ctx.runner.report)
        refs = release_refs(self.ctx.workspace, self.release.id)
        dialog = RequestDialog(title, plain, refs, grid.value, self, validate or self.check, save)
        dialog.exec()
        dialog.deleteLater()
        return save.applied

    def after_reload(self) -> None:
        rows = self.model.rows()
        waiting = sum(r.request.status in requests.OPEN for r in rows)
        self.show_summary(
            f"{count(len(rows), 'change request')}, {waiting} waiting for a decision. "
            "Select one to see what it does to the plan; Assess records that."
        )
        self._show_impact()

    def _show_impact(self) -> None:
        row = self.selected()
        self.impact.show_request(self.ctx.workspace, row.request if row is not None else None)

    def close_workspace(self) -> None:
        """Let an impact under way finish before the workspace closes."""
        self.impact.close_workspace()

    def export(self) -> None:
        """Ask for a file and write the listed requests to it."""
        path, _ = QFileDialog.getSaveFileName(
            self, "Export change requests", "Change requests.xlsx", EXPORT_FILTER
        )
        if path:
            try:
                self.export_to(path)
            except ReleaseDeskError as exc:
                self.ctx.runner.report(exc)

    def export_to(self, path: str) -> None:
        """Write the listed requests, in this order, to ``path`` (CSV or XLSX)."""
        headers, cells = change_table(v.request for v in self.model.rows())
        protected = workspace_files(self.ctx.workspace)
        # The save dialog asked before replacing a file.
        export_table(
            path, headers, cells, title="Change requests", replace=True, protected=protected
        )

    # -- steps -----------------------------------------------------------------------
    def _reason(self, verb: str, row: ChangeView) -> str | None:
        """The decision form: a note or reason (required to reject); None if cancelled."""
        label, required = REASONS[verb]
        fields = [Field("reason", label, "multiline", required=required)]
        values = form_dialog.ask(f"{verb} '{row.title}'", fields, self)
        return None if values is None else values["reason"]

    def assess_selected(self, note: str | None = None) -> bool:
        """Compute the selected request's impact and record it, with a note."""
        row = self.selected()
        if row is None:
            return False
        note = self._reason("Assess", row) if note is None else note
        return note is not None and self.run(steps.assess(self.ctx.workspace, row, note))

    def approve_selected(self, reason: str | None = None) -> bool:
        return self._decide(True, reason)

    def reject_selected(self, reason: str | None = None) -> bool:
        return self._decide(False, reason)

    def _decide(self, approve: bool, reason: str | None) -> bool:
        row = self.selected()
        if row is None:
            return False
        reason = self._reason("Approve" if approve else "Reject", row) if reason is None else reason
        return reason is not None and self.run(
            steps.decide(self.ctx.workspace, row, approve, reason)
        )

    def implement_selected(self) -> bool:
        """Change the scope and plan as the approved request says; undoable."""
        row = self.selected()
        return row is not None and self.run(steps.implement(self.ctx.workspace, row))


def _is(*statuses: Status) -> Any:
    return lambda view: view.request.status in statuses
