"""The main window's centre: navigation rail, the current view and the release editor
pane in a splitter; and a window size that fits the screen it opens on."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from ui.icons import icon
from ui.view_registry import ViewRegistry

NAVIGATION_WIDTH = 176
RAIL_WIDTH = 48  # icons only: the board's seven columns get the room on small screens
ROW_HEIGHT = 38  # one navigation row: 18 px icon + the style sheet's 8 px padding + margin
COMPACT_BELOW = 1440  # widths under which the navigation shows icons only (and beside the editor)
EDITOR_WIDTH = 460  # the editor pane's width when the view beside it needs the rest
EDITOR_SHARE = 0.45  # at most this share of the splitter when there is room for more
TitleRole = Qt.ItemDataRole.UserRole + 1


class Navigation(QListWidget):
    """One row per registered view; icons only (titles in tooltips) when compact."""

    def __init__(self, registry: ViewRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setIconSize(QSize(18, 18))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for spec in registry.specs():
            item = QListWidgetItem(icon(spec.icon), spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.id)
            item.setData(TitleRole, spec.title)
            item.setToolTip(spec.tooltip or spec.title)
            # As tall as the style sheet's padded row: a row of text alone would let
            # the selected row's background cover the next one.
            item.setSizeHint(QSize(0, ROW_HEIGHT))
            self.addItem(item)
        self.compact = True
        self.set_compact(False)

    def set_compact(self, compact: bool) -> None:
        if compact == self.compact:
            return
        self.compact = compact
        self.setFixedWidth(RAIL_WIDTH if compact else NAVIGATION_WIDTH)
        for row in range(self.count()):
            item = self.item(row)
            item.setText("" if compact else item.data(TitleRole))


class CentralArea(QWidget):
    """Navigation beside a splitter of the current view and the editor pane; both
    panes shrink (the board scrolls, the editor's tabs scroll), so the window fits
    a 1280×720 screen with the editor open."""

    def __init__(self, registry: ViewRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.navigation = Navigation(registry)
        self.stack = QStackedWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(5)
        self.splitter.addWidget(self.stack)
        self.editor_host = QStackedWidget()
        self.editor_host.hide()
        self.splitter.addWidget(self.editor_host)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        row.addWidget(self.splitter, 1)
        self.editor_host.installEventFilter(self)

    def show_editor_pane(self) -> None:
        """Show the editor pane (when it was hidden) leaving the view beside it the
        width it wants (``preferred_width()``: the board's seven columns) if the
        editor still gets :data:`EDITOR_WIDTH`, else the editor gets that width."""
        if self.editor_host.isVisible():
            return
        self.editor_host.show()  # the navigation turns into the rail: measure after
        total = self.width() - self.navigation.width() - self.splitter.handleWidth()
        view = self.stack.currentWidget()
        wanted = view.preferred_width() if hasattr(view, "preferred_width") else 0
        editor = min(max(total - wanted, EDITOR_WIDTH), int(total * EDITOR_SHARE))
        editor = max(editor, self.editor_host.minimumSizeHint().width())
        self.splitter.setSizes([total - editor, editor])

    def _update_navigation(self) -> None:
        narrow = self.width() < COMPACT_BELOW
        self.navigation.set_compact(narrow or self.editor_host.isVisibleTo(self))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor_host and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self._update_navigation()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_navigation()


def place_window(window: QMainWindow, geometry: QByteArray | None) -> None:
    """Restore ``geometry`` (Qt keeps it on a screen that is still there, within its
    bounds), else open at a default size that fits the screen, centred, not maximised."""
    if geometry is not None and window.restoreGeometry(geometry):
        return
    screen = window.screen().availableGeometry()
    window.resize(_default_side(screen.width(), 1440), _default_side(screen.height(), 900))
    window.move(screen.center() - window.rect().center())


def _default_side(available: int, wanted: int) -> int:
    """A first start fills a screen side up to ``wanted`` pixels, 90 % of a larger one."""
    return available if available <= wanted else max(wanted, int(available * 0.9))
