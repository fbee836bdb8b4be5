"""Configuration items of a release's package, grouped by domain."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.words import count
from ui.editor.row_table_model import AnyIndex, Column, RowTableModel

_UNITS = ("bytes", "KB", "MB", "GB", "TB")
SIZE, SHA256, ARTIFACT = 3, 4, 5  # columns a narrow pane drops (the first two) or keeps


def size_text(size: int | None) -> str:
    """``1.4 GB``; an unknown size shows as a dash."""
    if size is None:
        return "—"
    value, unit = float(size), 0
    while value >= 1024 and unit < len(_UNITS) - 1:
        value, unit = value / 1024, unit + 1
    return count(size, "byte") if unit == 0 else f"{value:.1f} {_UNITS[unit]}"


class PackageModel(RowTableModel):
    """Rows come sorted by domain (the service's order); a domain is named on the first
    row of its group only, so each group reads as one block."""

    columns = (
        Column("Domain", lambda r: r.domain or "—"),
        Column("Component", lambda r: r.component),
        Column("Version", lambda r: r.version_label),
        Column("Size", lambda r: size_text(r.size_bytes)),
        Column("SHA-256", lambda r: r.sha256[:12] or "—", tooltip=lambda r: r.sha256),
        Column(
            "Artifact",
            lambda r: r.artifact_uri or "—",
            tooltip=lambda r: (
                f"{r.artifact_uri}\nSHA-256 {r.sha256 or 'not recorded'}\n"
                f"Size {size_text(r.size_bytes)}"
            ),
            stretch=True,
        ),
    )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        n = index.row()
        if (
            role == Qt.ItemDataRole.DisplayRole
            and index.isValid()
            and index.column() == 0
            and 0 < n < self.rowCount()
            and self.row_at(n - 1).domain == self.row_at(n).domain
        ):
            return ""
        return super().data(index, role)
