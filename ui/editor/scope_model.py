"""Scope items of a release."""

from __future__ import annotations

from ui import theme
from ui.editor.row_table_model import Column, RowTableModel, capitalized

STATUS_COLOURS = {"done": "success", "removed": "muted", "agreed": "accent"}


def _status_colour(row: object) -> str | None:
    name = STATUS_COLOURS.get(row.status.value)  # type: ignore[attr-defined]
    return getattr(theme.colours(), name) if name else None


class ScopeModel(RowTableModel):
    columns = (
        Column("Key", lambda r: r.key),
        Column(
            "Title", lambda r: r.title, tooltip=lambda r: r.description or r.title, stretch=True
        ),
        Column("Kind", lambda r: r.kind.capitalize()),
        Column("Status", lambda r: capitalized(r.status), colour=_status_colour),
    )
