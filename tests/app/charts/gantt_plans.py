"""Small scheduled plans for the Gantt tests, built without a database."""

from __future__ import annotations

import dataclasses
import datetime as dt

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from app.charts.gantt_plan import GanttPlan
from app.charts.gantt_rows import chart_plan
from app.scheduling import schedule
from app.scheduling.plan import (
    CalendarSpec,
    FreezeWindow,
    LagUnit,
    LinkSpec,
    LinkType,
    PlanSpec,
    TaskSpec,
)

MONDAY = dt.datetime(2026, 3, 2, 8, 0)
DAY = 480
STATUS = dt.datetime(2026, 3, 4, 12, 0)


def release_plan(**changes: object) -> PlanSpec:
    """Release "R": a summary "Build" over design -> code (critical) and docs (float),
    then a go-live milestone; a summary "Run" with a deployment after the go-live."""
    tasks = [
        TaskSpec("build", "Build", release_id="R"),
        TaskSpec("design", "Design", 2 * DAY, parent_id="build", release_id="R"),
        TaskSpec(
            "code",
            "Write the code",
            5 * DAY,
            parent_id="build",
            release_id="R",
            percent_complete=40.0,
        ),
        TaskSpec("docs", "Docs", DAY, parent_id="build", release_id="R"),
        TaskSpec(
            "live",
            "Go-live",
            0,
            milestone=True,
            release_id="R",
            deadline=MONDAY + dt.timedelta(days=14),
        ),
        TaskSpec("run", "Run", release_id="R"),
        TaskSpec("deploy", "Deploy", DAY, parent_id="run", release_id="R", is_deployment=True),
    ]
    links = [
        LinkSpec("design", "code"),
        LinkSpec("design", "docs", LinkType.SS, 2 * DAY),
        LinkSpec("code", "live"),
        LinkSpec("docs", "live", LinkType.FF, -50, LagUnit.PERCENT),
        LinkSpec("live", "deploy", LinkType.FS, 720, LagUnit.ELAPSED),
    ]
    plan = PlanSpec(
        tasks, links, project_start=MONDAY, calendars={"standard": CalendarSpec("standard")}
    )
    return dataclasses.replace(plan, **changes) if changes else plan


def gantt(plan: PlanSpec | None = None, **options: object) -> GanttPlan:
    plan = plan or release_plan()
    return chart_plan(plan, schedule(plan), ["R"], status_date=STATUS, **options)  # type: ignore[arg-type]


def axes(width: float = 12, height: float = 4) -> Axes:
    """A fresh chart axes on a headless figure (100 dpi)."""
    figure = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(figure)
    return figure.add_axes((0.02, 0.02, 0.96, 0.85))


def with_freeze(plan: PlanSpec) -> PlanSpec:
    return dataclasses.replace(
        plan,
        freeze_windows=(
            FreezeWindow(MONDAY + dt.timedelta(days=3), MONDAY + dt.timedelta(days=4), "Freeze"),
        ),
    )
