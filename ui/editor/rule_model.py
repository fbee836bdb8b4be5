"""Compatibility rules, each marked when the release's package breaks it."""

from __future__ import annotations

from ui import theme
from ui.editor.row_table_model import Column, RowTableModel


class RuleModel(RowTableModel):
    """The workspace's rules, checked against the package of the release shown."""

    columns = (
        Column("Component", lambda r: r.component),
        Column("Requires", lambda r: f"{r.requires_component} {r.specifier}".rstrip()),
        Column(
            "Check",
            lambda r: r.problem or "OK",
            colour=lambda r: theme.colours().danger if r.problem else theme.colours().success,
            tooltip=lambda r: r.note or r.text,
            stretch=True,
        ),
    )
