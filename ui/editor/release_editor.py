"""Placeholder replaced below."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.view_registry import ViewContext


class ReleaseEditor(QWidget):
    closed = Signal()

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.label = QLabel()
        QVBoxLayout(self).addWidget(self.label)

    def load(self, release_id: uuid.UUID) -> None:
        self.label.setText(str(release_id))
