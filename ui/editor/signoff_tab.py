"""Sign-offs tab: record a stakeholder's decision on the scope as it is now."""

from __future__ import annotations

import uuid
from typing import Any

from app.errors import ReleaseDeskError
from app.services import signoff_service as signoffs
from models.enums import Decision
from ui.dialogs import form_dialog
from ui.dialogs.form_dialog import Field
from ui.editor.signoff_model import SignOffModel
from ui.editor.table_tab import TableTab
from ui.undo import editor_commands as cmd
from ui.view_registry import ViewContext


class SignOffTab(TableTab):
    # Scope edits make sign-offs outdated, so they concern this tab too.
    entities = frozenset({"sign_off", "scope_item", "release_stakeholder"})

    def __init__(self, ctx: ViewContext, parent: Any = None) -> None:
        super().__init__(ctx, SignOffModel(), parent)
        self.add_button("Record decision", "accept", self.record)
        self.add_button("Withdraw", "delete", self.withdraw_selected, needs_row=True)
        self.finish_buttons()

    def fetch(self, release_id: uuid.UUID) -> list[Any]:
        return signoffs.list_signoffs(self.ctx.workspace, release_id)

    def after_reload(self) -> None:
        assert self.release is not None
        try:
            status = signoffs.signoff_status(self.ctx.workspace, self.release.id)
        except ReleaseDeskError as exc:
            self.show_summary(str(exc))
            return
        parts = [
            f"<b>{status.approved_current} of {status.required}</b> required approvals are current"
        ]
        if status.outdated:
            parts.append(f"{status.outdated} outdated by scope changes")
        if status.missing:
            parts.append("missing: " + ", ".join(status.missing))
        self.show_summary(" · ".join(parts))

    def record(self, values: dict[str, Any] | None = None) -> bool:
        assert self.release is not None
        ws, rid = self.ctx.workspace, self.release.id
        if values is None:
            people = signoffs.list_stakeholders(ws, rid)
            values = form_dialog.ask(
                "Record sign-off decision",
                [
                    Field(
                        "person_id",
                        "Stakeholder",
                        "choice",
                        None,
                        [(f"{p.person_name} ({p.role})", p.person_id) for p in people],
                    ),
                    Field(
                        "decision",
                        "Decision",
                        "choice",
                        Decision.APPROVED,
                        [(d.value.capitalize(), d) for d in Decision],
                    ),
                    Field("comment", "Comment", "multiline", ""),
                ],
                self,
            )
        if not values or values.get("person_id") is None:
            return False
        return self.run(
            cmd.add(
                f"Record {values['decision'].value} sign-off",
                lambda: signoffs.record_signoff(
                    ws, rid, values["person_id"], values["decision"], values.get("comment", "")
                ),
                lambda i: signoffs.withdraw_signoff(ws, i),
                lambda i: signoffs.restore_signoff(ws, i),
            )
        )

    def withdraw_selected(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        ws = self.ctx.workspace
        return self.run(
            cmd.remove(
                f"Withdraw sign-off of {row.person_name}",
                row.id,
                lambda i: signoffs.withdraw_signoff(ws, i),
                lambda i: signoffs.restore_signoff(ws, i),
            )
        )
