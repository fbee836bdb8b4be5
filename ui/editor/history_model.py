"""The history as a table that reads its next page when the view scrolls to the end.

Qt asks ``canFetchMore``/``fetchMore`` when the view's last row comes into sight; each
fetch is one keyset page of :func:`app.services.history_service.history_page`, so a
trail of a million rows opens as fast as one of a hundred.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Signal

from app.errors import ReleaseDeskError
from app.services.history_service import Cursor, HistoryEntry, HistoryFilter, HistoryPage
from ui.editor.row_table_model import AnyIndex, Column, RowTableModel

Fetch = Callable[[HistoryFilter, Cursor | None], HistoryPage]


def details(entry: HistoryEntry) -> str:
    """Every field of the entry, old → new (the sentence may name only the first)."""
    lines = [entry.sentence]
    for change in entry.changes:
        if change.field == "deleted_at":
            continue
        old, new = change.old or "—", change.new or "—"
        lines.append(
            f"{change.label}: {new}" if entry.verb == "added" else f"{change.label}: {old} → {new}"
        )
    return "\n".join(lines)


class HistoryModel(RowTableModel):
    """Entries of the history matching a filter, newest first, read a page at a time."""

    columns = (
        Column("When", lambda e: e.when, tooltip=details),
        Column("Who", lambda e: e.user, tooltip=details),
        Column("What happened", lambda e: e.text, tooltip=details, stretch=True),
    )
    failed = Signal(object)  # a ReleaseDeskError: the page could not be read

    def __init__(self, fetch: Fetch, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._where: HistoryFilter | None = None
        self._next: Cursor | None = None
        self._more = False

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self._where is None:
            return
        self._more = False  # no second fetch of the same page while this one runs
        try:
            page = self._fetch(self._where, self._next)
        except ReleaseDeskError as exc:
            self.failed.emit(exc)
            return
        if page.entries:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.entries) - 1)
            self._rows += page.entries
            self.endInsertRows()
        self._next = page.next
        self._more = page.next is not None

    # -- ours ------------------------------------------------------------------------------
    def show(self, where: HistoryFilter) -> None:
        """Start over with ``where``: the first page is read when a view asks for it."""
        self.beginResetModel()
        self._where = where
        self._rows = []
        self._next = None
        self._more = True
        self.endResetModel()

    def reload(self) -> None:
        """Read the current filter again from its first page (new edits arrive on top)."""
        if self._where is not None:
            self.show(self._where)

    @property
    def where(self) -> HistoryFilter | None:
        return self._where
