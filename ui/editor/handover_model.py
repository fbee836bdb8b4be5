"""Knowledge-transfer and handover checklist items with their acceptance."""

from __future__ import annotations

from ui import theme
from ui.editor.row_table_model import Column, RowTableModel, capitalized, stamp


def _accepted(row: object) -> str:
    if row.accepted_at is None:  # type: ignore[attr-defined]
        return "Open"
    return f"Accepted by {row.accepted_by} on {stamp(row.accepted_at)}"  # type: ignore[attr-defined]


class HandoverModel(RowTableModel):
    columns = (
        Column("Audience", lambda r: capitalized(r.audience)),
        Column("Item", lambda r: r.title, tooltip=lambda r: r.description or r.title, stretch=True),
        Column("Owner", lambda r: r.owner_name),
        Column(
            "Acceptance",
            _accepted,
            colour=lambda r: theme.colours().success if r.accepted_at else theme.colours().muted,
        ),
    )
