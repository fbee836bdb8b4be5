"""File → Export calendar… and File → Import calendar windows…, end to end.

The file dialogs are replaced; export and import run on the worker thread for real, so
each test waits for it. On both databases (the ``workspace`` fixture).
"""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
from PySide6.QtWidgets import QFileDialog

from app.interchange.ics_errors import CalendarFileError
from app.services import release_service
from app.services.calendar_exchange import export_calendar
from tests.app.interchange.calendar_world import make_calendar, window_count, windows_of
from tests.ui.form_driver import choose, press_ok, state, toggle, when_the_form_opens
from ui.interchange.calendar_transfer import FILE_FILTER, IMPORT_FILTERS
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, workspace, settings, presenter):
    make_calendar(workspace)
    win = MainWindow(workspace, settings, presenter=presenter)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.calendar_files.wait()


def _file_menu(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()[0].menu().actions()]


def test_the_actions_are_in_the_file_menu(window) -> None:
    texts = _file_menu(window)
    assert texts.index("Export calendar…") + 1 == texts.index("Import calendar windows…")
    assert texts.index("Import calendar windows…") < texts.index("Quit")


def test_export_writes_the_chosen_file(window, qtbot, monkeypatch, tmp_path: Path) -> None:
    asked: list[tuple[str, str]] = []

    def get_save_file_name(_parent, _caption, suggested, file_filter, *_args):
        asked.append((suggested, file_filter))
        return str(tmp_path / "team calendar"), file_filter  # no suffix typed

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    when_the_form_opens(lambda form: press_ok(qtbot, form))  # everything, as it opens
    window.calendar_files.act_export.trigger()
    path = tmp_path / "team calendar.ics"
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage() == f"Exported 8 events to {path}."
    events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert len(events) == 8
    assert asked[0][0].endswith(" calendar.ics") and asked[0][1] == FILE_FILTER


def test_export_of_one_domain_and_some_kinds(window, qtbot, monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "mobile.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(path), FILE_FILTER))
    seen: dict[str, dict] = {}

    def fill(form) -> None:
        choose(qtbot, form.editors["domain"], "Mobile")
        for kind in ("release", "deployment", "milestone", "freeze", "blackout", "holiday"):
            toggle(
                qtbot, form.editors[f"kind_{kind}"]
            )  # nothing left to export: refused at the field
        press_ok(qtbot, form)
        seen["none"] = state(form, "kind_holiday")
        toggle(qtbot, form.editors["kind_holiday"])
        toggle(qtbot, form.editors["kind_release"])
        press_ok(qtbot, form)

    when_the_form_opens(fill)
    window.calendar_files.act_export.trigger()
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage())
    assert seen["none"]["open"] and seen["none"]["invalid"]
    assert seen["none"]["message"] == "Choose at least one kind of event to export."
    events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == ["App 7.1", "Founders' day"]


def test_cancelling_the_export_form_writes_nothing(window, qtbot, monkeypatch) -> None:
    asked: list[object] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: asked.append(a) or ("", ""))
    when_the_form_opens(lambda form: form.reject())
    window.calendar_files.act_export.trigger()
    assert asked == [] and not window.calendar_files.busy


def test_export_refuses_a_file_it_did_not_write(
    window, qtbot, monkeypatch, tmp_path: Path, presenter
) -> None:
    foreign = tmp_path / "holidays.ics"
    foreign.write_text("BEGIN:VCALENDAR\r\nPRODID:-//Someone else//EN\r\nEND:VCALENDAR\r\n")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(foreign), FILE_FILTER))
    when_the_form_opens(lambda form: press_ok(qtbot, form))
    window.calendar_files.act_export.trigger()
    qtbot.waitUntil(lambda: bool(presenter.errors))
    assert isinstance(presenter.errors[0], CalendarFileError)
    assert "-//Someone else//" in foreign.read_text()
    assert "the workspace is unchanged" in window.statusBar().currentMessage()


