"""Calendar rows of ``bench_ui.py``: 5,000 items (fixed seed) laid out, painted and
scrolled on the calendar's painted timeline, and the month grid painted; and one step
of a drag (the conflicts the moved item would have) among 5,000 engine items.

Targets (issue 13): 5,000 items paint in at most 0.3 s; scrolling without visible lag
(each scrolled frame well under 16 ms would be smooth; under 50 ms reads as no lag); a
drag step, checked on every mouse move, under 50 ms.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
import uuid
from dataclasses import replace

from ui.calendar.bars import (
    BLACKOUT,
    BOOKING,
    DEADLINE,
    DEPLOYMENT,
    FREEZE,
    HOLIDAY,
    MILESTONE,
    RELEASE,
    Bar,
)

SEED = 20261201
ITEMS = 5000
KINDS = (RELEASE, DEPLOYMENT, DEPLOYMENT, DEPLOYMENT, BOOKING, MILESTONE, DEADLINE)
ORIGIN = dt.datetime(2027, 1, 1)
DAYS = 182


def bars(count: int = ITEMS, seed: int = SEED) -> list[Bar]:
    """``count`` items over half a year in 8 domains and 5 environments, a few bands."""
    rng = random.Random(seed)
    domains = [(uuid.UUID(int=rng.getrandbits(128)), f"Domain {i}") for i in range(8)]
    envs = [(uuid.UUID(int=rng.getrandbits(128)), f"Env {i}") for i in range(5)]
    colours = (
        "#3b6fd8",
        "#c2410c",
        "#2f9e60",
        "#9333ea",
        "#0e7490",
        "#be123c",
        "#4d7c0f",
        "#a16207",
    )
    out = []
    for n in range(count):
        kind = BAND_KINDS[n % len(BAND_KINDS)] if n % 250 == 0 else rng.choice(KINDS)
        start = ORIGIN + dt.timedelta(hours=rng.randrange(DAYS * 24))
        hours = {RELEASE: rng.randint(200, 900), BOOKING: rng.randint(8, 72)}.get(kind, 2)
        if kind in BAND_KINDS:
            hours = rng.randint(24, 120)
        d = rng.randrange(len(domains))
        e = rng.randrange(len(envs))
        out.append(
            Bar(
                key=f"{kind}:{n}",
                kind=kind,
                title=f"Item {n} of {domains[d][1]}",
                start=start,
                end=start + dt.timedelta(hours=hours),
                table="deployment",
                row_id=uuid.UUID(int=n + 1),
                version=1,
                domain_id=domains[d][0],
                domain_name=domains[d][1],
                colour=colours[d],
                environment_id=envs[e][0],
                environment_name=envs[e][1],
            )
        )
    return out


BAND_KINDS = (FREEZE, BLACKOUT, HOLIDAY)


def _ms(seconds: float) -> float:
    return seconds * 1000


def calendar_rows() -> list[tuple[str, float, str]]:
    """Timings of the calendar's canvas and month grid on :func:`bars`."""
    from PySide6.QtWidgets import QApplication

    from ui.calendar.month_grid import MonthGrid
    from ui.calendar.timeline_canvas import TimelineCanvas
    from ui.calendar.timeline_layout import ZOOMS, lay_out

    items = bars()
    rows: list[tuple[str, float, str]] = []
    t = time.perf_counter()
    lay = lay_out(items, ORIGIN, DAYS, ZOOMS["month"])
    rows.append(
        (f"calendar: lay out {len(items)} items (month zoom)", _ms(time.perf_counter() - t), "—")
    )
    canvas = TimelineCanvas()
    canvas.resize(1600, 950)
    canvas.set_layout(lay, "month")
    canvas.show()
    QApplication.processEvents()
    for zoom in ("month", "quarter"):
        lay = lay_out(items, ORIGIN, DAYS, ZOOMS[zoom])
        canvas.set_layout(lay, zoom)
        t = time.perf_counter()
        canvas.viewport().repaint()
        rows.append(
            (
                f"calendar: paint {len(items)} items ({zoom} zoom, 1600x950)",
                _ms(time.perf_counter() - t),
                "<= 300 ms",
            )
        )
    frames, cpu = [], []
    moves = [(canvas.horizontalScrollBar(), step * 60) for step in range(40)]
    moves += [(canvas.verticalScrollBar(), step * 40) for step in range(20)]
    for scrollbar, value in moves:  # quarter zoom: the most items on screen
        scrollbar.setValue(value)
        t, c = time.perf_counter(), time.process_time()
        canvas.viewport().repaint()
        frames.append(_ms(time.perf_counter() - t))
        cpu.append(_ms(time.process_time() - c))
    rows.append(("calendar: scrolled frame, median of 60", statistics.median(frames), "< 50 ms"))
    rows.append(("calendar: scrolled frame, worst of 60", max(frames), "< 50 ms"))
    rows.append(("calendar: scrolled frame, CPU median", statistics.median(cpu), "< 50 ms"))
    grid = MonthGrid()
    grid.resize(1600, 950)
    grid.show()
    grid.set_month(ORIGIN.date().replace(month=3), items)
    QApplication.processEvents()
    t = time.perf_counter()
    grid.repaint()
    rows.append(
        (
            "calendar: month grid paint (5,000 items loaded)",
            _ms(time.perf_counter() - t),
            "<= 300 ms",
        )
    )
    canvas.close()
    grid.close()
    rows.extend(drag_rows())
    return rows


def drag_rows(size: int = ITEMS) -> list[tuple[str, float, str]]:
    """A drag's steps on ``size`` engine items (``bench_conflicts``' portfolio): a
    deployment and a freeze moved an hour at a time, the new conflicts worked out."""
    from bench_conflicts import SEED as PORTFOLIO_SEED
    from bench_conflicts import YEAR, portfolio

    from app.conflicts.items import ItemKind
    from ui.calendar import calendar_source
    from ui.calendar.bars import local

    items = portfolio(size, random.Random(PORTFOLIO_SEED))
    items = [  # the windows made up have no row; a dragged one is a row's
        replace(i, row_id=uuid.UUID(int=n + 1), table="calendar_exception")
        if i.row_id is None
        else i
        for n, i in enumerate(items)
    ]
    data = calendar_source.CalendarData(local(YEAR), local(YEAR + dt.timedelta(days=365)))
    data.items = items
    data.conflicts = data.conflicts_of(items)
    rows = []
    for kind in (ItemKind.DEPLOYMENT, ItemKind.FREEZE):
        item = next(i for i in items[::-1] if i.kind is kind)
        bar = calendar_source.bar_of(item, {}, {})
        steps = []
        for hours in range(1, 21):
            step = dt.timedelta(hours=hours)
            t = time.perf_counter()
            calendar_source.new_conflicts(data, bar.moved(bar.start + step, bar.end + step))
            steps.append(_ms(time.perf_counter() - t))
        if kind is ItemKind.DEPLOYMENT:  # the first step also indexes the load
            rows.append((f"calendar: first drag step ({len(items):,} items)", steps[0], "< 50 ms"))
        rows.append(
            (
                f"calendar: drag step, {kind.value} ({len(items):,} items), median of 20",
                statistics.median(steps),
                "< 50 ms",
            )
        )
    return rows


if __name__ == "__main__":
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.application import make_application

    app = make_application(["bench"])
    for name, ms, target in calendar_rows():
        print(f"{name:<58} {ms:8.1f}  {target}")
