"""The board's filter bar: what its date pickers show."""

from __future__ import annotations

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QDateEdit

from app import clock
from ui.any_date import NO_DATE
from ui.board.filter_bar import FilterBar


def _open_calendar(qtbot, edit: QDateEdit) -> None:
    """Click the ▾ at the right end of the date field, as the user does."""
    arrow = QPoint(edit.width() - 5, edit.height() // 2)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=arrow)
    qtbot.waitUntil(edit.calendarWidget().isVisible)


def test_an_any_date_opens_its_calendar_at_today(qtbot) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.show()
    calendar = bar.date_from.calendarWidget()
    _open_calendar(qtbot, bar.date_from)
    today = clock.today()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year, today.month)
    assert bar.date_from.date() == NO_DATE  # still "Any": only the page moved
    assert bar.current().date_from is None


def test_a_chosen_date_opens_its_calendar_at_that_date(qtbot) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.show()
    bar.date_to.setDate(QDate(2025, 3, 14))
    calendar = bar.date_to.calendarWidget()
    _open_calendar(qtbot, bar.date_to)
    assert (calendar.yearShown(), calendar.monthShown()) == (2025, 3)
