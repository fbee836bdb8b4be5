"""Communications tab: the plan (who hears what, when, how) and the log of what went out."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from app.services import handover_service as comms
from models.enums import Channel, CommunicationAudience
from ui.dialogs import form_dialog
from ui.dialogs.form_dialog import Field
from ui.editor.communication_model import CommunicationModel
from ui.editor.table_tab import TableTab
from ui.undo import editor_commands as cmd
from ui.view_registry import ViewContext


class CommunicationTab(TableTab):
    entities = frozenset({"communication"})

    def __init__(self, ctx: ViewContext, parent: Any = None) -> None:
        super().__init__(ctx, CommunicationModel(), parent)
        self.add_button("Plan message", "add", self.plan)
        self.add_button("Mark sent", "send", self.mark_sent_selected, needs_row=True)
        self.add_button("Edit", "edit", self.edit_selected, needs_row=True)
        self.add_button("Remove", "delete", self.delete_selected, needs_row=True)
        self.finish_buttons()

    def fetch(self, release_id: uuid.UUID) -> list[Any]:
        return comms.list_communications(self.ctx.workspace, release_id)

    def after_reload(self) -> None:
        rows = self.model.rows()
        sent = sum(1 for r in rows if r.sent_at)
        self.show_summary(f"{len(rows)} planned message(s), {sent} sent.")

    def _fields(self, row: Any = None) -> list[Field]:
        return [
            Field(
                "audience",
                "Audience",
                "choice",
                getattr(row, "audience", CommunicationAudience.STAKEHOLDERS),
                [(a.value.capitalize(), a) for a in CommunicationAudience],
            ),
            Field(
                "channel",
                "Channel",
                "choice",
                getattr(row, "channel", Channel.EMAIL),
                [(c.value.replace("_", " ").capitalize(), c) for c in Channel],
            ),
            Field("subject", "Subject", value=getattr(row, "subject", "")),
            Field("body", "Message", "multiline", getattr(row, "body", "")),
            Field("planned_at", "Planned for", "datetime", getattr(row, "planned_at", None)),
        ]

    def plan(self, values: dict[str, Any] | None = None) -> bool:
        assert self.release is not None
        values = values or form_dialog.ask("Plan a message", self._fields(), self)
        if not values:
            return False
        ws, rid = self.ctx.workspace, self.release.id
        return self.run(
            cmd.add(
                f"Plan message '{values['subject']}'",
                lambda: comms.plan_communication(
                    ws,
                    rid,
                    values["audience"],
                    values["channel"],
                    values["subject"],
                    body=values.get("body", ""),
                    planned_at=values.get("planned_at"),
                ),
                lambda i: comms.delete_communication(ws, i),
                lambda i: comms.restore_communication(ws, i),
            )
        )

    def edit_selected(self, values: dict[str, Any] | None = None) -> bool:
        row = self.selected()
        if row is None:
            return False
        values = values or form_dialog.ask("Edit message", self._fields(row), self)
        changed = {k: v for k, v in (values or {}).items() if getattr(row, k) != v}
        if not changed:
            return False
        ws, rid = self.ctx.workspace, row.release_id
        return self.run(
            cmd.edit(
                f"Edit message '{row.subject}'",
                row,
                lambda i, exp, **v: comms.update_communication(ws, i, exp, **v),
                lambda: comms.list_communications(ws, rid),
                **changed,
            )
        )

    def mark_sent_selected(self, sent_at: dt.datetime | None = None) -> bool:
        """Log that the message went out. A sent message cannot be unsent (and there is
        no service to clear the mark), so this edit is applied but not undoable."""
        row = self.selected()
        if row is None or row.sent_at is not None:
            return False
        return self.ctx.runner.run_once(
            lambda: comms.mark_sent(self.ctx.workspace, row.id, sent_at)
        )

    def delete_selected(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        ws = self.ctx.workspace
        return self.run(
            cmd.remove(
                f"Remove message '{row.subject}'",
                row.id,
                lambda i: comms.delete_communication(ws, i),
                lambda i: comms.restore_communication(ws, i),
            )
        )
