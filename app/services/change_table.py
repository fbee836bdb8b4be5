"""Change requests as a table: the Changes tab's export and the CLI's list and export
show the same columns."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from app.services.change_items import KIND_WORDS, ChangeItemSpec
from app.services.change_request_service import ChangeRequestRow
from app.words import count

HEADERS = (
    "Request",
    "Release",
    "Requester",
    "Requested",
    "Status",
    "Asks for",
    "Impact (working days)",
    "Impact",
    "Last decision by",
    "Decided",
    "Reason",
)


def asks_for(items: Sequence[ChangeItemSpec]) -> str:
    """What a request asks for in a few words: "add scope: Fraud check; add task: …"."""
    if not items:
        return "nothing yet"
    shown = [f"{KIND_WORDS[i.kind]}: {i.title}" if i.title else KIND_WORDS[i.kind] for i in items]
    if len(shown) > 3:
        return "; ".join(shown[:3]) + f"; and {count(len(shown) - 3, 'more change')}"
    return "; ".join(shown)


def change_cells(row: ChangeRequestRow) -> tuple[Any, ...]:
    """One request's cells, in :data:`HEADERS` order (dates as dates)."""
    last = row.last_decision
    return (
        row.title,
        row.release_title,
        row.requester_name,
        row.requested_on,
        row.status.value,
        asks_for(row.items),
        row.impact_days if row.impact else None,
        row.impact,
        last.author if last else "",
        last.decided_at if last else None,
        last.reason if last else "",
    )


def change_table(rows: Iterable[ChangeRequestRow]) -> tuple[Sequence[str], list[tuple[Any, ...]]]:
    """Headers and cells of the requests, for :func:`table_export.export_table`."""
    return HEADERS, [change_cells(r) for r in rows]
