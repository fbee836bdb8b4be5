"""The list of cards in one board cell: drag source, drop target, keyboard moves."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QKeyEvent,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QStyleOptionViewItem, QWidget

from ui.board.board_model import ReleaseIdRole
from ui.board.card_delegate import CARD_HEIGHT, CardDelegate
from ui.board.column_proxy import ColumnProxy

# What keyPressEvent does, for Help > Keyboard shortcuts: (what, keys).
KEYS = (
    ("Previous or next card", "Up, Down"),
    ("Previous or next column", "Left, Right"),
    ("Move the card to the previous or next state", "Ctrl+Left, Ctrl+Right"),
    ("Open the release in the editor", "Return"),
    ("Delete the release", "Del"),
)


class ColumnList(QListView):
    """Cards of one cell. Left/Right jump between columns, Ctrl+Left/Right move the
    card to the neighbouring state, Enter opens, Delete deletes."""

    neighbour_requested = Signal(int, int)  # direction (-1/+1), current row
    move_requested = Signal(object, int)  # release id, direction (-1/+1)
    open_requested = Signal(object)  # release id
    delete_requested = Signal(object)  # release id

    def __init__(self, proxy: ColumnProxy, delegate: CardDelegate, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("columnList")
        self.setModel(proxy)
        self.setItemDelegate(delegate)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setUniformItemSizes(True)
        self.setSpacing(4)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.doubleClicked.connect(self._on_self_double_clicked)
        self.fit_to_content = False

    @property
    def proxy(self) -> ColumnProxy:
        return self.model()  # type: ignore[return-value]

    def current_release_id(self) -> uuid.UUID | None:
        idx = self.currentIndex()
        return uuid.UUID(idx.data(ReleaseIdRole)) if idx.isValid() else None

    def selected_release_id(self) -> uuid.UUID | None:
        """The selected card's release (a current index alone is not a selection)."""
        rows = self.selectionModel().selectedIndexes()
        return uuid.UUID(rows[0].data(ReleaseIdRole)) if rows else None

    def content_height(self) -> int:
        rows = self.proxy.rowCount()
        return max(rows * (CARD_HEIGHT + 2 * self.spacing()) + 8, CARD_HEIGHT // 2)

    # -- drag: a picture of the card, and never let Qt remove the source row ------------
    def startDrag(self, supported: Qt.DropAction) -> None:
        idx = self.currentIndex()
        if not idx.isValid():
            return
        drag = QDrag(self)
        drag.setMimeData(self.proxy.mimeData([idx]))
        pix = self.drag_pixmap(idx)
        drag.setPixmap(pix)
        drag.setHotSpot(QPoint(int(pix.deviceIndependentSize().width()) // 2, 20))
        drag.exec(Qt.DropAction.MoveAction)

    def drag_pixmap(self, idx: QModelIndex) -> QPixmap:
        """The card as the board shows it: as wide as this column lets it be, not as
        wide as the delegate would like."""
        rect = self.visualRect(idx)
        rect.setWidth(min(rect.width(), self.viewport().width() - 2 * rect.left()))
        ratio = self.devicePixelRatioF()
        pix = QPixmap(rect.size() * ratio)
        pix.setDevicePixelRatio(ratio)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        painter.setOpacity(0.9)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = rect.translated(-rect.topLeft())
        self.itemDelegate().paint(painter, option, idx)
        painter.end()
        return pix

    # -- drop target: the cell lights up while a card hovers over it ------------------
    @property
    def drop_target(self) -> bool:
        return bool(self.property("dropTarget"))

    def _set_drop_target(self, on: bool) -> None:
        if self.drop_target != on:
            self.setProperty("dropTarget", on)
            self.style().unpolish(self)  # the style sheet's [dropTarget="true"] rule
            self.style().polish(self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        super().dragEnterEvent(event)
        self._set_drop_target(event.isAccepted())

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        super().dragLeaveEvent(event)
        self._set_drop_target(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drop_target(False)
        super().dropEvent(event)

    # -- keyboard ------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        release_id = self.current_release_id()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            direction = -1 if key == Qt.Key.Key_Left else 1
            if ctrl and release_id is not None:
                self.move_requested.emit(release_id, direction)
            else:
                self.neighbour_requested.emit(direction, max(self.currentIndex().row(), 0))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and release_id is not None:
            self.open_requested.emit(release_id)
            return
        if key == Qt.Key.Key_Delete and release_id is not None:
            self.delete_requested.emit(release_id)
            return
        super().keyPressEvent(event)

    def focus_row(self, row: int) -> bool:
        """Focus this list at ``row`` (clamped); False when it has no cards."""
        count = self.proxy.rowCount()
        if not count:
            return False
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setCurrentIndex(self.proxy.index(min(row, count - 1), 0))
        return True

    def _on_self_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(uuid.UUID(index.data(ReleaseIdRole)))
