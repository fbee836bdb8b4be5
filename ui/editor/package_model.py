"""Configuration items of a release's package, grouped by domain."""

from __future__ import annotations

from app.words import count
from ui.editor.row_table_model import Column, RowTableModel

_UNITS = ("bytes", "KB", "MB", "GB", "TB")


def size_text(size: int | None) -> str:
    """``1.4 GB``; an unknown size shows as a dash."""
    if size is None:
        return "—"
    value, unit = float(size), 0
    while value >= 1024 and unit < len(_UNITS) - 1:
        value, unit = value / 1024, unit + 1
    return count(size, "byte") if unit == 0 else f"{value:.1f} {_UNITS[unit]}"


class PackageModel(RowTableModel):
    """Rows come sorted by domain (the service's order), so each domain's items stay together."""

    columns = (
        Column("Domain", lambda r: r.domain or "—"),
        Column("Component", lambda r: r.component),
        Column("Version", lambda r: r.version_label),
        Column(
            "Artifact",
            lambda r: r.artifact_uri or "—",
            tooltip=lambda r: f"{r.artifact_uri}\nSHA-256 {r.sha256 or 'not recorded'}",
            stretch=True,
        ),
        Column("Size", lambda r: size_text(r.size_bytes)),
        Column("SHA-256", lambda r: r.sha256[:12] or "—", tooltip=lambda r: r.sha256),
    )
