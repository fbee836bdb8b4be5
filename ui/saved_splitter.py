"""A splitter whose sizes outlive the window: saved in the settings as they change."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from ui.settings import Settings


class SavedSplitter(QSplitter):
    """Panes (none collapses away) sized as the user last left them under ``key``;
    until then they share the room by ``stretches`` (the first pane the larger share)."""

    def __init__(
        self,
        settings: Settings,
        key: str,
        panes: Sequence[QWidget],
        stretches: Sequence[int] = (3, 2),
        orientation: Qt.Orientation = Qt.Orientation.Vertical,
    ) -> None:
        super().__init__(orientation)
        self.settings = settings
        self.key = key
        self.setChildrenCollapsible(False)
        for n, (pane, stretch) in enumerate(zip(panes, stretches, strict=True)):
            self.addWidget(pane)
            self.setStretchFactor(n, stretch)
        saved = settings.state(key)
        if saved is not None:
            self.restoreState(saved)
        self.splitterMoved.connect(lambda *_: settings.set_state(key, self.saveState()))
