"""The calendar view shows a release window at the hours the editor shows, and a drag
saves the wall-clock hours it was dropped on — in Berlin and in Auckland."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services import release_service
from tests.ui.calendar_world import make_calendar, open_calendar
from tests.zones import far_zone  # noqa: F401  # a fixture
from ui.calendar.bars import RELEASE

pytestmark = pytest.mark.usefixtures("far_zone")


def test_a_release_window_shows_and_moves_at_its_wall_clock_hours(ctx, qtbot) -> None:
    ws = ctx.workspace
    world = make_calendar(ws)
    day = world.deploy_at.date()
    start, end = dt.datetime.combine(day, dt.time(9)), dt.datetime.combine(day, dt.time(17))
    version = release_service.get_release(ws, world.release).version
    release_service.update_release(ws, world.release, version, planned_start=start, planned_end=end)
    view = open_calendar(qtbot, ctx)
    [bar] = [b for b in view.data.bars if b.kind == RELEASE and b.row_id == world.release]
    assert (bar.start, bar.end) == (start, end)  # what the editor's fields hold
    hour = dt.timedelta(hours=1)
    assert view.move(bar, start + hour, end + hour)
    moved = release_service.get_release(ws, world.release)
    assert (moved.planned_start, moved.planned_end) == (start + hour, end + hour)
    ctx.runner.stack.undo()
    back = release_service.get_release(ws, world.release)
    assert (back.planned_start, back.planned_end) == (start, end)
