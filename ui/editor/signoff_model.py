"""Recorded sign-off decisions; outdated ones (scope changed since) stand out."""

from __future__ import annotations

from ui import theme
from ui.editor.row_table_model import Column, RowTableModel


def _decision(row: object) -> str:
    text = row.decision.value.capitalize()  # type: ignore[attr-defined]
    return f"{text} (outdated: scope changed)" if row.outdated else text  # type: ignore[attr-defined]


def _colour(row: object) -> str | None:
    c = theme.colours()
    if row.outdated:  # type: ignore[attr-defined]
        return c.warning
    return {"approved": c.success, "rejected": c.danger}.get(row.decision.value)  # type: ignore[attr-defined]


class SignOffModel(RowTableModel):
    columns = (
        Column("Person", lambda r: r.person_name),
        Column("Role", lambda r: r.role),
        Column("Decision", _decision, colour=_colour),
        Column("When", lambda r: f"{r.decided_at:%d %b %Y %H:%M}"),
        Column("Comment", lambda r: r.comment),
    )
