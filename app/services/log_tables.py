"""The risk and issue logs as tables: the columns the window shows and every export writes.

Plain values (text, numbers, dates, local datetimes) so that a CSV, an XLSX and the
window's table agree cell for cell (:mod:`app.interchange.table_export` writes them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from app import clock
from app.services.issue_service import IssueRow
from app.services.risk_service import RiskRow

RISK_HEADERS = (
    "Title",
    "Release",
    "Domain",
    "Probability",
    "Impact",
    "Score",
    "Owner",
    "Mitigation",
    "Status",
    "Proximity",
    "Last reviewed",
    "Needs review",
    "Threatened tasks",
)
ISSUE_HEADERS = (
    "Title",
    "Release",
    "Domain",
    "Severity",
    "Owner",
    "Due",
    "Status",
    "Corrective action",
    "From risk",
    "Resolved",
    "Resolved by",
    "Overdue",
    "Affects",
)


def _status(value: str) -> str:
    return value.replace("_", " ").capitalize()


def risk_cells(row: RiskRow) -> tuple[Any, ...]:
    """One risk's cells, in :data:`RISK_HEADERS` order."""
    reviewed = clock.to_local(row.last_reviewed_at) if row.last_reviewed_at else None
    return (
        row.title,
        row.release_title,
        row.domain,
        row.probability,
        row.impact,
        row.score,
        row.owner_name,
        row.mitigation,
        _status(row.status.value),
        row.proximity,
        reviewed,
        row.stale_reason,
        row.tasks_text,
    )


def issue_cells(row: IssueRow) -> tuple[Any, ...]:
    """One issue's cells, in :data:`ISSUE_HEADERS` order."""
    resolved = clock.to_local(row.resolved_at) if row.resolved_at else None
    return (
        row.title,
        row.release_title,
        row.domain,
        row.severity.value.capitalize(),
        row.owner_name,
        row.due_date,
        _status(row.status.value),
        row.corrective_action,
        row.risk_title,
        resolved,
        row.resolved_by,
        "Overdue" if row.overdue else "",
        "; ".join(row.affected),
    )


def risk_table(rows: Iterable[RiskRow]) -> tuple[Sequence[str], list[tuple[Any, ...]]]:
    """Headers and cells of a risk log."""
    return RISK_HEADERS, [risk_cells(r) for r in rows]


def issue_table(rows: Iterable[IssueRow]) -> tuple[Sequence[str], list[tuple[Any, ...]]]:
    """Headers and cells of an issue log."""
    return ISSUE_HEADERS, [issue_cells(r) for r in rows]
