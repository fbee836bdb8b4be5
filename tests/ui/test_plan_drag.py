"""Dragging bars over a holiday of the task's calendar: the end lands where the mouse
was released, and a dropped bar starts on the calendar's next working time."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtCore import QPoint, Qt

from app.scheduling.plan import CalendarException, CalendarSpec, LinkSpec, PlanSpec, TaskSpec
from app.services.plan_service import import_plan
from app.services.task_snapshot import task_snapshot
from tests.plan_documents import PlanDocument
from ui.plan.plan_view import PlanView

from .plan_view_helpers import DAY, MONDAY, shown_view

HOLIDAY = dt.date(2026, 3, 6)  # the Friday of the first week


@pytest.fixture
def view(qtbot, workspace, presenter, tmp_path):
    calendar = CalendarSpec("standard", exceptions=(CalendarException(HOLIDAY, HOLIDAY),))
    plan = PlanSpec(
        [TaskSpec("d", "Design", 2 * DAY), TaskSpec("x", "Docs", DAY)],
        [LinkSpec("d", "x")],
        calendars={"standard": calendar},
        project_start=MONDAY,
    )
    release_id = import_plan(workspace, PlanDocument("Holiday", plan)).release_id
    widget = shown_view(qtbot, workspace, presenter, tmp_path, release_id)
    yield widget
    widget.ctx.runner.stack.clear()


def _drag(qtbot, view: PlanView, row: int, x: int, days: int) -> None:
    canvas, w = view.canvas, view.canvas.span_view
    y = int(canvas.header_px + (row + 0.5) * w.row_px - w.scroll_px)
    to = x + round(w.day_px * days)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    qtbot.mouseMove(canvas, QPoint(to, y))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(to, y))


def test_dragging_an_end_over_a_holiday_finishes_where_it_was_released(view, qtbot):
    docs = view.plan.rows[1]
    assert docs.finish == dt.datetime(2026, 3, 4, 17, 0)  # Wednesday
    w = view.canvas.span_view
    _drag(qtbot, view, 1, int(w.x_of(docs.finish)) - 2, 5)  # to Monday 17:00
    # Thursday and Monday are worked; the Friday holiday and the weekend are not.
    qtbot.waitUntil(lambda: view.plan.rows[1].duration_minutes == 3 * DAY)
    assert view.plan.rows[1].finish == dt.datetime(2026, 3, 9, 17, 0)


def test_a_bar_dropped_on_a_holiday_starts_the_next_working_morning(view, qtbot):
    docs = view.plan.rows[1]
    w = view.canvas.span_view
    middle = int((w.x_of(docs.start) + w.x_of(docs.finish)) / 2)
    _drag(qtbot, view, 1, middle, 2)  # Wednesday to the Friday holiday
    monday = dt.datetime(2026, 3, 9, 8, 0)
    qtbot.waitUntil(lambda: view.plan.rows[1].start == monday)
    stored = task_snapshot(view.ctx.workspace, uuid.UUID(docs.task_id))
    assert stored.constraint_date == monday
    assert view.ctx.runner.stack.undoText().startswith("Edit")
