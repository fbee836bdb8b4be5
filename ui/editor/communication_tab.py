"""Communications tab: the plan (who hears what, when, how) and the log of what went out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app import clock
from app.enums import Channel, CommunicationAudience
from app.services import handover_service as comms
from app.words import count
from ui.dialogs.form_dialog import Field
from ui.editor.communication_model import CommunicationModel
from ui.editor.form_fields import enum_choices, field
from ui.editor.table_tab import RowTexts, TableTab
from ui.undo import editor_commands as cmd
from ui.undo.editor_commands import RowService


class CommunicationTab(TableTab):
    entities = frozenset({"communication"})
    model_type = CommunicationModel
    service = RowService(
        rows=comms.list_communications,
        create=comms.plan_communication,
        update=comms.update_communication,
        delete=comms.delete_communication,
        restore=comms.restore_communication,
    )
    texts = RowTexts(
        add_button="Plan message",
        add_dialog="Plan a message",
        add="Plan message '{subject}'",
        edit_dialog="Edit message",
        edit="Edit message '{row.subject}'",
        remove="Remove message '{row.subject}'",
    )
    required = ("subject",)

    def add_extra_buttons(self) -> None:
        self.add_button(
            "Mark sent", "send", self.mark_sent_selected, enabled_for=lambda r: not r.sent_at
        )

    def fields(self, row: Any = None) -> list[Field]:
        audiences = enum_choices(CommunicationAudience)
        everyone = CommunicationAudience.STAKEHOLDERS
        return [
            field(row, "audience", "Audience", "choice", everyone, audiences),
            field(row, "channel", "Channel", "choice", Channel.EMAIL, enum_choices(Channel)),
            field(row, "subject", "Subject"),
            field(row, "body", "Message", "multiline"),
            field(row, "planned_at", "Planned for", "datetime", None),
        ]

    def after_reload(self) -> None:
        rows = self.model.rows()
        sent = sum(1 for r in rows if r.sent_at)
        self.show_summary(f"{count(len(rows), 'planned message')}, {sent} sent.")

    plan = TableTab.add_row

    def mark_sent_selected(self, sent_at: dt.datetime | None = None) -> bool:
        """Log that the selected message went out (default: now); undo clears the mark."""
        row = self.selected()
        if row is None or row.sent_at is not None:
            return False
        # Fixed once, so a redo logs the same moment as the first time.
        when = sent_at or clock.now()
        ws = self.ctx.workspace
        return self.run(
            cmd.step(
                f"Mark message '{row.subject}' sent",
                row,
                lambda expected: comms.mark_sent(ws, row.id, when, expected_version=expected),
                lambda expected: comms.unmark_sent(ws, row.id, expected_version=expected),
            )
        )
