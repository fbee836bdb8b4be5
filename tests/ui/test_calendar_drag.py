"""Dragging on the painted timeline: a move that would clash shows the clash before the
button is let go; letting go moves the row (one undoable step) and lists the conflict;
undo takes both back."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.services import deployment_schedule
from tests.ui.calendar_world import CalendarWorld, make_calendar, open_calendar
from ui.calendar.calendar_view import CalendarView
from ui.combo import select


@pytest.fixture
def view(qtbot, ctx):
    world = make_calendar(ctx.workspace)
    widget = open_calendar(qtbot, ctx)
    select(widget.toolbar.zoom, "week")  # 150 px a day: a drag moves by the hour
    return widget, world


def _deployment_key(view: CalendarView, world: CalendarWorld) -> str:
    [bar] = [b for b in view.data.bars if b.row_id == world.deployment]
    return bar.key


def _centre(view: CalendarView, key: str) -> QPoint:
    canvas = view.canvas
    canvas.scroll_to(key)
    x, y, w, h = canvas.layout_.bar_rect(canvas.layout_.index[key])
    return QPoint(
        int(x + w / 2) - canvas.horizontalScrollBar().value(),
        int(y + h / 2) - canvas.verticalScrollBar().value(),
    )


def test_a_drag_into_a_booking_shows_the_clash_and_undo_removes_it(view, ctx, qtbot) -> None:
    view, world = view
    assert view.panel.model.rowCount() == 0
    key = _deployment_key(view, world)
    start = _centre(view, key)
    target = start + QPoint(int(2 * view.canvas.layout_.px_per_day), 0)  # two days later
    port = view.canvas.viewport()
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(port, start + QPoint(30, 0))
    QTest.mouseMove(port, target)
    # before letting go: the ghost is in the conflict colour and the tip says why
    assert view.canvas.marks.ghost_clashes
    assert "while it is booked for Performance test" in view.canvas.toolTip()
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)
    start_at, _end, _v = deployment_schedule.deployment_window(ctx.workspace, world.deployment)
    assert start_at == world.deploy_at + dt.timedelta(days=2)
    qtbot.waitUntil(lambda: view.panel.model.rowCount() == 1)
    assert key in view.canvas.marks.conflicted
    assert "Performance test" in view.panel.model.conflict(0).sentence
    ctx.runner.stack.undo()
    qtbot.waitUntil(lambda: view.panel.model.rowCount() == 0)
    start_at, _end, _v = deployment_schedule.deployment_window(ctx.workspace, world.deployment)
    assert start_at == world.deploy_at
    assert key not in view.canvas.marks.conflicted


def test_a_drag_that_clashes_with_nothing_says_where_it_goes(view, ctx, qtbot) -> None:
    view, world = view
    key = _deployment_key(view, world)
    start = _centre(view, key)
    port = view.canvas.viewport()
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(port, start - QPoint(int(view.canvas.layout_.px_per_day), 0))
    assert not view.canvas.marks.ghost_clashes
    assert "–" in view.canvas.toolTip()  # the new window, start – end
    QTest.mouseRelease(
        port,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        start - QPoint(int(view.canvas.layout_.px_per_day), 0),
    )
    start_at, _end, _v = deployment_schedule.deployment_window(ctx.workspace, world.deployment)
    assert start_at == world.deploy_at - dt.timedelta(days=1)
    assert ctx.runner.stack.count() == 1


def test_a_stale_drag_goes_to_the_conflict_dialog_and_keeps_theirs(
    view, ctx, presenter, qtbot
) -> None:
    from tests.conftest import open_colleague

    view, world = view
    key = _deployment_key(view, world)
    start = _centre(view, key)
    with open_colleague(ctx.workspace) as colleague:
        _s, _e, version = deployment_schedule.deployment_window(colleague, world.deployment)
        moved = world.deploy_at + dt.timedelta(hours=5)
        deployment_schedule.move_deployment(
            colleague, world.deployment, version, moved, moved + dt.timedelta(hours=1)
        )
    port = view.canvas.viewport()
    target = start + QPoint(int(view.canvas.layout_.px_per_day), 0)
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(port, target)
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)
    assert len(presenter.conflicts) == 1  # asked, and the recorder keeps theirs
    start_at, _end, _v = deployment_schedule.deployment_window(ctx.workspace, world.deployment)
    assert start_at == moved
    assert ctx.runner.stack.count() == 0
