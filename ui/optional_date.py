"""A day that may be left empty: a date edit showing "Not set", and a Clear button.

Forms use it for dates that are optional (a risk's proximity, an issue's due date): a
date once chosen can be taken back with Clear, and the value is then None.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from ui.any_date import NO_DATE, any_date_edit, date_of, set_date_of


class OptionalDate(QWidget):
    """``day()`` is the chosen day or None; ``changed`` on every change."""

    changed = Signal()

    def __init__(self, day: dt.date | None, tooltip: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = any_date_edit(tooltip, "Not set")
        set_date_of(self.edit, day)
        self.clear_button = QToolButton(text="Clear", toolTip="Leave the date empty")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(self._on_edit_date_changed)
        self.clear_button.clicked.connect(self.clear)
        self._on_edit_date_changed()

    def day(self) -> dt.date | None:
        return date_of(self.edit)

    def set_day(self, day: dt.date | None) -> None:
        set_date_of(self.edit, day)

    def clear(self) -> None:
        """Leave the date empty ("Not set")."""
        self.edit.setDate(NO_DATE)

    def _on_edit_date_changed(self, *_args: object) -> None:
        self.clear_button.setEnabled(self.day() is not None)
        self.changed.emit()
