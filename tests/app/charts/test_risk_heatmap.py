"""The heat-map and trend builders (Qt-free): cells, counts, colours, click mapping."""

from __future__ import annotations

import datetime as dt

from matplotlib.figure import Figure

from app.charts.risk_heatmap import BAND_COLOURS, cell_at, draw_heatmap, draw_trend
from app.risk_scores import Band, band


def test_cells_count_risks_and_map_clicks() -> None:
    ax = Figure().add_subplot()
    cells = draw_heatmap(ax, [(5, 5), (5, 5), (1, 2)], selected=(1, 2))
    assert len(cells) == 25
    counts = {(c.probability, c.impact): c.count for c in cells}
    assert counts[(5, 5)] == 2 and counts[(1, 2)] == 1 and sum(counts.values()) == 3
    assert sorted(t.get_text() for t in ax.texts) == ["1", "2"]
    hit = cell_at(cells, 5.2, 4.9)  # x is impact, y probability
    assert hit is not None and (hit.probability, hit.impact) == (5, 5)
    assert cell_at(cells, 0.1, 3) is None and cell_at(cells, None, None) is None
    [collection] = ax.collections
    assert len(collection.get_paths()) == 25  # one collection, not an artist per cell


def test_bands() -> None:
    assert [band(s) for s in (1, 4, 5, 9, 10, 15, 16, 25)] == [
        Band.LOW, Band.LOW, Band.MEDIUM, Band.MEDIUM, Band.HIGH, Band.HIGH,
        Band.CRITICAL, Band.CRITICAL,
    ]  # fmt: skip
    assert set(BAND_COLOURS) == set(Band)


def test_trend_holds_the_last_value_until_now() -> None:
    ax = Figure().add_subplot()
    start = dt.datetime(2026, 11, 1)
    draw_trend(
        ax, [(start, 6), (start + dt.timedelta(days=3), 12)], until=start + dt.timedelta(days=9)
    )
    [line] = ax.lines
    assert list(line.get_ydata()) == [6, 12, 12]
    assert ax.get_title(loc="left") == "Exposure"
    empty = Figure().add_subplot()
    draw_trend(empty, [])
    assert [t.get_text() for t in empty.texts] == ["No risks yet"]


def test_trend_of_a_risk_recorded_a_moment_ago_draws() -> None:
    figure = Figure()
    ax = figure.add_subplot()
    now = dt.datetime(2026, 11, 25, 10, 30)
    draw_trend(ax, [(now, 12)], until=now + dt.timedelta(seconds=5))
    figure.canvas.draw()  # the date ticks are picked without a warning (warnings fail)
    low, high = ax.get_xlim()
    assert high - low >= 9.9  # days
