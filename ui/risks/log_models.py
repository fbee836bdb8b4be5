"""The risk and issue tables: service rows mapped to roles; stale and overdue rows tinted."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt

from app.dates_text import day
from app.services.issue_service import IssueRow
from app.services.risk_service import RiskRow
from ui import theme
from ui.editor.row_table_model import AnyIndex, Column, RowTableModel, capitalized, stamp

SortRole = Qt.ItemDataRole.UserRole + 3


def _day(value: Any) -> str:
    return day(value) if value else "—"


def _score_tip(row: RiskRow) -> str:
    return f"Probability {row.probability} × impact {row.impact} = {row.score}"


class _LogModel(RowTableModel):
    """A log table: ``keys[i](row)`` sorts column i; ``flagged(row)`` tints a row."""

    keys: ClassVar[tuple[Any, ...]] = ()

    def flagged(self, row: Any) -> str:
        """Why the row stands out ("" when it does not)."""
        return ""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == SortRole:
            return self.keys[index.column()](row)
        if role == Qt.ItemDataRole.BackgroundRole and self.flagged(row):
            return theme.badge(theme.colours(), warning=True)[0]
        if role == Qt.ItemDataRole.ToolTipRole and self.flagged(row):
            return f"{super().data(index, role)}\n{self.flagged(row)}"
        return super().data(index, role)


class RiskTableModel(_LogModel):
    """The risk log: one row per risk; a stale one is tinted and says why."""

    columns = (
        Column("Score", lambda r: str(r.score), tooltip=_score_tip),
        Column("Title", lambda r: r.title, stretch=True),
        Column("Release", lambda r: r.release_title or "—"),
        Column("Domain", lambda r: r.domain or "—"),
        Column("P", lambda r: str(r.probability), tooltip=lambda r: "Probability (1-5)"),
        Column("I", lambda r: str(r.impact), tooltip=lambda r: "Impact (1-5)"),
        Column("Owner", lambda r: r.owner_name or "—"),
        Column("Status", lambda r: capitalized(r.status)),
        Column("Proximity", lambda r: _day(r.proximity)),
        Column("Reviewed", lambda r: stamp(r.last_reviewed_at)),
        Column("Mitigation", lambda r: r.mitigation, stretch=True),
    )
    keys = (
        lambda r: r.score,
        lambda r: r.title.lower(),
        lambda r: r.release_title.lower(),
        lambda r: r.domain.lower(),
        lambda r: r.probability,
        lambda r: r.impact,
        lambda r: r.owner_name.lower(),
        lambda r: r.status.value,
        lambda r: r.proximity.toordinal() if r.proximity else 0,
        lambda r: r.last_reviewed_at.timestamp() if r.last_reviewed_at else 0.0,
        lambda r: r.mitigation.lower(),
    )

    def flagged(self, row: RiskRow) -> str:
        return row.stale_reason


class IssueTableModel(_LogModel):
    """The issue log: one row per issue; an overdue one is tinted."""

    columns = (
        Column("Severity", lambda r: capitalized(r.severity)),
        Column("Title", lambda r: r.title, stretch=True),
        Column("Release", lambda r: r.release_title or "—"),
        Column("Owner", lambda r: r.owner_name or "—"),
        Column("Due", lambda r: _day(r.due_date)),
        Column("Status", lambda r: capitalized(r.status)),
        Column("From risk", lambda r: r.risk_title or "—"),
        Column(
            "Resolved",
            lambda r: f"{stamp(r.resolved_at)} by {r.resolved_by}" if r.resolved_at else "—",
        ),
        Column("Corrective action", lambda r: r.corrective_action, stretch=True),
    )
    _SEVERITY: ClassVar[dict[str, int]] = {"low": 0, "medium": 1, "high": 2, "critical": 3}
    keys = (
        lambda r: IssueTableModel._SEVERITY[r.severity.value],
        lambda r: r.title.lower(),
        lambda r: r.release_title.lower(),
        lambda r: r.owner_name.lower(),
        lambda r: r.due_date.toordinal() if r.due_date else 0,
        lambda r: r.status.value,
        lambda r: r.risk_title.lower(),
        lambda r: r.resolved_at.timestamp() if r.resolved_at else 0.0,
        lambda r: r.corrective_action.lower(),
    )

    def flagged(self, row: IssueRow) -> str:
        return "Overdue: past its due date and not resolved." if row.overdue else ""
