"""Stakeholders tab: who is involved and whose sign-off gates approval."""

from __future__ import annotations

import uuid
from typing import Any

from app.services import people_service
from app.services import signoff_service as signoffs
from ui.dialogs import form_dialog
from ui.dialogs.form_dialog import Field
from ui.editor.stakeholder_model import StakeholderModel
from ui.editor.table_tab import TableTab
from ui.undo import editor_commands as cmd
from ui.view_registry import ViewContext


class StakeholderTab(TableTab):
    entities = frozenset({"release_stakeholder"})

    def __init__(self, ctx: ViewContext, parent: Any = None) -> None:
        super().__init__(ctx, StakeholderModel(), parent)
        self.add_button("Add stakeholder", "add", self.add_stakeholder)
        self.add_button("Edit", "edit", self.edit_selected, needs_row=True)
        self.add_button("Remove", "delete", self.delete_selected, needs_row=True)
        self.finish_buttons()

    def fetch(self, release_id: uuid.UUID) -> list[Any]:
        return signoffs.list_stakeholders(self.ctx.workspace, release_id)

    def after_reload(self) -> None:
        required = sum(1 for r in self.model.rows() if r.signoff_required)
        self.show_summary(
            f"{self.model.rowCount()} stakeholder(s); {required} must sign off the scope "
            "before the release can be Approved."
        )

    def add_stakeholder(self, values: dict[str, Any] | None = None) -> bool:
        assert self.release is not None
        if values is None:
            people = people_service.list_people(self.ctx.workspace)
            values = form_dialog.ask(
                "Add stakeholder",
                [
                    Field("person_id", "Person", "choice", None, [(p.name, p.id) for p in people]),
                    Field("role", "Role", value="Business owner"),
                    Field("signoff_required", "Sign-off required", "bool", True),
                ],
                self,
            )
        if not values:
            return False
        ws, rid = self.ctx.workspace, self.release.id
        return self.run(
            cmd.add(
                "Add stakeholder",
                lambda: signoffs.add_stakeholder(
                    ws,
                    rid,
                    values["person_id"],
                    values["role"],
                    signoff_required=values["signoff_required"],
                ),
                lambda i: signoffs.remove_stakeholder(ws, i),
                lambda i: signoffs.restore_stakeholder(ws, i),
            )
        )

    def edit_selected(self, values: dict[str, Any] | None = None) -> bool:
        row = self.selected()
        if row is None:
            return False
        values = values or form_dialog.ask(
            f"Edit {row.person_name}",
            [
                Field("role", "Role", value=row.role),
                Field("signoff_required", "Sign-off required", "bool", row.signoff_required),
            ],
            self,
        )
        changed = {k: v for k, v in (values or {}).items() if getattr(row, k) != v}
        if not changed:
            return False
        ws, rid = self.ctx.workspace, row.release_id
        return self.run(
            cmd.edit(
                f"Edit stakeholder {row.person_name}",
                row,
                lambda i, exp, **v: signoffs.update_stakeholder(ws, i, exp, **v),
                lambda: signoffs.list_stakeholders(ws, rid),
                **changed,
            )
        )

    def delete_selected(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        ws = self.ctx.workspace
        return self.run(
            cmd.remove(
                f"Remove stakeholder {row.person_name}",
                row.id,
                lambda i: signoffs.remove_stakeholder(ws, i),
                lambda i: signoffs.restore_stakeholder(ws, i),
            )
        )
