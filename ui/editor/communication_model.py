"""The communication plan and log: planned messages and when they were sent."""

from __future__ import annotations

from ui import theme
from ui.editor.row_table_model import Column, RowTableModel, capitalized, stamp


class CommunicationModel(RowTableModel):
    columns = (
        Column("Audience", lambda r: capitalized(r.audience)),
        Column("Channel", lambda r: capitalized(r.channel)),
        Column("Subject", lambda r: r.subject, tooltip=lambda r: r.body or r.subject, stretch=True),
        Column("Planned", lambda r: stamp(r.planned_at)),
        Column(
            "Sent",
            lambda r: stamp(r.sent_at, empty="Not sent"),
            colour=lambda r: theme.colours().success if r.sent_at else theme.colours().muted,
        ),
    )
