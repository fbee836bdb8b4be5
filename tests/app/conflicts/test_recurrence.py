"""Expanding a calendar exception's recurrence over a range."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil import tz

from app.conflicts.recurrence import MAX_OCCURRENCES, occurrences
from app.errors import ValidationError

BERLIN = tz.gettz("Europe/Berlin")
AUCKLAND = tz.gettz("Pacific/Auckland")


def utc(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=dt.UTC)


def local_starts(spans: list[tuple[dt.datetime, dt.datetime]], zone: dt.tzinfo) -> list[str]:
    return [a.astimezone(zone).strftime("%m-%d %H:%M") for a, _ in spans]


def test_a_window_without_a_rule_happens_once_if_it_overlaps() -> None:
    once = (dt.datetime(2026, 12, 15), dt.datetime(2026, 12, 20))
    assert occurrences(*once, "", range_start=utc(2026, 12, 19), range_end=utc(2027, 1, 1)) == [
        (utc(2026, 12, 15), utc(2026, 12, 20))
    ]
    # touching the range is not overlapping it
    assert occurrences(*once, "  ", range_start=utc(2026, 12, 20), range_end=utc(2027, 1, 1)) == []


def test_a_bare_rule_repeats_and_earlier_windows_reaching_in_count() -> None:
    spans = occurrences(
        dt.datetime(2020, 12, 15),
        dt.datetime(2021, 1, 5, 23, 59),
        "FREQ=YEARLY",
        range_start=utc(2027, 1, 1),
        range_end=utc(2028, 1, 1),
        zone=dt.UTC,
    )
    assert spans == [
        (utc(2026, 12, 15), utc(2027, 1, 5, 23, 59)),  # began before the range
        (utc(2027, 12, 15), utc(2028, 1, 5, 23, 59)),
    ]


def test_a_nightly_window_keeps_its_wall_clock_time_across_dst() -> None:
    # 22:00-02:00 in Berlin; summer time starts on 29 March 2026 and ends 25 October.
    spans = occurrences(
        utc(2026, 3, 27, 21),
        utc(2026, 3, 28, 1),
        "RRULE:FREQ=DAILY",
        range_start=utc(2026, 3, 27),
        range_end=utc(2026, 3, 31),
        zone=BERLIN,
    )
    assert local_starts(spans, BERLIN) == [
        "03-27 22:00",
        "03-28 22:00",
        "03-29 22:00",
        "03-30 22:00",
    ]
    assert [a.hour for a, _ in spans] == [21, 21, 20, 20]  # UTC moves, the wall clock does not
    autumn = occurrences(
        utc(2026, 10, 23, 20),
        utc(2026, 10, 24, 0),
        "FREQ=DAILY;COUNT=4",
        range_start=utc(2026, 1, 1),
        range_end=utc(2027, 1, 1),
        zone=BERLIN,
    )
    assert local_starts(autumn, BERLIN) == [
        "10-23 22:00",
        "10-24 22:00",
        "10-25 22:00",
        "10-26 22:00",
    ]


def test_the_southern_hemisphere_changes_the_other_way() -> None:
    # Auckland leaves daylight saving on 5 April 2026 (UTC+13 to UTC+12).
    spans = occurrences(
        utc(2026, 4, 3, 20),
        utc(2026, 4, 3, 22),
        "FREQ=DAILY",
        range_start=utc(2026, 4, 3),
        range_end=utc(2026, 4, 7),
        zone=AUCKLAND,
    )
    assert local_starts(spans, AUCKLAND) == [
        "04-04 09:00",
        "04-05 09:00",
        "04-06 09:00",
        "04-07 09:00",
    ]
    assert [a.hour for a, _ in spans] == [20, 21, 21, 21]


def test_rfc5545_lines_with_exdate_rdate_and_until() -> None:
    text = (
        "RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=20260131T235959Z\n"
        "EXDATE:20260116T180000Z\n"
        "RDATE;TZID=Europe/Berlin:20260204T190000\n"
    )
    spans = occurrences(
        utc(2026, 1, 2, 18),
        utc(2026, 1, 2, 20),
        text,
        range_start=utc(2026, 1, 1),
        range_end=utc(2026, 3, 1),
        zone=dt.UTC,
    )
    assert [a.day for a, _ in spans] == [2, 9, 23, 30, 4]
    assert spans[-1] == (utc(2026, 2, 4, 18), utc(2026, 2, 4, 20))


def test_floating_and_date_exdates_are_local_wall_time() -> None:
    text = "RRULE:FREQ=DAILY;COUNT=3\nEXDATE:20260702T090000,20260703"
    spans = occurrences(
        utc(2026, 7, 1, 7),
        utc(2026, 7, 1, 8),
        text,  # 09:00 in Berlin (UTC+2)
        range_start=utc(2026, 1, 1),
        range_end=utc(2027, 1, 1),
        zone=BERLIN,
    )
    assert [a.day for a, _ in spans] == [1, 3]  # the DATE value only excludes a midnight


def test_a_rule_without_count_or_until_is_bounded_by_the_range() -> None:
    spans = occurrences(
        utc(2026, 1, 1, 0),
        utc(2026, 1, 1, 1),
        "FREQ=HOURLY",
        range_start=utc(2026, 1, 1),
        range_end=utc(2026, 1, 2),
        zone=dt.UTC,
    )
    assert len(spans) == 24


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=SOMETIMES", "unreadable rule 'FREQ=SOMETIMES'"),
        ("RRULE:FREQ=DAILY\nVEVENT:X", "unreadable rule"),
        ("RRULE:FREQ=DAILY\nEXDATE;TZID=Mars/Olympus:20260101T000000", "not a time zone"),
        ("RRULE:FREQ=DAILY\nEXDATE:2026-13-45", "unreadable rule"),
    ],
)
def test_an_unreadable_rule_is_named(rule: str, words: str) -> None:
    with pytest.raises(ValidationError, match="The window 'Nightly'") as caught:
        occurrences(
            utc(2026, 1, 1),
            utc(2026, 1, 2),
            rule,
            range_start=utc(2026, 1, 1),
            range_end=utc(2026, 2, 1),
            zone=dt.UTC,
            name="Nightly",
        )
    assert words in str(caught.value)


def test_a_rule_repeating_absurdly_often_is_refused_not_hung() -> None:
    with pytest.raises(ValidationError, match=f"more than {MAX_OCCURRENCES:,} times"):
        occurrences(
            utc(2026, 1, 1),
            utc(2026, 1, 1, 0, 0, 1),
            "FREQ=SECONDLY",
            range_start=utc(2026, 1, 1),
            range_end=utc(2030, 1, 1),
            zone=dt.UTC,
            name="Tick",
        )
