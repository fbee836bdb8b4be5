"""The Gantt builder on Agg: what it draws, where, in which colour, and what it leaves out."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest
from matplotlib.colors import to_rgba

from app.charts.gantt import draw_gantt, fit_span
from app.charts.gantt_geometry import from_x, to_x
from app.charts.gantt_markers import marker_path
from app.charts.gantt_rows import chart_plan
from app.charts.gantt_theme import DARK, LIGHT
from app.scheduling import schedule
from tests.app.charts.gantt_plans import (
    DAY,
    MONDAY,
    STATUS,
    axes,
    gantt,
    release_plan,
    with_freeze,
)


def _offsets_y(collection) -> list[float]:
    return sorted(collection.get_offsets()[:, 1].tolist())


def _bar_rows(art) -> list[int]:
    """The row of each task bar drawn (its polygon's middle)."""
    return sorted(round(p.vertices[:4, 1].mean()) for p in art.bars.get_paths())


def test_each_kind_of_mark_is_one_collection_with_one_element_per_mark() -> None:
    plan = gantt()
    ax = axes()
    art = draw_gantt(ax, plan)
    assert _bar_rows(art) == [1, 2, 3, 6]  # design, code, docs, deploy
    assert len(art.summaries.get_paths()) == 2
    assert _offsets_y(art.milestones) == [4.0]
    assert len(art.progress.get_paths()) == 1  # only the code is under way
    assert len(art.floats.get_paths()) == 1  # docs has float; critical tasks none
    assert _offsets_y(art.deadlines) == pytest.approx([4 - art.half_height - 0.06])
    assert art.baselines is None
    # nothing is an artist per bar: a handful of collections, whatever the plan's size
    assert len(ax.collections) == len([a for a in art.all() if a in ax.collections])
    assert len(ax.collections) <= 20 and not ax.patches


def test_one_arrow_per_link_routed_from_the_driving_end_to_the_driven_end() -> None:
    plan = gantt()
    art = draw_gantt(axes(), plan)
    paths = art.links.get_paths()
    assert len(paths) == len(plan.links) == 5
    assert len(art.arrows.get_offsets()) == len(plan.links)
    by_rows = {(round(p.vertices[0, 1]), round(p.vertices[-1, 1])): p.vertices for p in paths}
    start = {i: to_x(r.start) for i, r in enumerate(plan.rows)}
    finish = {i: to_x(r.finish) for i, r in enumerate(plan.rows)}
    ss = by_rows[(1, 3)]  # design SS docs: from design's start into docs' start
    assert ss[0, 0] == pytest.approx(start[1]) and ss[-1, 0] == pytest.approx(start[3])
    ff = by_rows[(3, 4)]  # docs FF go-live: from docs' finish into the milestone
    assert ff[0, 0] == pytest.approx(finish[3]) and ff[-1, 0] == pytest.approx(finish[4])
    # every path is an elbow: each step is horizontal or vertical
    for p in paths:
        steps = np.diff(p.vertices, axis=0)
        assert np.all((np.abs(steps[:, 0]) < 1e-9) | (np.abs(steps[:, 1]) < 1e-9))


def test_critical_colouring_follows_the_schedule() -> None:
    plan = gantt()
    art = draw_gantt(axes(), plan)
    red = np.array(to_rgba(LIGHT.critical))
    colour = dict(
        zip(
            _bar_rows(art),
            art.bars.get_facecolors()[
                np.argsort([p.vertices[:4, 1].mean() for p in art.bars.get_paths()])
            ],
            strict=True,
        )
    )
    assert [i for i, c in colour.items() if np.allclose(c, red)] == [1, 2, 6]
    assert not np.allclose(colour[3], red)  # docs has float
    # Make the docs take longer than the code: now the docs drive the go-live.
    spec = release_plan()
    docs = next(t for t in spec.tasks if t.id == "docs")
    longer = dataclasses.replace(docs, duration_minutes=12 * DAY)
    spec = dataclasses.replace(spec, tasks=[longer if t is docs else t for t in spec.tasks])
    plan = gantt(spec)
    art = draw_gantt(axes(), plan)
    rows = [p.vertices[:4, 1].mean() for p in art.bars.get_paths()]
    now_red = {
        round(y)
        for y, c in zip(rows, art.bars.get_facecolors(), strict=True)
        if np.allclose(c, red)
    }
    assert 3 in now_red and 2 not in now_red
    critical_links = [
        np.allclose(c, to_rgba(LIGHT.critical_link)) for c in art.links.get_edgecolors()
    ]
    assert sum(critical_links) == sum(k.critical for k in plan.links)


def test_baseline_bars_only_with_a_baseline_and_only_when_asked() -> None:
    plain = gantt()
    assert draw_gantt(axes(), plain, baseline=True).baselines is None
    spec = release_plan()
    early = dt.timedelta(days=1)
    tasks = [
        dataclasses.replace(t, baseline_start=MONDAY - early, baseline_finish=MONDAY)
        if t.id in {"design", "code"}
        else t
        for t in spec.tasks
    ]
    based = gantt(dataclasses.replace(spec, tasks=tasks))
    assert draw_gantt(axes(), based).baselines is None
    art = draw_gantt(axes(), based, baseline=True)
    assert len(art.baselines.get_paths()) == 2
    verts = art.baselines.get_paths()[0].vertices
    assert verts[:, 0].min() == pytest.approx(to_x(MONDAY - early))
    assert verts[:, 1].min() > 1  # under the current bar of its row (row 1), not over it
    assert based.rows[1].finish_variance_minutes is not None
    assert based.has_baseline and not plain.has_baseline


def test_milestones_are_diamonds_at_their_date() -> None:
    plan = gantt()
    art = draw_gantt(axes(), plan)
    (diamond,) = art.milestones.get_paths()
    assert np.allclose(diamond.vertices, marker_path("D").vertices)
    ((x, y),) = art.milestones.get_offsets()
    assert (x, y) == (pytest.approx(to_x(plan.rows[4].start)), 4.0)


def test_names_are_drawn_where_they_fit_and_dropped_where_they_do_not() -> None:
    plan = gantt()
    art = draw_gantt(axes(width=12), plan)
    assert art.labelled_rows == tuple(range(len(plan.rows)))
    # A view ending just after the code: no room right of it, too short to hold its
    # name, and nothing left of the plan's start: its name is dropped, not cut.
    code = plan.rows[2]
    span = (code.start - dt.timedelta(hours=2), code.finish + dt.timedelta(hours=1))
    narrow = draw_gantt(axes(width=0.8), plan, span=span)
    assert 2 not in narrow.labelled_rows
    # Rows thinner than the text: no names at all.
    thin = draw_gantt(axes(height=0.5), plan)
    assert thin.labelled_rows == ()
    assert draw_gantt(axes(), plan, labels=False).labels is None


def test_a_name_that_does_not_fit_right_of_its_bar_goes_inside_or_left() -> None:
    plan = gantt()
    deploy = plan.rows[6]
    # The view ends at the deploy's finish: its name goes left of the bar.
    art = draw_gantt(axes(width=12), plan, span=(MONDAY - dt.timedelta(days=1), deploy.finish))
    assert 6 in art.labelled_rows
    texts = art.labels.texts
    k = art.labelled_rows.index(6)
    path = texts.get_paths()[k]
    assert texts.get_offsets()[k][0] < to_x(deploy.start)
    assert path.vertices[:, 0].max() <= 0  # right-aligned at its anchor


def test_only_the_visible_rows_and_dates_are_drawn() -> None:
    plan = gantt()
    ax = axes()
    art = draw_gantt(ax, plan, rows=(2, 5))
    assert _bar_rows(art) == [2, 3]
    assert ax.get_ylim() == (4.5, 1.5)  # inverted: row 2 on top
    assert art.row_at(1.0) is None and art.row_at(2.2) == 2
    # only links with an end in view
    assert all(
        2 <= round(p.vertices[0, 1]) < 5 or 2 <= round(p.vertices[-1, 1]) < 5
        for p in art.links.get_paths()
    )
    late = (MONDAY + dt.timedelta(days=9, hours=5), MONDAY + dt.timedelta(days=12))
    art = draw_gantt(axes(), plan, span=late)
    assert _bar_rows(art) == [6]  # the deploy; the rest (floats too) ends before
    assert ax.get_xlim() != axes().get_xlim()
    x0, x1 = art.bars.axes.get_xlim()
    assert (from_x(x0), from_x(x1)) == late


def test_hit_testing_finds_the_bar_its_ends_and_the_milestone() -> None:
    plan = gantt()
    art = draw_gantt(axes(), plan)
    code = plan.rows[2]
    a, b = to_x(code.start), to_x(code.finish)
    slack = 0.05
    assert art.hit((a + b) / 2, 2.1, slack=slack).part == "bar"
    assert art.hit(b - 0.01, 2.0, slack=slack).part == "finish"
    assert art.hit(a + 0.01, 2.0, slack=slack).part == "start"
    assert art.hit(b + 1, 2.0, slack=slack) is None
    assert art.hit((a + b) / 2, 2.45, slack=slack) is None  # between the rows' bars
    hit = art.hit(to_x(plan.rows[4].start), 4.1, slack=slack)
    assert (hit.part, hit.task_id) == ("milestone", "live")
    assert art.hit(to_x(plan.rows[0].start) + 1, 0, slack=slack).part == "summary"


def test_highlighted_tasks_and_the_links_between_them_are_outlined() -> None:
    plan = gantt()
    art = draw_gantt(axes(), plan, highlight={"design", "code", "live"})
    assert len(art.highlights.get_paths()) == 3
    assert len(art.highlight_links.get_paths()) == 2  # design -> code -> go-live
    assert np.allclose(art.highlights.get_edgecolors()[0], to_rgba(LIGHT.highlight))
    assert len(draw_gantt(axes(), plan).highlights.get_paths()) == 0


def test_the_status_line_deadlines_and_freeze_windows() -> None:
    spec = with_freeze(release_plan())
    plan = gantt(spec, release_deadlines={"R": MONDAY + dt.timedelta(days=16)})
    art = draw_gantt(axes(), plan)
    xs = sorted(line.get_xdata()[0] for line in art.lines)
    assert xs == pytest.approx(sorted([to_x(plan.status_date), to_x(MONDAY) + 16]))
    shade_colours = {tuple(np.round(c, 3)) for c in art.shades.get_facecolors()}
    assert tuple(np.round(to_rgba(LIGHT.freeze), 3)) in shade_colours
    assert tuple(np.round(to_rgba(LIGHT.non_working), 3)) in shade_colours  # weekends
    assert len(art.names.get_paths()) == 3  # today, deadline, the freeze's name


def test_remove_takes_every_mark_off_the_axes() -> None:
    ax = axes()
    art = draw_gantt(ax, gantt(), highlight={"code"})
    art.remove()
    assert not ax.collections and not ax.lines and not ax.texts


def test_the_dark_theme_paints_its_own_colours() -> None:
    ax = axes()
    art = draw_gantt(ax, gantt(), theme=DARK)
    assert np.allclose(ax.get_facecolor(), to_rgba(DARK.background))
    assert any(np.allclose(c, to_rgba(DARK.critical)) for c in art.bars.get_facecolors())


def test_fit_span_shows_the_whole_plan_with_room() -> None:
    plan = gantt()
    start, finish = fit_span(plan)
    assert start < plan.start and finish > plan.finish


def test_a_portfolio_marks_where_each_release_begins() -> None:
    spec = release_plan()
    moved = [
        dataclasses.replace(t, release_id="S") if t.id in {"run", "deploy"} else t
        for t in spec.tasks
    ]
    spec = dataclasses.replace(spec, tasks=moved)
    plan = chart_plan(
        spec,
        schedule(spec),
        ["R", "S"],
        status_date=STATUS,
        release_names={"R": "Backend 1.0", "S": "Frontend 1.0"},
    )
    art = draw_gantt(axes(), plan)
    starts = sorted(p.vertices[0, 1] for p in art.separators.get_paths())
    assert starts == [-0.5, 4.5]  # above rows 0 and 5
    assert len(art.release_names.get_paths()) == 2
    assert [k.cross_release for k in plan.links].count(True) == 1  # go-live -> deploy
    assert len(draw_gantt(axes(), gantt()).separators.get_paths()) == 0
