"""The History tab of the editor and the History view, used as a coordinator does
(issue 11 §6): edit, open the tab, choose filters, scroll for more."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from app import clock
from app.services import history_service, release_service, scope_service
from app.services.history_service import HistoryFilter
from app.workspace import Workspace
from tests.ui.conftest import make_release
from ui.editor.history_model import HistoryModel
from ui.history.history_view import HistoryView


def texts(table, column: int = 2) -> list[str]:
    model = table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def choose(qtbot, combo, text: str) -> None:
    """Pick ``text`` with the keyboard: Home, then Down until it shows."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentText() != text:
        assert combo.currentIndex() < combo.count() - 1, f"no '{text}' to choose"
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def as_priya(ws: Workspace) -> Workspace:
    return Workspace.open(ws.url.render_as_string(hide_password=False), user="Priya Raman")


def test_history_model_passes_the_model_tester(qtmodeltester, sqlite_workspace) -> None:
    release = make_release(sqlite_workspace, "Payments Core")
    for n in range(30):
        scope_service.add_scope_item(sqlite_workspace, release.id, f"Item {n}")
    model = HistoryModel(
        lambda where, after: history_service.history_page(sqlite_workspace, where, after, limit=7)
    )
    model.show(HistoryFilter())
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 31
    qtmodeltester.check(model)


def test_the_editor_history_tab_shows_an_edit_saved_in_the_details(editor, ctx, qtbot) -> None:
    release = make_release(ctx.workspace, "Payments Core")
    other = make_release(ctx.workspace, "Ledger")
    editor.load(release.id)
    editor.show()
    editor.details.name.selectAll()
    qtbot.keyClicks(editor.details.name, "Payments Core NG")
    qtbot.mouseClick(editor.details.save_button, Qt.MouseButton.LeftButton)
    priya = as_priya(ctx.workspace)
    try:
        row = release_service.get_release(priya, release.id)
        release_service.update_release(
            priya, row.id, row.version, planned_end=dt.datetime(2026, 3, 27, 17, 0)
        )
    finally:
        priya.close()

    bar = editor.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(bar.count() - 1).center())

    assert editor.tabs.currentWidget() is editor.history
    table = editor.history.table
    assert texts(table)[:3] == [
        "moved the planned end of release 'Payments Core NG' "
        "from 20 Mar 2026 17:00 to 27 Mar 2026 17:00",
        "renamed release 'Payments Core' to 'Payments Core NG'",
        "added release 'Payments Core NG'",
    ]
    assert texts(table, 1)[:2] == ["Priya Raman", "tester"]
    local = clock.to_local(clock.now())
    assert texts(table, 0)[0] in {
        f"{m.day} {m:%b %Y %H:%M}" for m in (local, local - dt.timedelta(minutes=1))
    }
    assert other.name not in " ".join(texts(table))


def test_the_history_view_filters_by_who_what_and_when(ctx, qtbot) -> None:
    release = make_release(ctx.workspace, "Payments Core")
    priya = as_priya(ctx.workspace)
    try:
        scope_service.add_scope_item(priya, release.id, "Smoke tests")
    finally:
        priya.close()
    view = HistoryView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert len(texts(view.table)) == 2

    choose(qtbot, view.user, "Priya Raman")
    assert texts(view.table) == ["added scope item 'Smoke tests'"]

    choose(qtbot, view.user, "Everyone")
    choose(qtbot, view.kind, "Release")
    assert texts(view.table) == ["added release 'Payments Core'"]

    tomorrow = clock.today() + dt.timedelta(days=1)
    view.since.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))  # a calendar pick
    assert texts(view.table) == []
    view.since.setDate(QDate(clock.today().year, clock.today().month, clock.today().day))
    assert texts(view.table) == ["added release 'Payments Core'"]


def test_the_history_view_reads_more_as_the_user_scrolls(ctx, qtbot) -> None:
    release = make_release(ctx.workspace, "Payments Core")
    for n in range(240):
        scope_service.add_scope_item(ctx.workspace, release.id, f"Item {n}")
    view = HistoryView(ctx)
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    qtbot.waitExposed(view)
    model = view.table.model()
    first = model.rowCount()
    assert 0 < first < 241

    bar = view.table.verticalScrollBar()
    while model.canFetchMore():
        bar.setValue(bar.maximum())  # as the wheel or the End key brings the end into sight
        qtbot.wait(1)

    shown = texts(view.table)
    assert len(shown) == 241 and len(set(shown)) == 241
    assert (
        shown[0] == "added scope item 'Item 239'" and shown[-1] == "added release 'Payments Core'"
    )
