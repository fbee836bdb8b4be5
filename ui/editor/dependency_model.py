"""Releases (often of other domains) this release depends on."""

from __future__ import annotations

from app.dates_text import day
from app.services.release_lifecycle import LABELS
from ui.editor.row_table_model import Column, RowTableModel


class DependencyModel(RowTableModel):
    columns = (
        Column(
            "Depends on",
            lambda r: r.depends_on_title,
            decoration=lambda r: r.depends_on_domain_colour,
            stretch=True,
        ),
        Column("Domain", lambda r: r.depends_on_domain),
        Column("State", lambda r: LABELS[r.depends_on_status]),
        Column(
            "Planned end",
            lambda r: day(r.depends_on_planned_end) if r.depends_on_planned_end else "—",
        ),
        Column("Note", lambda r: r.note),
    )
