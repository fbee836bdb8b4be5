"""Dragging an item to another day of the month grid: the day it would land on is
outlined in the conflict colour, with the clash in a tip, before the drop; the drop
moves it by as many days (one undoable step) and undo brings it back."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app import clock
from app.services import deployment_schedule
from tests.ui.calendar_world import make_calendar, open_calendar
from ui.calendar.calendar_view import month_start
from ui.combo import select


def test_dragging_a_deployment_to_another_day_moves_it_and_undo_brings_it_back(ctx, qtbot) -> None:
    world = make_calendar(ctx.workspace)
    view = open_calendar(qtbot, ctx)
    view.grid_month = month_start(clock.to_local(world.deploy_at).date())
    select(view.toolbar.mode, "grid")
    grid = view.grid
    grid.grab()  # paints it: the chips' places are known once painted
    [bar] = [b for b in view.data.bars if b.row_id == world.deployment]
    [chip] = [rect for rect, key in grid._hits if key == bar.key]
    start = chip.center().toPoint()
    taken = grid.cell_at(chip.center())
    target = grid._cell(taken + 2).center().toPoint()  # two days later
    QTest.mousePress(grid, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(grid, start + QPoint(10, 0))
    QTest.mouseMove(grid, target)
    assert grid._target == (taken + 2, True)  # outlined as a clash, before letting go
    assert "while it is booked for Performance test" in grid.toolTip()
    QTest.mouseRelease(grid, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)
    start_at, _end, _v = deployment_schedule.deployment_window(ctx.workspace, world.deployment)
    assert clock.to_local(start_at) == clock.to_local(world.deploy_at) + dt.timedelta(days=2)
    qtbot.waitUntil(lambda: view.panel.model.rowCount() == 1)
    assert bar.key in grid.conflicted
    ctx.runner.stack.undo()
    qtbot.waitUntil(lambda: view.panel.model.rowCount() == 0)
    start_at, _end, _v = deployment_schedule.deployment_window(ctx.workspace, world.deployment)
    assert start_at == world.deploy_at


def test_a_drop_on_the_day_it_came_from_changes_nothing(ctx, qtbot) -> None:
    world = make_calendar(ctx.workspace)
    view = open_calendar(qtbot, ctx)
    view.grid_month = month_start(clock.to_local(world.deploy_at).date())
    select(view.toolbar.mode, "grid")
    view.grid.grab()
    [bar] = [b for b in view.data.bars if b.row_id == world.deployment]
    [chip] = [rect for rect, key in view.grid._hits if key == bar.key]
    start = chip.center().toPoint()
    QTest.mousePress(view.grid, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(view.grid, start + QPoint(6, 0))
    QTest.mouseRelease(
        view.grid, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(6, 0)
    )
    assert ctx.runner.stack.count() == 0
