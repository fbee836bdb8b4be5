"""The calendar view: conflicts listed (a list model through qtmodeltester) and marked;
choosing one selects and shows its items; its fix applies in one undoable step; lanes
by domain or environment, filters, the month grid; colleagues' changes arrive live."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.changes import Change, ChangeAction
from app.services import booking_service, deployment_schedule
from tests.conftest import open_colleague
from tests.ui.calendar_world import make_calendar, open_calendar
from ui import theme
from ui.calendar.bars import BOOKING, DEPLOYMENT, RELEASE
from ui.combo import select


@pytest.fixture
def clash(qtbot, ctx):
    """The view on a world whose deployment lies in Cards' booking of Staging."""
    world = make_calendar(ctx.workspace)
    _s, _e, version = deployment_schedule.deployment_window(ctx.workspace, world.deployment)
    at = world.deploy_at + dt.timedelta(days=2)
    deployment_schedule.move_deployment(
        ctx.workspace, world.deployment, version, at, at + dt.timedelta(hours=2)
    )
    return open_calendar(qtbot, ctx), world


def test_the_conflict_list_is_a_sound_model_and_names_the_clash(clash, qtmodeltester) -> None:
    view, _world = clash
    qtmodeltester.check(view.panel.model)
    assert view.panel.model.rowCount() == 1
    text = view.panel.model.index(0).data()
    assert text.startswith("Environment clash · Checkout 1.0 deploys to Staging")
    assert view.panel.title.text() == "Conflicts (1)"


def test_choosing_a_conflict_selects_its_items_and_scrolls_to_them(clash, qtbot) -> None:
    view, world = clash
    view.canvas.horizontalScrollBar().setValue(0)
    view.panel.choose(0)
    keys = {i.id for i in view.panel.model.conflict(0).items}
    assert view.canvas.marks.selected == keys
    assert f"booking:{world.booking}" in keys
    x, _y, _w, _h = view.canvas.layout_.bar_rect(view.canvas.layout_.index[sorted(keys)[0]])
    left = view.canvas.horizontalScrollBar().value()
    assert left < x < left + view.canvas.viewport().width()
    assert view.panel.fix.isEnabled()


def test_the_suggested_fix_moves_the_deployment_after_the_booking_and_undoes(
    clash, ctx, qtbot
) -> None:
    view, world = clash
    view.panel.choose(0)
    qtbot.mouseClick(view.panel.fix, Qt.MouseButton.LeftButton)
    booking = booking_service.get_booking(ctx.workspace, world.booking)
    start, _end, _v = deployment_schedule.deployment_window(ctx.workspace, world.deployment)
    assert start == booking.end
    qtbot.waitUntil(lambda: view.panel.model.rowCount() == 0)
    assert ctx.runner.stack.count() == 1
    ctx.runner.stack.undo()
    qtbot.waitUntil(lambda: view.panel.model.rowCount() == 1)


def test_lanes_follow_domains_or_environments_and_filters_hide_kinds(clash) -> None:
    view, _world = clash
    assert [lane.title for lane in view.canvas.layout_.lanes] == ["Cards", "Payments"]
    select(view.toolbar.lanes, True)
    assert [lane.title for lane in view.canvas.layout_.lanes][:2] == ["Staging", "No environment"]
    view.toolbar.kind_actions[DEPLOYMENT].setChecked(False)
    shown = {p.bar.kind for p in view.canvas.layout_.placed}
    assert DEPLOYMENT not in shown and {RELEASE, BOOKING} <= shown
    assert view.toolbar.kinds.text() == "Kinds (7)"


def test_the_domain_filter_keeps_that_domains_items(clash) -> None:
    view, world = clash
    select(view.toolbar.domain, world.cards)
    assert {p.bar.domain_name for p in view.canvas.layout_.placed} == {"Cards"}


def test_the_month_grid_lists_the_days_items_and_clicks_select(clash, qtbot) -> None:
    view, world = clash
    select(view.toolbar.mode, "grid")
    assert view.pages.currentWidget() is view.grid
    day = world.deploy_at + dt.timedelta(days=2)
    view.grid_month = day.date().replace(day=1)
    view.refresh()
    view.grid.repaint()
    [(rect, key)] = [(r, k) for r, k in view.grid._hits if k == f"booking:{world.booking}"][:1]
    QTest.mouseClick(
        view.grid,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        rect.center().toPoint(),
    )
    assert view.selected == {key}


