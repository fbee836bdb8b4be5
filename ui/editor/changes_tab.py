"""Changes tab: the release's change requests, their computed impact and decisions.

A request is written as a title, its requester and its changes, one a line
(:mod:`app.services.change_text`: ``add task: Fraud rules, 3d, after 4, before 5``),
checked at the field against the release's task rows and scope. Assess asks the
engine for the impact of a what-if copy of the plan and shows its sentence above the
table; Approve and Reject record a reason; Implement changes the scope and the plan
through the same services as a manual edit. Every step is undoable.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QFileDialog

from app import clock
from app.enums import ChangeRequestStatus as Status
from app.errors import ReleaseDeskError
from app.interchange.table_export import export_table
from app.services import change_request_service as requests
from app.services.change_table import change_table
from app.services.change_text import EXAMPLE, ReleaseRefs, release_refs
from app.services.plan_service import workspace_files
from app.words import count
from app.workspace import Workspace
from ui.dialogs import form_dialog
from ui.dialogs.form_dialog import Field
from ui.editor.change_model import ChangeModel, ChangeView
from ui.editor.form_fields import field
from ui.editor.table_tab import RowTexts, TableTab
from ui.undo import change_commands as steps
from ui.undo.editor_commands import RowService

EXPORT_FILTER = "Excel workbook (*.xlsx);;CSV file (*.csv)"
STEP_TIPS = {
    "Assess": "Compute the request's effect on the plan (the stored plan is not changed)",
    "Approve": "Approve the assessed request, with a reason if you like",
    "Reject": "Reject the request and say why",
    "Implement": "Change the scope and the plan as the approved request says",
}


def _refs(ws: Workspace, release_id: uuid.UUID) -> ReleaseRefs:
    return release_refs(ws, release_id)


def _create(ws: Workspace, release_id: uuid.UUID, changes: str = "", **values: Any) -> Any:
    items = _refs(ws, release_id).parse(changes or "")
    values.setdefault("requested_on", clock.today())
    return requests.create_change_request(ws, release_id, items=items, **values)


def _update(ws: Workspace, request_id: uuid.UUID, expected: int | None, **values: Any) -> Any:
    changes = values.pop("changes", None)
    items = None
    if changes is not None:
        release_id = requests.get_change_request(ws, request_id).release_id
        items = _refs(ws, release_id).parse(changes)
    return requests.update_change_request(ws, request_id, expected, items=items, **values)


def _views(ws: Workspace, release_id: uuid.UUID) -> list[ChangeView]:
    refs = _refs(ws, release_id)
    return [
        ChangeView(r, refs.text(r.items)) for r in requests.list_change_requests(ws, release_id)
    ]


class ChangesTab(TableTab):
    """Change requests: add, edit, assess, approve or reject, implement."""

    # Task rows and scope items are what a request's lines refer to.
    entities = frozenset({"change_request", "change_item", "change_decision", "task", "scope_item"})
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
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.after_reload())

    def fields(self, row: Any = None) -> list[Field]:
        return [
            field(row, "title", "Title"),
            field(row, "requester_name", "Requester"),
            field(row, "description", "Description", "multiline"),
            field(row, "changes", "Changes", "multiline"),
        ]

    def check(self, values: dict[str, Any]) -> Mapping[str, str]:
        if self.release is None or not values.get("changes"):
            return {}
        try:
            _refs(self.ctx.workspace, self.release.id).parse(values["changes"])
        except ReleaseDeskError as exc:
            return {"changes": f"{exc} One change a line, e.g. '{EXAMPLE}'."}
        return {}

    def after_reload(self) -> None:
        rows = self.model.rows()
        row = self.selected()
        if row is not None and row.request.impact:
            self.show_summary(f"<b>{html.escape(row.title)}</b>: {html.escape(row.request.impact)}")
            return
        waiting = sum(r.request.status in requests.OPEN for r in rows)
        self.show_summary(
            f"{count(len(rows), 'change request')}, {waiting} waiting for a decision. "
            "Assess computes a request's effect on the plan without changing it."
        )

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
    def assess_selected(self) -> bool:
        """Compute the selected request's impact and record it; the banner shows it."""
        row = self.selected()
        return row is not None and self.run(steps.assess(self.ctx.workspace, row))

    def approve_selected(self, reason: str | None = None) -> bool:
        return self._decide(True, reason)

    def reject_selected(self, reason: str | None = None) -> bool:
        return self._decide(False, reason)

    def _decide(self, approve: bool, reason: str | None) -> bool:
        row = self.selected()
        if row is None:
            return False
        if reason is None:
            verb = "Approve" if approve else "Reject"
            fields = [Field("reason", "Reason", "multiline", required=not approve)]
            values = form_dialog.ask(f"{verb} '{row.title}'", fields, self)
            if values is None:
                return False
            reason = values["reason"]
        return self.run(steps.decide(self.ctx.workspace, row, approve, reason))

    def implement_selected(self) -> bool:
        """Change the scope and plan as the approved request says; undoable."""
        row = self.selected()
        return row is not None and self.run(steps.implement(self.ctx.workspace, row))


def _is(*statuses: Status) -> Any:
    return lambda view: view.request.status in statuses
