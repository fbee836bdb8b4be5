"""The communication plan and log: planned messages and when they were sent."""

from __future__ import annotations

from ui import theme
from ui.editor.row_table_model import Column, RowTableModel


def _when(value: object) -> str:
    return f"{value:%d %b %Y %H:%M}" if value else "—"


class CommunicationModel(RowTableModel):
    columns = (
        Column("Audience", lambda r: r.audience.value.capitalize()),
        Column("Channel", lambda r: r.channel.value.replace("_", " ").capitalize()),
        Column("Subject", lambda r: r.subject, tooltip=lambda r: r.body or r.subject),
        Column("Planned", lambda r: _when(r.planned_at)),
        Column(
            "Sent",
            lambda r: _when(r.sent_at) if r.sent_at else "Not sent",
            colour=lambda r: theme.colours().success if r.sent_at else theme.colours().muted,
        ),
    )
