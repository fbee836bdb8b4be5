"""Compatibility rules, each marked when the release's package breaks it."""

from __future__ import annotations

from ui import theme
from ui.editor.row_table_model import Column, RowTableModel


def _check_colour(row: object) -> str:
    colours = theme.colours()
    if row.problem:  # type: ignore[attr-defined]
        return colours.danger
    return colours.success if row.applies else colours.muted  # type: ignore[attr-defined]


class RuleModel(RowTableModel):
    """The workspace's rules, checked against the package of the release shown."""

    columns = (
        Column("Component", lambda r: r.component),
        Column("Requires", lambda r: f"{r.requires_component} {r.specifier}".rstrip()),
        Column(
            "Check",
            lambda r: r.problem or ("OK" if r.applies else f"no {r.component} in the package"),
            colour=_check_colour,
            tooltip=lambda r: r.note or r.text,
            stretch=True,
        ),
    )
