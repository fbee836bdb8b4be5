"""Freeze windows and bookings created and edited from the calendar, driven as a user
does: refusals (an end before the start, an environment deleted meanwhile) are shown at
the field with the form kept open and nothing saved; a save is one undoable step."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from app.services import booking_service, cascade, freeze_service
from models import Environment
from tests.app.services.builders import audit_count
from tests.ui.calendar_world import make_calendar, open_calendar
from tests.ui.form_driver import choose, press_ok, state, toggle, type_into, when_the_form_opens
from ui.calendar.calendar_form import CalendarForm
from ui.calendar.window_forms import freeze_form


def _view(qtbot, ctx):
    world = make_calendar(ctx.workspace)
    return open_calendar(qtbot, ctx, 1300, 760), world


def refused(message: str) -> dict:
    return {"open": True, "invalid": True, "message": message, "focused": True}


def test_a_booking_ending_before_it_starts_is_refused_at_the_end(qtbot, ctx) -> None:
    view, _world = _view(qtbot, ctx)
    before = audit_count(ctx.workspace)
    seen: dict = {}

    def fill(dialog: CalendarForm) -> None:
        choose(qtbot, dialog.editors["environment_id"], "Staging")
        type_into(qtbot, dialog.editors["title"], "Soak test")
        start = dt.datetime(2027, 5, 3, 9, 0)
        dialog.set_value("start", start)
        dialog.set_value("end", start - dt.timedelta(hours=2))
        press_ok(qtbot, dialog)
        seen["end"] = state(dialog, "end")
        seen["title"] = dialog.values()["title"]

    when_the_form_opens(fill, CalendarForm)
    qtbot.mouseClick(view.toolbar.booking, Qt.MouseButton.LeftButton)
    assert seen["end"] == refused("The window must end after it starts.")
    assert seen["title"] == "Soak test"  # what was typed stays
    assert audit_count(ctx.workspace) == before  # nothing saved
    assert [b.title for b in booking_service.list_bookings(ctx.workspace)] == ["Performance test"]


def test_booking_an_environment_deleted_meanwhile_is_refused_at_the_field(qtbot, ctx) -> None:
    view, world = _view(qtbot, ctx)
    seen: dict = {}

    def fill(dialog: CalendarForm) -> None:
        choose(qtbot, dialog.editors["environment_id"], "Staging")
        type_into(qtbot, dialog.editors["title"], "Soak test")
        cascade.soft_delete(ctx.workspace, Environment, world.staging)  # a colleague's delete
        before = audit_count(ctx.workspace)
        press_ok(qtbot, dialog)
        seen["env"] = state(dialog, "environment_id")
        seen["written"] = audit_count(ctx.workspace) - before

    when_the_form_opens(fill, CalendarForm)
    qtbot.mouseClick(view.toolbar.booking, Qt.MouseButton.LeftButton)
    assert seen["env"]["open"] and seen["env"]["invalid"]
    assert seen["env"]["message"] == (
        "The chosen environment does not exist (it may have been deleted)."
    )
    assert seen["written"] == 0
    assert ctx.runner.stack.count() == 0


def test_a_booking_saved_from_the_form_shows_and_undo_removes_it(qtbot, ctx) -> None:
    view, world = _view(qtbot, ctx)

    def fill(dialog: CalendarForm) -> None:
        choose(qtbot, dialog.editors["environment_id"], "Staging")
        type_into(qtbot, dialog.editors["title"], "Soak test")
        choose(qtbot, dialog.editors["domain_id"], "Cards")
        press_ok(qtbot, dialog)

    when_the_form_opens(fill, CalendarForm)
    qtbot.mouseClick(view.toolbar.booking, Qt.MouseButton.LeftButton)
    made = [b for b in booking_service.list_bookings(ctx.workspace) if b.title == "Soak test"]
    assert [(b.environment_id, b.domain_id) for b in made] == [(world.staging, world.cards)]
    qtbot.waitUntil(lambda: any(b.title == "Soak test" for b in view.data.bars))
    ctx.runner.stack.undo()
    assert [b.title for b in booking_service.list_bookings(ctx.workspace)] == ["Performance test"]


def test_a_weekly_freeze_for_one_domain_is_made_with_the_repeat_picker(qtbot, ctx) -> None:
    view, world = _view(qtbot, ctx)

    def fill(dialog: CalendarForm) -> None:
        type_into(qtbot, dialog.editors["name"], "Friday freeze")
        picker = dialog.editors["rrule"]
        choose(qtbot, picker.frequency, "Weekly")
        toggle(qtbot, picker.days[4])  # Friday
        choose(qtbot, picker.end, "A number")
        picker.count.setValue(4)
        choose(qtbot, dialog.editors["domain_id"], "Payments")
        press_ok(qtbot, dialog)

    when_the_form_opens(fill, CalendarForm)
    qtbot.mouseClick(view.toolbar.freeze, Qt.MouseButton.LeftButton)
    [row] = freeze_service.list_freezes(ctx.workspace)
    assert (row.name, row.rrule, row.domain_id, row.environment_id) == (
        "Friday freeze",
        "FREQ=WEEKLY;BYDAY=FR;COUNT=4",
        world.payments,
        None,
    )
    ctx.runner.stack.undo()
    assert freeze_service.list_freezes(ctx.workspace) == []
    ctx.runner.stack.redo()
    assert [r.id for r in freeze_service.list_freezes(ctx.workspace)] == [row.id]


def test_editing_a_freeze_keeps_a_rule_the_picker_cannot_show(qtbot, ctx) -> None:
    make_calendar(ctx.workspace)
    start = dt.datetime(2027, 3, 31, 0, 0)
    made = freeze_service.create_freeze(
        ctx.workspace,
        "Quarter close",
        start,
        start + dt.timedelta(days=1),
        rrule="FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1",
    )
    form = freeze_form(ctx, freeze_service.get_freeze(ctx.workspace, made.id))
    qtbot.addWidget(form)
    form.show()
    type_into(qtbot, form.editors["name"], "Quarter-end close")
    press_ok(qtbot, form)
    row = freeze_service.get_freeze(ctx.workspace, made.id)
    assert (row.name, row.rrule) == (
        "Quarter-end close",
        "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1",
    )
    ctx.runner.stack.undo()
    assert freeze_service.get_freeze(ctx.workspace, made.id).name == "Quarter close"
