"""Recorded sign-off decisions; outdated ones (scope changed since) stand out."""

from __future__ import annotations

from ui import theme
from ui.editor.row_table_model import Column, RowTableModel, capitalized, stamp


def _decision(row: object) -> str:
    text = capitalized(row.decision)  # type: ignore[attr-defined]
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
        Column("When", lambda r: stamp(r.decided_at)),
        Column("Comment", lambda r: r.comment, stretch=True),
    )
