"""Working calendars as working-minute ordinals.

A :class:`WorkingCalendar` numbers every working minute of its calendar: ordinal 0 is
the start of its anchor day and each working minute adds one. Per day it keeps the
cumulative working minutes before that day (``_cum``) and which working-time pattern
the day has, so

* datetime -> ordinal is O(1) (date arithmetic plus a walk over at most a few intervals),
* ordinal -> datetime is O(log days) (``bisect`` over the cumulative minutes),
* adding working minutes to an ordinal is a plain integer addition.

The day table covers a window around the plan and grows lazily in whole years in
either direction when a conversion falls outside it.

Microsoft Project writes the end of a working day as 17:00 *or* as 08:00 of the next
working day; both are the same ordinal here. Going back to a datetime the caller says
which one it wants: a *finish* maps to the end of the previous working interval
(17:00), a *start* to the beginning of the next one (08:00).

"Wall" minutes (``date.toordinal() * 1440 + minute of day``) are plain integers for
wall-clock time, used for elapsed durations and when several calendars meet.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import compress, pairwise, repeat
from operator import is_

import numpy as np

from app.scheduling.errors import CalendarError
from app.scheduling.plan import CalendarSpec, WorkingTime

MINUTES_PER_DAY = 1440
_GROW_DAYS = 366
_MAX_SPAN_DAYS = 366 * 120  # a calendar that needs more than this has no usable working time

_UNIX_EPOCH_WALL = dt.date(1970, 1, 1).toordinal() * MINUTES_PER_DAY
_holiday_cache: dict[tuple[str, int], frozenset[int]] = {}


def _holiday_ordinals(country: str, year: int) -> frozenset[int]:
    """Public holidays of ``country`` (``"DE"`` or ``"DE-BY"``) in ``year`` as date ordinals."""
    key = (country, year)
    cached = _holiday_cache.get(key)
    if cached is not None:
        return cached
    import holidays  # imported lazily: loading the package costs ~0.1 s

    code, _, subdiv = country.partition("-")
    try:
        table = holidays.country_holidays(code.upper(), subdiv=subdiv or None, years=year)
    except (NotImplementedError, KeyError) as exc:
        raise CalendarError(
            f'No public holidays are known for country "{country}"; '
            "use an ISO 3166 code such as DE, FR or US."
        ) from exc
    result = frozenset(day.toordinal() for day in table)
    _holiday_cache[key] = result
    return result


def _minutes(times: Iterable[WorkingTime], where: str) -> tuple[tuple[int, int], ...]:
    """Working times as sorted ``(start, end)`` minute-of-day pairs; 00:00 as an end is 1440."""
    pairs = []
    for wt in times:
        start = wt.start.hour * 60 + wt.start.minute
        end = wt.end.hour * 60 + wt.end.minute
        if end == 0:
            end = MINUTES_PER_DAY
        if end <= start:
            raise CalendarError(
                f"{where}: working time {wt.start:%H:%M}-{wt.end:%H:%M} ends before it starts."
            )
        pairs.append((start, end))
    pairs.sort()
    for (_, end1), (start2, _) in pairwise(pairs):
        if start2 < end1:
            raise CalendarError(f"{where}: working times overlap.")
    return tuple(pairs)


class WorkingCalendar:
    """One :class:`~app.scheduling.plan.CalendarSpec` turned into working-minute ordinals."""

    __slots__ = (
        "_cum",
        "_dt_cache",
        "_exceptions",
        "_first",
        "_ord_cache",
        "_pat",
        "_pattern_ids",
        "_patterns",
        "_wall_cache",
        "_week",
        "_work",
        "spec",
    )

    def __init__(self, spec: CalendarSpec, anchor: dt.date, days_before: int = 400,
                 days_after: int = 3 * 366) -> None:
        self.spec = spec
        self._patterns: list[tuple[tuple[int, int], ...]] = []
        self._work: list[int] = []  # working minutes per pattern
        self._pattern_ids: dict[tuple[tuple[int, int], ...], int] = {}
        if len(spec.week) != 7:
            raise CalendarError(f'Calendar "{spec.name}" must describe 7 week days, Monday first.')
        self._week = [
            self._pattern(_minutes(day, f'Calendar "{spec.name}"')) for day in spec.week
        ]
        # Exceptions as (first ordinal, last ordinal, pattern id); later ones win.
        self._exceptions = [
            (
                exc.start.toordinal(),
                exc.finish.toordinal(),
                self._pattern(_minutes(exc.working_times, f'Calendar "{spec.name}" {exc.name}')),
            )
            for exc in spec.exceptions
        ]
        if not any(self._work[p] for p in self._week) and not any(
            self._work[p] for _, _, p in self._exceptions
        ):
            raise CalendarError(f'Calendar "{spec.name}" has no working time at all.')
        # Plans repeat the same instants a lot (the conversions are pure: growing the
        # table keeps every ordinal); index 0 = starts, 1 = finishes.
        self._dt_cache: tuple[dict[int, dt.datetime], dict[int, dt.datetime]] = ({}, {})
        self._wall_cache: tuple[dict[int, int], dict[int, int]] = ({}, {})
        self._ord_cache: dict[int, int] = {}
        anchor_ord = anchor.toordinal()
        self._first = anchor_ord
        self._pat: list[int] = []
        self._cum: list[int] = [0]
        self._grow_forward(days_after)
        self._grow_backward(days_before)

    # -- table building -------------------------------------------------------------
    def _pattern(self, intervals: tuple[tuple[int, int], ...]) -> int:
        pid = self._pattern_ids.get(intervals)
        if pid is None:
            pid = len(self._patterns)
            self._patterns.append(intervals)
            self._work.append(sum(e - s for s, e in intervals))
            self._pattern_ids[intervals] = pid
        return pid

    def _day_patterns(self, first: int, count: int) -> list[int]:
        """Pattern id of each day ``first .. first + count - 1`` (date ordinals)."""
        week = self._week
        # date.fromordinal(1) is a Monday, so (ordinal - 1) % 7 is the weekday, Monday = 0.
        pats = [week[(o - 1) % 7] for o in range(first, first + count)]
        country = self.spec.holiday_country
        if country:
            empty = self._pattern(())
            y0 = dt.date.fromordinal(first).year
            y1 = dt.date.fromordinal(first + count - 1).year
            for year in range(y0, y1 + 1):
                for o in _holiday_ordinals(country, year):
                    if first <= o < first + count:
                        pats[o - first] = empty
        for lo, hi, pid in self._exceptions:
            for o in range(max(lo, first), min(hi, first + count - 1) + 1):
                pats[o - first] = pid
        return pats

    def _check_span(self, extra: int) -> None:
        if len(self._pat) + extra > _MAX_SPAN_DAYS:
            raise CalendarError(
                f'Calendar "{self.spec.name}": the schedule runs more than a century away '
                "from the project start; check constraint dates, lags and working times."
            )

    def _grow_forward(self, days: int = _GROW_DAYS) -> None:
        self._check_span(days)
        start = self._first + len(self._pat)
        pats = self._day_patterns(start, days)
        work = self._work
        cum = self._cum
        total = cum[-1]
        for p in pats:
            total += work[p]
            cum.append(total)
        self._pat.extend(pats)

    def _grow_backward(self, days: int = _GROW_DAYS) -> None:
        self._check_span(days)
        start = self._first - days
        pats = self._day_patterns(start, days)
        work = self._work
        total = self._cum[0]
        before = [0] * days
        for i in range(days - 1, -1, -1):
            total -= work[pats[i]]
            before[i] = total
        self._cum = before + self._cum
        self._pat = pats + self._pat
        self._first = start

    # -- conversions ----------------------------------------------------------------
    def ordinal_of_wall(self, wall: int) -> int:
        """Working-minute ordinal of a wall minute (non-working time maps to the next work)."""
        cached = self._ord_cache.get(wall)
        if cached is None:
            cached = self._ord_cache[wall] = self._ordinal_of_wall(wall)
        return cached

    def _ordinal_of_wall(self, wall: int) -> int:
        day, minute = divmod(wall, MINUTES_PER_DAY)
        k = day - self._first
        while k < 0:
            self._grow_backward()
            k = day - self._first
        while k >= len(self._pat):
            self._grow_forward()
        off = 0
        for s, e in self._patterns[self._pat[k]]:
            if minute <= s:
                break
            if minute < e:
                off += minute - s
                break
            off += e - s
        return self._cum[k] + off

    def ordinal(self, when: dt.datetime) -> int:
        """Working-minute ordinal of ``when`` (seconds are ignored)."""
        return self.ordinal_of_wall(wall_minute(when))

    def wall_of(self, ordinal: int, finish: bool) -> int:
        """Wall minute of ``ordinal``.

        A finish ends the previous working interval, a start opens the next one.
        """
        cache = self._wall_cache[finish]
        cached = cache.get(ordinal)
        if cached is None:
            cached = cache[ordinal] = self._wall_of(ordinal, finish)
        return cached

    def _wall_of(self, ordinal: int, finish: bool) -> int:
        while True:
            cum = self._cum
            if finish:
                if ordinal <= cum[0]:
                    self._grow_backward()
                    continue
                if ordinal > cum[-1]:
                    self._grow_forward()
                    continue
                k = bisect_left(cum, ordinal) - 1
                rest = ordinal - cum[k]
                for s, e in self._patterns[self._pat[k]]:
                    if rest <= e - s:
                        return (self._first + k) * MINUTES_PER_DAY + s + rest
                    rest -= e - s
            else:
                if ordinal < cum[0]:
                    self._grow_backward()
                    continue
                if ordinal >= cum[-1]:
                    self._grow_forward()
                    continue
                k = bisect_right(cum, ordinal) - 1
                rest = ordinal - cum[k]
                for s, e in self._patterns[self._pat[k]]:
                    if rest < e - s:
                        return (self._first + k) * MINUTES_PER_DAY + s + rest
                    rest -= e - s
            raise AssertionError("working-time table is inconsistent")  # pragma: no cover

    def datetime_of(self, ordinal: int, finish: bool) -> dt.datetime:
        """``ordinal`` as a datetime; ``finish`` picks 17:00 over 08:00 of the next day."""
        cache = self._dt_cache[finish]
        cached = cache.get(ordinal)
        if cached is None:
            cached = cache[ordinal] = wall_to_datetime(self.wall_of(ordinal, finish))
        return cached

    def datetimes_of(self, ordinals: list[int], finish: bool) -> list[dt.datetime]:
        """:meth:`datetime_of` for many ordinals (converting each distinct one once)."""
        cache = self._dt_cache[finish]
        result = list(map(cache.get, ordinals))
        if None in result:
            missing = list(set(compress(ordinals, map(is_, result, repeat(None)))))
            walls = self._walls_of(np.array(missing, dtype=np.int64), finish)
            # datetime64 minutes since 1970 -> datetime objects, in C
            stamps = (walls - _UNIX_EPOCH_WALL).astype("datetime64[m]").tolist()
            cache.update(zip(missing, stamps, strict=True))
            result = list(map(cache.__getitem__, ordinals))
        return result

    def _walls_of(self, ordinals: np.ndarray, finish: bool) -> np.ndarray:
        """:meth:`wall_of` for an array of ordinals, vectorised."""
        lo, hi = int(ordinals.min()), int(ordinals.max())
        while lo < self._cum[0] or (finish and lo <= self._cum[0]):
            self._grow_backward()
        while hi > self._cum[-1] or (not finish and hi >= self._cum[-1]):
            self._grow_forward()
        cum = np.array(self._cum, dtype=np.int64)
        # The day holding each ordinal: a start opens the next working minute, a finish
        # ends the previous one (days without work are skipped either way).
        k = np.searchsorted(cum, ordinals, side="left" if finish else "right") - 1
        rest = ordinals - cum[k]
        # Minute of day of the rest-th working minute's start (or end), per pattern.
        tables = [
            np.concatenate([np.arange(s + finish, e + finish) for s, e in intervals] or [[]])
            for intervals in self._patterns
        ]
        first = np.cumsum([0] + [len(t) for t in tables])[:-1]
        minute = np.concatenate(tables).astype(np.int64)[
            first[np.array(self._pat, dtype=np.int64)[k]] + rest - finish
        ]
        return (self._first + k) * MINUTES_PER_DAY + minute

    def add(self, when: dt.datetime, minutes: int, finish: bool = True) -> dt.datetime:
        """``when`` plus ``minutes`` of working time (negative goes back)."""
        return self.datetime_of(self.ordinal(when) + minutes, finish)

    def work_between(self, a: dt.datetime, b: dt.datetime) -> int:
        """Working minutes from ``a`` to ``b`` (negative when ``b`` is before ``a``)."""
        return self.ordinal(b) - self.ordinal(a)

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` has any working time."""
        k = day.toordinal() - self._first
        while k < 0:
            self._grow_backward()
            k = day.toordinal() - self._first
        while k >= len(self._pat):
            self._grow_forward()
        return self._work[self._pat[k]] > 0


def wall_minute(when: dt.datetime) -> int:
    """Wall-clock minute number of a naive datetime (``date.toordinal() * 1440 + minute``)."""
    return when.toordinal() * MINUTES_PER_DAY + when.hour * 60 + when.minute


def wall_to_datetime(wall: int) -> dt.datetime:
    """Inverse of :func:`wall_minute`."""
    day, minute = divmod(wall, MINUTES_PER_DAY)
    hour, minute = divmod(minute, 60)
    d = dt.date.fromordinal(day)
    return dt.datetime(d.year, d.month, d.day, hour, minute)
