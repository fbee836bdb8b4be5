"""The columns of the board (one per lifecycle state), optionally split in domain lanes."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.enums import ReleaseStatus
from app.services.release_lifecycle import LABELS
from ui.board.board_focus import OneFocusStop
from ui.board.board_model import BoardModel
from ui.board.card_delegate import CardDelegate
from ui.board.column_list import ColumnList
from ui.board.column_proxy import ANY_LANE, ColumnProxy

COLUMN_MIN_WIDTH = 150  # all seven states fit a 1280-pixel screen beside the navigation rail
Lane = tuple[uuid.UUID | None, str, str]  # domain id, name, colour


class BoardGrid(QScrollArea):
    """Builds one :class:`ColumnList` per (state, lane) cell and routes their requests."""

    drop_requested = Signal(list, object)
    open_requested = Signal(object)
    move_requested = Signal(object, int)
    delete_requested = Signal(object)
    context_menu_requested = Signal(object, QPoint)
    selection_changed = Signal(object)  # release id, or None when no card is selected

    def __init__(self, model: BoardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardScroll")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the card lists take focus, not the frame
        self.focus_stop = OneFocusStop(self)
        self.focus_stop.focused.connect(self.ensureWidgetVisible)
        self._model = model
        self._delegate = CardDelegate(self)
        self.statuses: list[ReleaseStatus] = list(ReleaseStatus)
        self.cells: dict[tuple[ReleaseStatus, object], ColumnList] = {}
        self._counts: dict[ReleaseStatus, QLabel] = {}
        self._lanes: list[Lane] | None = None
        self._selected: uuid.UUID | None = None
        self._syncing = False
        self._count_timer = QTimer(self, singleShot=True, interval=0)
        self._count_timer.timeout.connect(self.update_counts)
        self.build(None)

    # -- building ------------------------------------------------------------------------
    def build(self, lanes: Sequence[Lane] | None) -> None:
        """Columns only (``None``) or one lane per domain."""
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.cells.clear()
        self.focus_stop.reset()
        self._counts.clear()
        self._lanes = list(lanes) if lanes is not None else None
        canvas = QWidget()
        canvas.setObjectName("boardCanvas")
        if self._lanes is None:
            self._build_columns(canvas)
        else:
            self._build_lanes(canvas, self._lanes)
        self.setWidget(canvas)
        self.update_counts()
        self._announce_selection()

    def _header(self, status: ReleaseStatus) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(6, 2, 6, 2)
        title = QLabel(LABELS[status])
        title.setObjectName("columnTitle")
        count = QLabel("0")
        count.setObjectName("columnCount")
        self._counts[status] = count
        row.addWidget(title)
        row.addWidget(count)
        row.addStretch(1)
        return box

    def _cell(self, status: ReleaseStatus, lane: object) -> ColumnList:
        proxy = ColumnProxy(self._model, status, lane)  # type: ignore[arg-type]
        view = ColumnList(proxy, self._delegate)
        proxy.setParent(view)
        proxy.drop_requested.connect(self.drop_requested)
        proxy.rowsInserted.connect(self._count_timer.start)
        proxy.rowsRemoved.connect(self._count_timer.start)
        view.open_requested.connect(self.open_requested)
        view.move_requested.connect(self.move_requested)
        view.delete_requested.connect(self.delete_requested)
        view.neighbour_requested.connect(
            lambda direction, row, s=status, ln=lane: self._on_list_neighbour(s, ln, direction, row)
        )
        view.customContextMenuRequested.connect(
            lambda pos, v=view: self._on_list_context_menu(v, pos)
        )
        view.selectionModel().selectionChanged.connect(
            lambda _new, _old, v=view: self._on_list_selection_changed(v)
        )
        # Removing, filtering out or resetting rows may drop the selection without a
        # selectionChanged; read it again afterwards.
        for signal in (proxy.rowsRemoved, proxy.modelReset, proxy.layoutChanged):
            signal.connect(self._on_proxy_rows_dropped)
        view.setAccessibleName(f"{LABELS[status]} releases")
        self.focus_stop.add(view)
        self.cells[(status, lane)] = view
        return view

    def _build_columns(self, canvas: QWidget) -> None:
        row = QHBoxLayout(canvas)
        row.setContentsMargins(12, 6, 12, 12)
        row.setSpacing(8)
        for status in self.statuses:
            frame = QFrame()
            frame.setObjectName("boardColumn")
            frame.setMinimumWidth(COLUMN_MIN_WIDTH)
            col = QVBoxLayout(frame)
            col.setContentsMargins(4, 8, 4, 4)
            col.setSpacing(4)
            col.addWidget(self._header(status))
            col.addWidget(self._cell(status, ANY_LANE), 1)
            row.addWidget(frame, 1)

    def _build_lanes(self, canvas: QWidget, lanes: list[Lane]) -> None:
        grid = QGridLayout(canvas)
        grid.setContentsMargins(16, 8, 16, 16)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        for col, status in enumerate(self.statuses):
            grid.addWidget(self._header(status), 0, col)
            grid.setColumnMinimumWidth(col, COLUMN_MIN_WIDTH)
            grid.setColumnStretch(col, 1)
        for lane_no, (domain_id, name, colour) in enumerate(lanes):
            title = QLabel(f"<span style='color:{colour}'>●</span>&nbsp; {name}")
            title.setObjectName("laneTitle")
            grid.addWidget(title, 1 + 2 * lane_no, 0, 1, len(self.statuses))
            for col, status in enumerate(self.statuses):
                frame = QFrame()
                frame.setObjectName("boardColumn")
                box = QVBoxLayout(frame)
                box.setContentsMargins(4, 4, 4, 4)
                view = self._cell(status, domain_id)
                view.fit_to_content = True
                view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
                view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                box.addWidget(view)
                grid.addWidget(frame, 2 + 2 * lane_no, col, Qt.AlignmentFlag.AlignTop)
        grid.setRowStretch(2 * len(lanes) + 1, 1)
        self._fit_lanes()

    def _fit_lanes(self) -> None:
        if self._lanes is None:
            return
        for domain_id, _name, _colour in self._lanes:
            views = [self.cells[(s, domain_id)] for s in self.statuses]
            height = max(v.content_height() for v in views)
            for v in views:
                v.setFixedHeight(height)

    # -- state ---------------------------------------------------------------------------
    def refilter(self, cells: Iterable[tuple[str, object]] | None = None) -> None:
        """Cells re-read the model's filter result: all of them, or those holding one of
        ``cells`` ``(status value, domain id)`` (a column without lanes holds all of its
        status's domains)."""
        wanted = None if cells is None else set(cells)
        statuses = None if wanted is None else {status for status, _domain in wanted}
        for (status, lane), view in self.cells.items():
            if wanted is None or (
                status.value in statuses if lane is ANY_LANE else (status.value, lane) in wanted
            ):
                view.proxy.refilter()
        self.update_counts()

    def update_counts(self) -> None:
        totals = dict.fromkeys(self.statuses, 0)
        for (status, _lane), view in self.cells.items():
            totals[status] += view.proxy.rowCount()
        for status, label in self._counts.items():
            label.setText(str(totals[status]))
        self._fit_lanes()

    def count(self, status: ReleaseStatus) -> int:
        return int(self._counts[status].text())

    def column_list(self, status: ReleaseStatus, lane: object = ANY_LANE) -> ColumnList:
        return self.cells[(status, lane)]

    def selected_release_id(self) -> uuid.UUID | None:
        """The one selected card on the board (selecting a card clears the others)."""
        return next(
            (rid for v in self.cells.values() if (rid := v.selected_release_id()) is not None),
            None,
        )

    def select_release(self, release_id: uuid.UUID) -> bool:
        """Select and focus the card of ``release_id`` wherever it sits."""
        source = self._model.index_of(release_id)
        if not source.isValid():
            return False
        for view in self.cells.values():
            idx = view.proxy.mapFromSource(source)
            if idx.isValid():
                view.setFocus()
                view.setCurrentIndex(idx)
                view.scrollTo(idx)
                return True
        return False

    # -- slots ---------------------------------------------------------------------------
    def _on_list_neighbour(self, status: ReleaseStatus, lane: object, step: int, row: int) -> None:
        i = self.statuses.index(status) + step
        while 0 <= i < len(self.statuses):
            if self.cells[(self.statuses[i], lane)].focus_row(row):
                return
            i += step

    def _on_list_selection_changed(self, view: ColumnList) -> None:
        if self._syncing:
            return
        if view.selected_release_id() is not None:
            self._syncing = True  # one card selected board-wide: clear the other cells
            try:
                for other in self.cells.values():
                    if other is not view:
                        other.clearSelection()
            finally:
                self._syncing = False
        self._announce_selection()

    def _on_proxy_rows_dropped(self, *_args: object) -> None:
        # Dropping rows cannot select a card: with none selected there is nothing to
        # check (filtering a 500-card board drops rows in many cells at each keystroke).
        if self._selected is not None:
            self._announce_selection()

    def _announce_selection(self, *_args: object) -> None:
        selected = self.selected_release_id()
        if selected != self._selected:
            self._selected = selected
            self.selection_changed.emit(selected)

    def _on_list_context_menu(self, view: ColumnList, pos: QPoint) -> None:
        idx = view.indexAt(pos)
        if not idx.isValid():
            return
        view.setCurrentIndex(idx)
        release_id = view.current_release_id()
        self.context_menu_requested.emit(release_id, view.viewport().mapToGlobal(pos))
