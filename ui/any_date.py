"""A date filter that can say "Any": a date edit whose lowest date stands for no limit.

The calendar of an "Any" date opens at today's month, not at the January 2000 that
stands for "Any".
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtWidgets import QDateEdit

from app import clock
from app.dates_text import QT_DAY
from ui.date_edit import DateEdit

NO_DATE = QDate(2000, 1, 1)


def any_date_edit(tooltip: str, empty: str = "Any") -> QDateEdit:
    """A date edit showing ``empty`` ("Any", "Not set") until a date is chosen."""
    edit = DateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(QT_DAY)
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(empty)
    edit.setDate(NO_DATE)
    edit.setToolTip(tooltip)
    edit.calendarWidget().installEventFilter(_OpensAtToday(edit))
    return edit


def date_of(edit: QDateEdit) -> dt.date | None:
    """The chosen day, None for "Any"."""
    value = edit.date()
    return None if value == NO_DATE else dt.date(value.year(), value.month(), value.day())


def set_date_of(edit: QDateEdit, day: dt.date | None) -> None:
    """Show ``day`` (None: the empty value)."""
    edit.setDate(QDate(day) if day is not None else NO_DATE)


class _OpensAtToday(QObject):
    """Shows today's month when the calendar of an "Any" date opens."""

    def __init__(self, edit: QDateEdit) -> None:
        super().__init__(edit)
        self._edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._edit.date() == NO_DATE:
            today = clock.today()
            watched.setCurrentPage(today.year, today.month)  # type: ignore[attr-defined]
        return False
