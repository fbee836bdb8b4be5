"""One way to write dates: the day without a leading zero, everywhere."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from app.dates_text import day, day_month, moment

ROOT = Path(__file__).resolve().parents[2]


def test_dates_read_without_a_leading_zero() -> None:
    when = dt.datetime(2026, 3, 9, 7, 5)
    assert (day_month(when), day(when), moment(when)) == (
        "9 Mar",
        "9 Mar 2026",
        "9 Mar 2026 07:05",
    )
    assert day(dt.date(2026, 12, 31)) == "31 Dec 2026"


# A date written by hand (strftime codes or a Qt display format) outside the one
# formatter; machine-readable output (CLI tables, plan files) keeps ISO dates.
HAND_WRITTEN = re.compile(r"%[bBYym]|MMM|strftime")
MACHINE = ("app/cli/", "app/interchange/", "app/dates_text.py")


def test_the_window_and_its_messages_write_dates_one_way() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for folder in ("app", "ui")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if not str(path.relative_to(ROOT)).startswith(MACHINE)
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if HAND_WRITTEN.search(line)
    ]
    assert found == []
