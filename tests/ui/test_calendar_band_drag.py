"""Dragging a freeze window on the timeline, by its name in the strip under the axis:
a one-off window moves (its clash shown before the drop), an occurrence of a repeated
window moves the whole series; both are one undoable, version-checked step."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app import clock
from app.services import freeze_service
from tests.ui.calendar_world import make_calendar, open_calendar
from ui.calendar.calendar_view import CalendarView
from ui.calendar.timeline_layout import HEADER_H, STRIP_TOP
from ui.combo import select


@pytest.fixture
def world(ctx):
    return make_calendar(ctx.workspace)


def _open(qtbot, ctx) -> CalendarView:
    view = open_calendar(qtbot, ctx)
    select(view.toolbar.zoom, "week")  # 150 px a day: a drag moves by the hour
    return view


def _chip(view: CalendarView, key: str) -> QPoint:
    """The middle of the band's name chip in the strip under the axis."""
    canvas = view.canvas
    canvas.scroll_to(key)
    band = canvas.layout_.index[key]
    x = (band.x0 + band.x1) / 2 - canvas.horizontalScrollBar().value()
    return QPoint(int(x), (STRIP_TOP + HEADER_H) // 2)


def _drag(view: CalendarView, start: QPoint, days: int) -> QPoint:
    """Press on ``start``, move ``days`` later; returns where the mouse is (not let go)."""
    port = view.canvas.viewport()
    target = start + QPoint(int(days * view.canvas.layout_.px_per_day), 0)
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(port, start + QPoint(20, 0))
    QTest.mouseMove(port, target)
    return target


def _release(view: CalendarView, at: QPoint) -> None:
    port = view.canvas.viewport()
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)


def _bars_of(view: CalendarView, row_id: uuid.UUID):
    return sorted((b for b in view.data.bars if b.row_id == row_id), key=lambda b: b.start)


def test_dragging_a_freeze_onto_a_deployment_shows_the_clash_and_undo_moves_it_back(
    world, ctx, qtbot
) -> None:
    day = world.deploy_at.replace(hour=0)
    freeze = freeze_service.create_freeze(
        ctx.workspace, "Quarter close", day - dt.timedelta(days=3), day - dt.timedelta(days=2)
    ).id
    view = _open(qtbot, ctx)
    assert view.panel.model.rowCount() == 0
    [bar] = _bars_of(view, freeze)
    at = _drag(view, _chip(view, bar.key), 3)
    # before letting go: the ghost band is in the conflict colour and the tip says why
    assert view.canvas.marks.ghost_clashes
    assert "falls in the freeze 'Quarter close'" in view.canvas.toolTip()
    _release(view, at)
    row = freeze_service.get_freeze(ctx.workspace, freeze)
    assert clock.to_local(row.start) == clock.to_local(day - dt.timedelta(days=3)) + dt.timedelta(
        days=3
    )
    assert row.finish - row.start == dt.timedelta(days=1)
    qtbot.waitUntil(lambda: view.panel.model.rowCount() == 1)
    assert "Quarter close" in view.panel.model.conflict(0).sentence
    assert ctx.runner.stack.count() == 1
    ctx.runner.stack.undo()
    qtbot.waitUntil(lambda: view.panel.model.rowCount() == 0)
    assert freeze_service.get_freeze(ctx.workspace, freeze).start == day - dt.timedelta(days=3)


def test_dragging_the_end_of_a_freeze_resizes_it(world, ctx, qtbot) -> None:
    day = world.deploy_at.replace(hour=0)
    freeze = freeze_service.create_freeze(
        ctx.workspace, "Audit", day - dt.timedelta(days=4), day - dt.timedelta(days=3)
    ).id
    view = _open(qtbot, ctx)
    [bar] = _bars_of(view, freeze)
    canvas = view.canvas
    canvas.scroll_to(bar.key)
    band = canvas.layout_.index[bar.key]
    edge = QPoint(
        int(band.x1 - canvas.horizontalScrollBar().value()) - 2, (STRIP_TOP + HEADER_H) // 2
    )
    at = _drag(view, edge, 2)
    _release(view, at)
    row = freeze_service.get_freeze(ctx.workspace, freeze)
    assert row.start == day - dt.timedelta(days=4)  # the start stays
    assert clock.to_local(row.finish) == clock.to_local(day - dt.timedelta(days=3)) + dt.timedelta(
        days=2
    )


def test_dragging_an_occurrence_moves_every_occurrence_of_the_series(world, ctx, qtbot) -> None:
    day = world.deploy_at.replace(hour=0)
    first = day - dt.timedelta(days=15)
    freeze = freeze_service.create_freeze(
        ctx.workspace,
        "Weekly batch",
        first,
        first + dt.timedelta(days=1),
        rrule="FREQ=WEEKLY;COUNT=4",
    ).id
    view = _open(qtbot, ctx)
    assert view.panel.model.rowCount() == 0
    occurrences = _bars_of(view, freeze)
    assert len(occurrences) == 4 and all(b.movable for b in occurrences)
    before_deploy = [b for b in occurrences if b.end <= clock.to_local(world.deploy_at)][-1]
    at = _drag(view, _chip(view, before_deploy.key), 1)
    assert "moves every occurrence" in view.canvas.toolTip()
    assert view.canvas.marks.ghost_clashes  # the moved occurrence covers the deployment
    _release(view, at)
    row = freeze_service.get_freeze(ctx.workspace, freeze)
    assert clock.to_local(row.start) == clock.to_local(first) + dt.timedelta(days=1)
    assert row.rrule == "FREQ=WEEKLY;COUNT=4"
    assert ctx.runner.stack.undoText().startswith("Move every occurrence of 'Weekly batch'")
    qtbot.waitUntil(lambda: view.panel.model.rowCount() == 1)
    moved = _bars_of(view, freeze)
    assert [b.start for b in moved] == [b.start + dt.timedelta(days=1) for b in occurrences]
    ctx.runner.stack.undo()
    qtbot.waitUntil(lambda: view.panel.model.rowCount() == 0)
    assert freeze_service.get_freeze(ctx.workspace, freeze).start == first


def test_a_series_that_ends_on_a_date_keeps_its_last_occurrence_when_moved(
    world, ctx, qtbot
) -> None:
    day = world.deploy_at.replace(hour=0)
    first = day - dt.timedelta(days=15)
    last = first + dt.timedelta(days=21)
    until = f"{last.year:04}{last.month:02}{last.day:02}T{last.hour:02}0000"
    freeze = freeze_service.create_freeze(
        ctx.workspace, "Weekly batch", first, first + dt.timedelta(days=1),
        rrule=f"FREQ=WEEKLY;UNTIL={until}",
    ).id  # fmt: skip
    view = _open(qtbot, ctx)
    occurrences = _bars_of(view, freeze)
    assert len(occurrences) == 4
    at = _drag(view, _chip(view, occurrences[0].key), 2)
    _release(view, at)
    qtbot.waitUntil(lambda: _bars_of(view, freeze)[0].start != occurrences[0].start)
    moved = _bars_of(view, freeze)
    assert [b.start for b in moved] == [b.start + dt.timedelta(days=2) for b in occurrences]
