"""All board cards in one list model; column proxies pick their state (and lane).

The model keeps, per row, its cell key (status, domain) and whether the current filter
accepts it, so each column proxy's ``filterAcceptsRow`` is two list look-ups. A new
filter announces only the rows whose verdict changed (``dataChanged`` on
``FilterRole``), so the column proxies re-check those rows, not all of them: typing one
more letter on a 500-release board with swimlanes touches a few dozen rows in each of
28 cells instead of 14,000 ``filterAcceptsRow`` calls.
Updates are diffs (dataChanged / insert / remove), never a reset, so selection and
scroll positions survive a colleague's edit.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.services.release_lifecycle import LABELS
from ui.board.board_filter import BoardFilter, haystack
from ui.board.card_source import card_id
from ui.board.card_text import conflict_lines, late_text, window_text

MIME_TYPE = "application/x-releasedesk-release-ids"
CardRole = Qt.ItemDataRole.UserRole + 1
ReleaseIdRole = Qt.ItemDataRole.UserRole + 2
StatusRole = Qt.ItemDataRole.UserRole + 3
SortRole = Qt.ItemDataRole.UserRole + 4
FilterRole = Qt.ItemDataRole.UserRole + 5  # whether the filter accepts the row
# Past this many rows changing verdict, one full re-read per cell beats row signals.
WIDE_CHANGE = 40

AnyIndex = QModelIndex | QPersistentModelIndex


def encode_ids(ids: Iterable[uuid.UUID]) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_TYPE, QByteArray(",".join(str(i) for i in ids).encode()))
    return mime


def decode_ids(mime: QMimeData) -> list[uuid.UUID]:
    if not mime.hasFormat(MIME_TYPE):
        return []
    raw = bytes(mime.data(MIME_TYPE).data()).decode()
    return [uuid.UUID(part) for part in raw.split(",") if part]


class BoardModel(QAbstractListModel):
    """Cards (``BoardCard`` rows) mapped to roles; drag source for the board."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._cards: list[Any] = []
        self._text: list[str] = []
        self._visible: list[bool] = []
        # Per row, the cell it sits in: (status value, domain id); read by the proxies.
        self._cell: list[tuple[str, uuid.UUID | None]] = []
        self._row_of: dict[uuid.UUID, int] = {}
        self._filter = BoardFilter()

    # -- Qt API --------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        r = card.release
        if role == Qt.ItemDataRole.DisplayRole:
            return r.title
        if role == CardRole:
            return card
        if role == FilterRole:
            return self._visible[index.row()]
        if role == ReleaseIdRole:
            return str(r.id)
        if role == StatusRole:
            return r.status.value
        if role == SortRole:
            start = r.planned_start.isoformat() if r.planned_start else "9999"
            return f"{start}|{r.name.casefold()}"
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"<b>{r.title}</b>", f"{LABELS[r.status]} · {r.domain_name or 'no domain'}"]
            lines.append(f"Owner: {r.owner_name or 'nobody yet'}")
            if r.planned_start or r.planned_end:
                lines.append(f"Planned: {window_text(card)}")
            late = late_text(card)
            if late:
                lines.append(f"<span style='font-weight:600'>Late:</span> {late}")
            readiness = getattr(card, "readiness", None)
            if readiness is not None:
                lines.append(f"Handover accepted: {round(readiness * 100)}%")
            lines += conflict_lines(card)
            if r.description:
                lines.append(r.description[:200])
            return "<br>".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{r.title}, {LABELS[r.status]}, {r.domain_name}"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        return encode_ids(self._cards[i.row()].release.id for i in indexes if i.isValid())

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    # -- what proxies ask ----------------------------------------------------------------
    def accepts(self, row: int, status: str, domain: uuid.UUID | bool | None) -> bool:
        """Row passes the filter and sits in column ``status`` (and lane ``domain``;
        ``False`` means "any lane")."""
        if not self._visible[row]:
            return False
        cell = self._cell[row]
        return cell[0] == status and (domain is False or cell[1] == domain)

    def acceptance(self) -> tuple[list[bool], list[tuple[str, uuid.UUID | None]]]:
        """The lists :meth:`accepts` reads (per row: passes the filter, its cell), for a
        proxy that checks thousands of rows per keystroke without a call per row. Ask
        again for each check: a new filter replaces them."""
        return self._visible, self._cell

    # -- reading -------------------------------------------------------------------------
    def card(self, release_id: uuid.UUID) -> Any | None:
        row = self._row_of.get(release_id)
        return None if row is None else self._cards[row]

    def cards(self) -> list[Any]:
        return list(self._cards)

    def shown_count(self) -> int:
        """How many cards pass the filter."""
        return sum(self._visible)

    def index_of(self, release_id: uuid.UUID) -> QModelIndex:
        row = self._row_of.get(release_id)
        return QModelIndex() if row is None else self.index(row, 0)

    @property
    def filter(self) -> BoardFilter:
        return self._filter

    # -- updating ------------------------------------------------------------------------
    def set_filter(self, board_filter: BoardFilter) -> set[tuple[str, uuid.UUID | None]]:
        """Recompute which rows pass and announce the rows whose verdict changed.

        When many rows changed, one re-read of all rows per cell is cheaper than row
        signals: then nothing is announced, and the cells ``(status value, domain id)``
        that have changed rows are returned for the caller to refilter
        (:meth:`ColumnProxy.refilter`). Otherwise the set is empty.
        """
        self._filter = board_filter
        before = self._visible
        if board_filter.is_empty:
            self._visible = [True] * len(self._cards)
        else:
            match = board_filter.matches
            self._visible = [match(c, t) for c, t in zip(self._cards, self._text, strict=True)]
        now = self._visible
        changed = [row for row, was in enumerate(before) if was != now[row]]
        if len(changed) > WIDE_CHANGE:
            return {self._cell[row] for row in changed}
        for first, last in _runs(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(last, 0), [FilterRole])
        return set()

    def set_cards(self, cards: Iterable[Any]) -> None:
        """Bring the model to ``cards`` with the smallest set of row signals."""
        incoming = {card_id(c): c for c in cards}
        gone = [row for row, c in enumerate(self._cards) if card_id(c) not in incoming]
        for row in reversed(gone):
            self._remove_row(row)
        for row, old in enumerate(self._cards):
            new = incoming.pop(card_id(old))
            if new != old:
                self._replace_row(row, new)
        if incoming:
            self._append(list(incoming.values()))

    def update_card(self, card: Any) -> None:
        """Show a newer version of one card (appended when new)."""
        row = self._row_of.get(card_id(card))
        if row is None:
            self._append([card])
        else:
            self._replace_row(row, card)

    def remove_card(self, release_id: uuid.UUID) -> None:
        row = self._row_of.get(release_id)
        if row is not None:
            self._remove_row(row)

    def _append(self, cards: list[Any]) -> None:
        first = len(self._cards)
        self.beginInsertRows(QModelIndex(), first, first + len(cards) - 1)
        for card in cards:
            text = haystack(card)
            self._row_of[card_id(card)] = len(self._cards)
            self._cards.append(card)
            self._text.append(text)
            self._visible.append(self._filter.matches(card, text))
            self._cell.append(_cell(card))
        self.endInsertRows()

    def _replace_row(self, row: int, card: Any) -> None:
        text = haystack(card)
        self._cards[row] = card
        self._text[row] = text
        self._visible[row] = self._filter.matches(card, text)
        self._cell[row] = _cell(card)
        idx = self.index(row, 0)
        self.dataChanged.emit(idx, idx)

    def _remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._cards[row], self._text[row], self._visible[row], self._cell[row]
        self._row_of = {card_id(c): i for i, c in enumerate(self._cards)}
        self.endRemoveRows()


def _cell(card: Any) -> tuple[str, uuid.UUID | None]:
    r = card.release
    return r.status.value, r.domain_id


def _runs(rows: list[int]) -> Iterator[tuple[int, int]]:
    """``(first, last)`` of each run of consecutive numbers in the ascending ``rows``."""
    if not rows:
        return
    first = last = rows[0]
    for row in rows[1:]:
        if row != last + 1:
            yield first, last
            first = row
        last = row
    yield first, last
