"""The Delivery tab's table of deployments: one row per deployment, by stage order."""

from __future__ import annotations

import datetime as dt

from app.services.deployment_service import DeploymentRow
from ui.editor.row_table_model import Column, RowTableModel, capitalized, stamp

STATUS_COLOURS = {"verified": "#2e7d32", "failed": "#c62828", "backed_out": "#c62828"}


def duration_text(value: dt.timedelta | None) -> str:
    """``1 h 05 min``, ``12 min``; none: a dash."""
    if value is None:
        return "—"
    minutes = round(value.total_seconds() / 60)
    hours, mins = divmod(minutes, 60)
    return f"{hours} h {mins:02d} min" if hours else f"{mins} min"


def _manifest(row: DeploymentRow) -> str:
    short = row.manifest_hash[:12] or "—"
    return f"{short} (deviation)" if row.deviation else short


class DeploymentModel(RowTableModel):
    """Environment, status, plan, actual times, duration and the manifest deployed."""

    columns = (
        Column("Environment", lambda r: r.environment),
        Column(
            "Status",
            lambda r: capitalized(r.status),
            colour=lambda r: STATUS_COLOURS.get(r.status.value),
        ),
        Column("Planned", lambda r: stamp(r.planned_start)),
        Column("Started", lambda r: stamp(r.actual_start)),
        Column("Ended", lambda r: stamp(r.actual_end)),
        Column("Duration", lambda r: duration_text(r.duration)),
        Column(
            "Manifest",
            _manifest,
            tooltip=lambda r: (
                r.manifest_hash + ("\nNot the baselined manifest." if r.deviation else "")
            ),
            stretch=True,
        ),
    )