def test_a_colleagues_change_arrives_live(clash, ctx, qtbot) -> None:
    view, world = clash
    with open_colleague(ctx.workspace) as colleague:
        b = booking_service.get_booking(colleague, world.booking)
        change = booking_service.update_booking(colleague, b.id, b.version, title="Soak test")
    ctx.hub.publish(change, remote=True)  # what live updates deliver
    qtbot.waitUntil(lambda: any(b.title == "Soak test" for b in view.data.bars))


def test_the_today_line_is_painted_where_today_is(clash) -> None:
    view, _world = clash
    today = view.canvas.marks.today
    assert today is not None
    view.scroll_to_today()
    x = view.canvas.layout_.x_of(today) - view.canvas.horizontalScrollBar().value()
    assert 0 < x < view.canvas.viewport().width()
    image = view.canvas.viewport().grab().toImage()
    colour = image.pixelColor(QPoint(int(x), view.canvas.viewport().height() - 5))
    assert colour.name() == theme.colours().accent


def test_unconcerned_changes_leave_the_calendar_alone(clash, ctx) -> None:
    view, _world = clash
    ctx.hub.publish(Change("scope_item", ChangeAction.UPDATED, ()))
    assert not view._refresh_timer.isActive()
    ctx.hub.publish(Change("environment_booking", ChangeAction.UPDATED, ()))
    assert view._refresh_timer.isActive()


def test_a_booking_deleted_from_the_calendar_comes_back_with_undo(clash, ctx, qtbot) -> None:
    view, world = clash
    key = f"booking:{world.booking}"
    assert view.delete_item(key)
    assert booking_service.list_bookings(ctx.workspace) == []
    qtbot.waitUntil(lambda: all(b.key != key for b in view.data.bars))
    ctx.runner.stack.undo()
    assert [b.id for b in booking_service.list_bookings(ctx.workspace)] == [world.booking]
    assert not view.delete_item(f"deployment:{world.deployment}")  # edited elsewhere


def test_the_zoom_mode_and_lanes_are_remembered(clash, ctx, qtbot) -> None:
    view, _world = clash
    select(view.toolbar.zoom, "week")
    select(view.toolbar.lanes, True)
    again = open_calendar(qtbot, ctx)
    assert (again.toolbar.zoom.currentData(), again.toolbar.lanes.currentData()) == ("week", True)
    assert again.canvas.layout_.px_per_day == 150.0


def test_moving_a_release_window_or_a_booking_is_one_undoable_step(clash, ctx) -> None:
    from app.services import release_service

    view, world = clash
    release = release_service.get_release(ctx.workspace, world.release)
    [window] = [b for b in view.data.bars if b.kind == RELEASE and b.row_id == world.release]
    day = dt.timedelta(days=1)
    assert view.move(window, window.start + day, window.end + 2 * day)
    moved = release_service.get_release(ctx.workspace, world.release)
    assert (moved.planned_start, moved.planned_end) == (
        release.planned_start + day,
        release.planned_end + 2 * day,
    )
    was = booking_service.get_booking(ctx.workspace, world.booking).start
    [held] = [b for b in view.data.bars if b.kind == BOOKING]
    assert view.move(held, held.start - day, held.end)
    assert booking_service.get_booking(ctx.workspace, world.booking).start == was - day
    ctx.runner.stack.undo()
    assert booking_service.get_booking(ctx.workspace, world.booking).start == was
    ctx.runner.stack.undo()
    back = release_service.get_release(ctx.workspace, world.release)
    assert (back.planned_start, back.planned_end) == (release.planned_start, release.planned_end)


def test_the_selected_item_moves_and_deletes_by_keyboard(clash, ctx, qtbot) -> None:
    view, world = clash
    key = f"booking:{world.booking}"
    was = booking_service.get_booking(ctx.workspace, world.booking)
    view.canvas.scroll_to(key)
    view.select({key})
    view.canvas.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(view.canvas, Qt.Key.Key_Right, ctrl)  # a day later (quarter zoom)
    moved = booking_service.get_booking(ctx.workspace, world.booking)
    assert (moved.start, moved.end) == (
        was.start + dt.timedelta(days=1),
        was.end + dt.timedelta(days=1),
    )
    qtbot.waitUntil(lambda: view.data.bars and any(b.key == key for b in view.data.bars))
    qtbot.keyClick(view.canvas, Qt.Key.Key_Delete)
    assert booking_service.list_bookings(ctx.workspace) == []
    assert view.key_help()[1][0][0] == "Ctrl+← / Ctrl+→"
