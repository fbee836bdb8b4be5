"""A repeated window moved on the calendar keeps its end and exceptions: ``shifted``
moves UNTIL, EXDATE and RDATE values with it, in the form they had."""

from __future__ import annotations

import datetime as dt

from app.conflicts.recurrence import occurrences, shifted

DAY = dt.timedelta(days=1)


def test_a_bare_rule_moves_its_until_and_keeps_the_rest() -> None:
    rule = "FREQ=WEEKLY;BYDAY=FR;UNTIL=20270326T000000Z"
    assert shifted(rule, DAY) == "FREQ=WEEKLY;BYDAY=FR;UNTIL=20270327T000000Z"
    assert shifted("FREQ=WEEKLY;COUNT=4", DAY) == "FREQ=WEEKLY;COUNT=4"
    assert shifted(rule, dt.timedelta(0)) == rule


def test_imported_lines_move_their_exceptions_dates_by_whole_days() -> None:
    rule = "RRULE:FREQ=DAILY;UNTIL=20270310\nEXDATE;VALUE=DATE:20270303,20270305"
    assert shifted(rule, -DAY - dt.timedelta(hours=1)) == (
        "RRULE:FREQ=DAILY;UNTIL=20270309\nEXDATE;VALUE=DATE:20270302,20270304"
    )


def test_the_moved_series_has_as_many_occurrences_as_before() -> None:
    start = dt.datetime(2027, 3, 1, 8)
    rule = "RRULE:FREQ=DAILY;UNTIL=20270305T080000Z\nEXDATE:20270303T080000Z"
    span = {"range_start": start - 10 * DAY, "range_end": start + 30 * DAY, "zone": dt.UTC}
    before = occurrences(start, start + dt.timedelta(hours=2), rule, **span)
    later = start + 2 * DAY
    after = occurrences(later, later + dt.timedelta(hours=2), shifted(rule, 2 * DAY), **span)
    assert len(before) == len(after) == 4
    assert [a for a, _b in after] == [a + 2 * DAY for a, _b in before]