def test_import_adds_windows_and_reimport_updates(
    window, qtbot, monkeypatch, tmp_path: Path, infos
) -> None:
    path = tmp_path / "bank holidays.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Gov//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:easter-2027@gov\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Easter Monday\r\n"
        b"DTSTART;VALUE=DATE:20270329\r\nCATEGORIES:Holiday\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    filters: list[str] = []

    def get_open_file_name(_parent, _caption, _folder, file_filter, *_args):
        filters.append(file_filter)
        return str(path), FILE_FILTER

    monkeypatch.setattr(QFileDialog, "getOpenFileName", get_open_file_name)
    published: list[tuple] = []
    window.hub.changed.connect(published.append)
    before = window_count(window.workspace)
    window.calendar_files.act_import.trigger()
    qtbot.waitUntil(lambda: bool(infos))
    assert infos[0] == (
        "bank holidays.ics: 1 window created, 0 updated, 0 unchanged.\n\n"
        "Edit → Undo takes the import back."
    )
    assert filters == [IMPORT_FILTERS]
    easter = windows_of(window.workspace)["Easter Monday"]
    assert easter.kind.value == "holiday" and easter.ical_uid == "easter-2027@gov"
    assert [c.ids for c in published[0]] == [(easter.id,)]  # the views hear of it
    window.calendar_files.act_import.trigger()
    qtbot.waitUntil(lambda: len(infos) == 2)
    assert infos[1] == "bank holidays.ics: 0 windows created, 0 updated, 1 unchanged."
    assert window_count(window.workspace) == before + 1
    assert window.undo_stack.count() == 1  # the unchanged re-import is no step


def test_undo_takes_an_import_back_and_redo_brings_it_again(
    window, qtbot, monkeypatch, tmp_path: Path, infos
) -> None:
    path = tmp_path / "team.ics"
    export = tmp_path / "ours.ics"
    export_calendar(window.workspace, export)
    path.write_bytes(
        export.read_bytes()
        .replace(b"SUMMARY:Founders' day", b"SUMMARY:Founders' day (moved)")
        .replace(b"END:VCALENDAR", NEW_EVENT + b"END:VCALENDAR")
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(path), FILE_FILTER))
    before = {n: (w.id, w.version) for n, w in windows_of(window.workspace).items()}
    window.calendar_files.act_import.trigger()
    qtbot.waitUntil(lambda: bool(infos))
    after = set(windows_of(window.workspace))
    assert {"Carnival", "Founders' day (moved)"} <= after and "Founders' day" not in after
    window.act_undo.trigger()
    assert {n: w.id for n, w in windows_of(window.workspace).items()} == {
        n: i for n, (i, _v) in before.items()
    }
    window.act_redo.trigger()
    assert set(windows_of(window.workspace)) == after
    assert window.presenter.errors == []


NEW_EVENT = (
    b"BEGIN:VEVENT\r\nUID:carnival@example.com\r\nDTSTAMP:20260101T000000Z\r\n"
    b"SUMMARY:Carnival\r\nDTSTART;VALUE=DATE:20270208\r\nEND:VEVENT\r\n"
)


def test_a_malformed_file_is_named_and_nothing_imported(
    window, qtbot, monkeypatch, tmp_path: Path, presenter
) -> None:
    path = tmp_path / "broken.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(path), FILE_FILTER))
    before = window_count(window.workspace)
    window.calendar_files.act_import.trigger()
    qtbot.waitUntil(lambda: bool(presenter.errors))
    assert str(presenter.errors[0]) == (
        "Cannot import broken.ics: the file ends inside VEVENT begun on line 3 "
        "(no END:VEVENT): it seems cut short"
    )
    assert window_count(window.workspace) == before
    assert release_service.list_releases(window.workspace)  # the window still works


def test_cancelling_the_dialogs_does_nothing(window, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: ("", ""))
    before = window_count(window.workspace)
    when_the_form_opens(lambda form: press_ok(qtbot, form))
    window.calendar_files.act_export.trigger()
    window.calendar_files.act_import.trigger()
    assert not window.calendar_files.busy
    assert window_count(window.workspace) == before
