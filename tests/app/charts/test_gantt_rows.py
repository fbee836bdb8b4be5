"""Gantt rows from a scheduled plan (no database), and the timescale's names."""

from __future__ import annotations

import dataclasses
import datetime as dt
from itertools import pairwise

import pytest

from app.charts.gantt_geometry import from_x, to_x
from app.charts.gantt_plan import ShadeKind
from app.charts.gantt_rows import constraint_text, lag_text
from app.charts.gantt_ticks import scale_for, tier_names
from app.scheduling.plan import ConstraintType, LagUnit, LinkSpec, LinkType
from tests.app.charts.gantt_plans import MONDAY, gantt, release_plan, with_freeze


def test_rows_in_outline_order_with_numbers_levels_and_project_predecessors() -> None:
    plan = gantt()
    assert [(r.number, r.level, r.label) for r in plan.rows] == [
        (1, 0, "Build"),
        (2, 1, "Design"),
        (3, 1, "Write the code"),
        (4, 1, "Docs"),
        (5, 0, "Go-live"),
        (6, 0, "Run"),
        (7, 1, "Deploy"),
    ]
    assert [r.predecessors for r in plan.rows] == [
        "",
        "",
        "2",
        "2SS+2d",
        "3, 4FF-50%",
        "",
        "5FS+12eh",
    ]
    live = plan.rows[4]
    assert live.milestone and live.critical and live.deadline == MONDAY + dt.timedelta(days=14)
    assert plan.rows[0].summary and plan.rows[6].deployment
    assert plan.rows[3].total_float_minutes > 0 and plan.rows[3].late_finish > plan.rows[3].finish
    assert plan.row_of("docs") == 3 and plan.row_of("nothing") is None
    assert plan.release_names == {"R": "R"} and plan.problems == ()


def test_the_critical_filter_keeps_critical_tasks_their_summaries_and_their_numbers() -> None:
    plan = gantt(critical_only=True)
    assert [r.number for r in plan.rows] == [1, 2, 3, 5, 6, 7]  # not the docs (row 4)
    assert all(k.critical for k in plan.links)
    assert len(plan.links) == 3  # the docs' links left with it


def test_the_text_filter_keeps_matching_names_under_their_summaries() -> None:
    plan = gantt(text="  DEPLOY ")
    assert [r.label for r in plan.rows] == ["Run", "Deploy"]
    assert gantt(text="nothing like it").rows == ()


def test_the_domain_filter_keeps_the_releases_of_that_domain() -> None:
    assert len(gantt(domain_id="d1", release_domains={"R": "d1"}).rows) == 7
    assert gantt(domain_id="d2", release_domains={"R": "d1"}).rows == ()


def test_shades_weekends_freezes_and_blackouts() -> None:
    spec = with_freeze(release_plan())
    plan = gantt(spec)
    kinds = {s.kind for s in plan.shades}
    assert kinds == {ShadeKind.NON_WORKING, ShadeKind.FREEZE}
    weekend = next(s for s in plan.shades if s.kind is ShadeKind.NON_WORKING and s.start > MONDAY)
    assert (weekend.start, weekend.finish) == (dt.datetime(2026, 3, 7), dt.datetime(2026, 3, 9))
    window = spec.freeze_windows[0]
    blackout = gantt(spec, blackouts={(window.start, window.finish, window.name)})
    assert ShadeKind.BLACKOUT in {s.kind for s in blackout.shades}


def test_a_loader_anchor_is_no_constraint_of_the_users() -> None:
    spec = release_plan()
    design = spec.tasks[1]
    anchored = dataclasses.replace(design, constraint=ConstraintType.SNET, constraint_date=MONDAY)
    spec = dataclasses.replace(spec, tasks=[anchored if t is design else t for t in spec.tasks])
    assert gantt(spec).rows[1].constraint == "Start no earlier than 2 Mar 2026 08:00"
    assert gantt(spec, anchored={"design"}).rows[1].constraint == ""


@pytest.mark.parametrize(
    ("link", "text"),
    [
        (LinkSpec("a", "b"), ""),
        (LinkSpec("a", "b", LinkType.FS, 960), "+2d"),
        (LinkSpec("a", "b", LinkType.SS, -240), "-4h"),
        (LinkSpec("a", "b", LinkType.FF, 30), "+30m"),
        (LinkSpec("a", "b", LinkType.FS, 2880, LagUnit.ELAPSED), "+2ed"),
        (LinkSpec("a", "b", LinkType.SF, -25, LagUnit.PERCENT), "-25%"),
    ],
)
def test_lags_in_microsoft_projects_notation(link: LinkSpec, text: str) -> None:
    assert lag_text(link, 480) == text


def test_constraints_in_words() -> None:
    assert constraint_text(ConstraintType.ASAP, None) == ""
    assert constraint_text(ConstraintType.ALAP, None) == "As late as possible"
    assert constraint_text(ConstraintType.MFO, MONDAY) == "Must finish on 2 Mar 2026 08:00"


def test_chart_x_is_days_and_goes_back_to_the_minute() -> None:
    when = dt.datetime(2027, 4, 3, 13, 45)
    assert from_x(to_x(when)) == when
    assert to_x(when + dt.timedelta(days=1)) - to_x(when) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("pixels_per_day", "days", "lower", "upper"),
    [
        (40.0, 10, ["2", "3", "4"], ["2 Mar 2026", "9 Mar 2026"]),  # day zoom
        (10.0, 60, ["2 Mar", "9 Mar"], ["Mar 2026", "Apr 2026"]),  # week zoom
        (2.0, 200, ["Mar", "Apr"], ["Q1 2026", "Q2 2026"]),  # month zoom
        (0.5, 800, ["Q2", "Q3"], ["2026", "2027"]),  # quarter zoom (Q1: too little left)
    ],
)
def test_the_timescale_reads_well_at_every_zoom(
    pixels_per_day: float, days: int, lower: list[str], upper: list[str]
) -> None:
    start = to_x(dt.datetime(2026, 3, 2))
    minor, major = tier_names((start, start + days), pixels_per_day)
    assert [name for _x, name in minor[: len(lower)]] == lower
    assert [name for _x, name in major[: len(upper)]] == upper
    gaps = [b - a for (a, _), (b, _) in pairwise(minor)]
    assert min(gaps) * pixels_per_day >= 28  # names never crowd each other


def test_the_unit_cut_by_the_left_edge_is_named_at_the_edge() -> None:
    start = to_x(dt.datetime(2026, 3, 18))  # mid-month, mid-week
    minor, major = tier_names((start, start + 60), 10.0)
    assert major[0] == (start, "Mar 2026")
    assert minor[0][1] == "16 Mar" and minor[0][0] == start
    assert scale_for(0.1) == ("year", None)
