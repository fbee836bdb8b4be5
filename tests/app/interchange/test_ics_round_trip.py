"""Property: any window written to an .ics file reads back as the same window."""

from __future__ import annotations

import datetime as dt
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from app import clock
from app.conflicts.recurrence import occurrences
from app.interchange.ics_export import IcsEvent, write_calendar
from app.interchange.ics_import import read_calendar
from tests.app.interchange.ics_checks import check_rfc5545

RANGE = (dt.datetime(2025, 1, 1), dt.datetime(2033, 1, 1))
RULES = ("", "FREQ=WEEKLY;COUNT=6", "FREQ=MONTHLY;BYMONTHDAY=1;COUNT=9", "FREQ=YEARLY")
NAMES = (
    st.text(
        alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters=" ,;:\\'\"é€"),
        min_size=1,
        max_size=200,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


@st.composite
def windows(draw: st.DrawFn) -> tuple[IcsEvent, str]:
    """A window as the workspace stores it, and its recurrence without exclusions."""
    all_day = draw(st.booleans())
    day = draw(st.dates(dt.date(2026, 1, 1), dt.date(2030, 12, 31)))
    if all_day:
        start = clock.from_local(dt.datetime.combine(day, dt.time()))
        finish = clock.from_local(
            dt.datetime.combine(day + dt.timedelta(days=draw(st.integers(1, 20))), dt.time())
        )
    else:
        start = dt.datetime.combine(day, dt.time()) + dt.timedelta(
            minutes=draw(st.integers(0, 1439))
        )
        finish = start + dt.timedelta(minutes=draw(st.integers(1, 3000)))
    rule = draw(st.sampled_from(RULES))
    text = rule
    if rule and draw(st.booleans()):  # leave out the second occurrence
        second = occurrences(start, finish, rule, range_start=RANGE[0], range_end=RANGE[1])[1][0]
        value = (
            f"EXDATE;VALUE=DATE:{clock.to_local(second):%Y%m%d}"
            if all_day
            else f"EXDATE:{second:%Y%m%dT%H%M%SZ}"
        )
        text = f"RRULE:{rule}\n{value}"
    event = IcsEvent(
        uid=f"{draw(st.uuids())}@releasedesk",
        sequence=draw(st.integers(0, 50)),
        kind="freeze",
        summary=draw(NAMES),
        start=start,
        finish=finish,
        all_day=all_day,
        rrule=text,
    )
    return event, text


@settings(max_examples=60, deadline=None)
@given(st.lists(windows(), min_size=1, max_size=5, unique_by=lambda w: w[0].uid))
def test_windows_survive_the_round_trip(drawn: list[tuple[IcsEvent, str]]) -> None:
    out = io.BytesIO()
    write_calendar(out, [e for e, _ in drawn], dt.datetime(2026, 12, 1, 12), "Test")
    check_rfc5545(out.getvalue())
    read = {w.uid: w for w in read_calendar(out.getvalue(), "property.ics").windows}
    for event, text in drawn:
        window = read[event.uid]
        assert (window.name, window.start, window.finish, window.all_day, window.kind) == (
            event.summary,
            event.start,
            event.finish,
            event.all_day,
            "freeze",
        )
        assert occurrences(
            window.start, window.finish, window.rrule, range_start=RANGE[0], range_end=RANGE[1]
        ) == occurrences(event.start, event.finish, text, range_start=RANGE[0], range_end=RANGE[1])
