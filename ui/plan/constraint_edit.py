"""The constraint cell's editor: the kind of constraint from a list and its date.

"No date" (the date field's lowest value) is a choice of its own, so a constraint that
needs a date can be chosen without one: the edit is then refused at the cell with the
reason, rather than a date being made up. Going into an empty date field fills it with
the task's start, to be typed over.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from app.charts.gantt_rows import CONSTRAINT_WORDS
from app.dates_text import QT_MOMENT
from ui.date_edit import DateTimeEdit

NO_DATE = QDateTime(dt.datetime(2000, 1, 1, 0, 0))  # shown as "No date"
KINDS = (
    ("ASAP", "As soon as possible"),
    *((str(kind), words) for kind, words in CONSTRAINT_WORDS.items()),
)


class ConstraintEdit(QWidget):
    """A constraint as ``(kind, date or None)``; the kind ``"ASAP"`` … ``"MFO"``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox(self)
        for code, words in KINDS:
            self.kind.addItem(words, code)
        self.date = DateTimeEdit(self)
        self.date.setDisplayFormat(QT_MOMENT)
        self.date.setMinimumDateTime(NO_DATE)
        self.date.setSpecialValueText("No date")
        self.date.setCalendarPopup(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.kind, 3)
        layout.addWidget(self.date, 2)
        self.setFocusProxy(self.kind)
        self.setAutoFillBackground(True)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.date.installEventFilter(self)
        self.near: dt.datetime | None = None  # what an empty date field starts from

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab goes from the kind to its date (Shift+Tab back) before leaving the cell."""
        if next and self.kind.hasFocus() and self.date.isEnabled():
            self.date.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        if not next and self.date.hasFocus():
            self.kind.setFocus(Qt.FocusReason.BacktabFocusReason)
            return True
        return super().focusNextPrevChild(next)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.date
            and event.type() == QEvent.Type.FocusIn
            and self.date.dateTime() == NO_DATE
            and self.near is not None
        ):
            self.date.setDateTime(QDateTime(self.near))
        return super().eventFilter(watched, event)

    def set_value(self, kind: str, when: dt.datetime | None) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.date.setDateTime(NO_DATE if when is None else QDateTime(when))
        self._kind_changed()

    def value(self) -> tuple[str, dt.datetime | None]:
        kind = str(self.kind.currentData())
        when = self.date.dateTime()
        if kind in ("ASAP", "ALAP") or when == NO_DATE:
            return kind, None
        return kind, when.toPython().replace(second=0, microsecond=0)

    def _kind_changed(self) -> None:
        dated = self.kind.currentData() not in ("ASAP", "ALAP")
        self.date.setEnabled(dated)
        self.date.setFocusPolicy(Qt.FocusPolicy.StrongFocus if dated else Qt.FocusPolicy.NoFocus)
