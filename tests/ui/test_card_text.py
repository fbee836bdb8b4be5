"""Card texts stay short enough for a board column."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from ui.board.card_text import NAME_CHARS, domain_text, initials, window_text


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


def test_every_card_of_a_board_names_its_domain_the_same_way() -> None:
    """Not "PAY" beside "Mobile Apps": the card's room decides, not the name's length."""
    domains = [
        SimpleNamespace(domain_name="Payments", domain_code="PAY"),
        SimpleNamespace(domain_name="Customer Portal", domain_code="WEB"),
        SimpleNamespace(domain_name="Data Platform", domain_code="DATA"),
    ]
    narrow = [domain_text(d, NAME_CHARS - 1) for d in domains]
    wide = [domain_text(d, NAME_CHARS) for d in domains]
    assert narrow == ["PAY", "WEB", "DATA"]
    assert wide == ["Payments", "Customer Portal", "Data Platform"]
    assert domain_text(SimpleNamespace(domain_name=None, domain_code=None), 4) == "No domain"
