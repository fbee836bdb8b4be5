"""Moments are stored UTC and shown and entered in local time, in any time zone."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDateTimeEdit

from app import clock
from app.dates_text import moment
from app.services import handover_service
from models.enums import Audience
from tests.ui.conftest import make_release
from tests.ui.form_driver import press_ok, when_the_form_opens
from tests.zones import local_zone
from ui.dialogs.form_dialog import Field, FormDialog

# East of UTC across a DST change, the farthest east, and west of UTC.
ZONES = ("Europe/Berlin", "Pacific/Kiritimati", "America/Los_Angeles")


@pytest.mark.parametrize("zone", ZONES)
def test_accepting_a_handover_item_now_is_saved_in_any_time_zone(editor, ctx, qtbot, zone):
    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    handover_service.add_handover_item(ws, rel.id, Audience.SUPPORT, "Runbook walkthrough")
    editor.load(rel.id)
    editor.handover.table.selectRow(0)
    with local_zone(zone):
        shown: list[dt.datetime] = []

        def read_the_default_and_press_ok(dialog: FormDialog) -> None:
            shown.append(dialog.findChild(QDateTimeEdit).dateTime().toPython())
            press_ok(qtbot, dialog)  # the values untouched, as the user left them

        when_the_form_opens(read_the_default_and_press_ok)
        assert editor.handover.accept_selected()
        assert shown
        row = editor.handover.model.row_at(0)
        # Saved as the moment it is (UTC), offered as the local wall-clock time.
        assert abs(row.accepted_at - clock.now()) < dt.timedelta(minutes=2)
        assert shown[0] == clock.to_local(row.accepted_at)
        model = editor.handover.model
        text = model.data(model.index(0, model.columnCount() - 1))  # "Acceptance"
        assert moment(clock.to_local(row.accepted_at)) in text


@pytest.mark.parametrize("zone", ZONES)
def test_a_datetime_field_shows_local_time_and_gives_back_utc(qtbot, zone):
    moment = dt.datetime(2027, 3, 28, 0, 30)  # UTC: a DST change night in Europe
    with local_zone(zone):
        dialog = FormDialog("When", [Field("at", "At", "datetime", moment)])
        qtbot.addWidget(dialog)
        edit = dialog.findChild(QDateTimeEdit)
        assert edit.dateTime().toPython() == clock.to_local(moment)
        assert dialog.values()["at"] == moment
        assert clock.to_local(moment) != moment  # none of the zones is UTC in March
