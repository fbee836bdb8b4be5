"""Counts in words: one is singular, every other number plural."""

from __future__ import annotations

import pytest

from app.words import count


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, "0 calendars"), (1, "1 calendar"), (2, "2 calendars"), (20000, "20000 calendars")],
)
def test_count_says_one_thing_and_many_things(n: int, words: str) -> None:
    assert count(n, "calendar") == words


def test_an_irregular_plural_is_given() -> None:
    assert count(3, "copy", "copies") == "3 copies"
    assert count(1, "copy", "copies") == "1 copy"
