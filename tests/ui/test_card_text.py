"""Card texts stay short enough for a board column."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from ui.board.card_text import initials, window_text


def _card(start: dt.datetime | None, end: dt.datetime | None) -> SimpleNamespace:
    return SimpleNamespace(release=SimpleNamespace(planned_start=start, planned_end=end))


def test_window_within_a_year_names_the_year_once() -> None:
    text = window_text(_card(dt.datetime(2027, 2, 3), dt.datetime(2027, 3, 30)))
    assert text == "3 Feb – 30 Mar 2027"


def test_window_across_new_year_keeps_both_years_short() -> None:
    text = window_text(_card(dt.datetime(2026, 12, 29), dt.datetime(2027, 2, 22)))
    assert text == "29 Dec ’26 – 22 Feb ’27"


def test_missing_window_and_initials() -> None:
    assert window_text(_card(None, None)) == "No planned window"
    assert initials("Priya Raman") == "PR" and initials("Cher") == "C"
