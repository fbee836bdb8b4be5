"""A splitter whose sizes outlive the window: saved in the settings as they change."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from ui.settings import Settings


class SavedSplitter(QSplitter):
    """Vertical panes (none collapses away) sized as the user last left them under
    ``key``; the first pane gets the larger share until then."""

    def __init__(
        self,
        settings: Settings,
        key: str,
        panes: Sequence[QWidget],
        orientation: Qt.Orientation = Qt.Orientation.Vertical,
    ) -> None:
        super().__init__(orientation)
        self.settings = settings
        self.key = key
        self.setChildrenCollapsible(False)
        for n, pane in enumerate(panes):
            self.addWidget(pane)
            self.setStretchFactor(n, 3 if n == 0 else 2)
        saved = settings.state(key)
        if saved is not None:
            self.restoreState(saved)
        self.splitterMoved.connect(lambda *_: settings.set_state(key, self.saveState()))
