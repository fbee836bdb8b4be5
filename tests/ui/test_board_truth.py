"""The board tells the truth at a glance (issue 11 §4): late badges, quick filters,
"n of N shown", empty states, and moves that keep the card selected and say so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QUndoStack
from PySide6.QtWidgets import QApplication

from app import clock
from app.services import release_service
from app.services.release_schedule import schedule_release
from app.workspace import Workspace
from models import Person
from models.enums import ReleaseStatus
from tests.ui.conftest import button, make_release
from tests.ui.test_board_view import board, drop
from ui.board.board_model import encode_ids
from ui.board.card_delegate import CARD_HEIGHT, LATE_BADGE
from ui.change_hub import ChangeHub
from ui.undo.command_runner import CommandRunner
from ui.view_registry import ViewContext


@pytest.fixture
def demo_ctx(qapp, demo_path: Path, settings, presenter) -> Iterator[ViewContext]:
    ws = Workspace.open(demo_path, user="tester")
    stack = QUndoStack()
    yield ViewContext(ws, CommandRunner(stack, ChangeHub(), presenter), ChangeHub(), settings)
    stack.clear()
    ws.close()


def _late_by_its_own_schedule(ws: Workspace) -> list[release_service.ReleaseRow]:
    """Releases whose own schedule finishes after their deadline (found from the data)."""
    out = []
    for r in release_service.list_releases(ws):
        finish = schedule_release(ws, r.id).finish
        if r.deadline is not None and finish.date() > r.deadline.date():
            out.append(r)
    return out


def _shown(view) -> set[str]:
    return {
        idx.data(Qt.ItemDataRole.DisplayRole)
        for cell in view.grid.cells.values()
        for idx in (cell.proxy.index(row, 0) for row in range(cell.proxy.rowCount()))
    }


def test_the_late_demo_release_shows_a_late_badge_and_says_why(qtbot, demo_ctx) -> None:
    [late] = _late_by_its_own_schedule(demo_ctx.workspace)
    view = board(qtbot, demo_ctx)
    delegate = view.grid.column_list(late.status).itemDelegate()
    qtbot.waitUntil(lambda: view.model.card(late.id).late, timeout=20_000)
    for card in view.model.cards():  # the badge on that card, and on no other
        assert (LATE_BADGE in delegate.badges(card)) == (card.release.id == late.id)
    tip = view.model.index_of(late.id).data(Qt.ItemDataRole.ToolTipRole)
    finish = view.model.card(late.id).scheduled_finish
    assert f"Plan finishes {finish:%a} {finish.day} {finish:%b}," in tip
    assert f"after the deadline ({late.deadline.day} {late.deadline:%b})" in tip
    assert "after the planned end" in tip


def test_n_of_n_shown_only_under_a_filter(qtbot, demo_ctx) -> None:
    view = board(qtbot, demo_ctx)
    total = view.model.rowCount()
    assert view.filter_bar.shown.text() == ""
    qtbot.keyClicks(view.filter_bar.text, "Fraud")
    assert view.filter_bar.shown.text() == f"1 of {total} shown"


def test_each_chip_filters(qtbot, demo_ctx) -> None:
    [late] = _late_by_its_own_schedule(demo_ctx.workspace)
    view = board(qtbot, demo_ctx)
    qtbot.waitUntil(lambda: view.model.card(late.id).late, timeout=20_000)
    # The owner of the first card signs in: "mine" is theirs (owned or managed).
    owner = view.model.cards()[0].release.owner_id
    with demo_ctx.workspace.transaction() as s:
        s.get(Person, owner).login = demo_ctx.workspace.user
    view.refresh()
    cards = view.model.cards()
    month = clock.today().replace(day=1)
    expected = {
        "late": {late.title},
        "high_risk": {c.release.title for c in cards if c.open_high_risks},
        "mine": {
            c.release.title
            for c in cards
            if owner in (c.release.owner_id, c.release.release_manager_id)
        },
        "this_month": {
            c.release.title
            for c in cards
            if c.release.planned_start.date() < (month + dt.timedelta(days=31)).replace(day=1)
            and c.release.planned_end.date() >= month
        },
    }
    for key, titles in expected.items():
        assert 0 < len(titles) < len(cards), key
        qtbot.mouseClick(view.filter_bar.chips[key], Qt.MouseButton.LeftButton)
        assert _shown(view) == titles, key
        qtbot.mouseClick(view.filter_bar.chips[key], Qt.MouseButton.LeftButton)
    assert len(_shown(view)) == len(cards)


def test_empty_filter_result_says_what_to_do_and_clears(qtbot, demo_ctx) -> None:
    view = board(qtbot, demo_ctx)
    qtbot.keyClicks(view.filter_bar.text, "no release is called this")
    assert view.pages.currentWidget() is view.empty
    assert view.empty.title.text() == "No release matches these filters"
    assert "clear the filters" in view.empty.text.text()
    qtbot.mouseClick(button(view.empty, "Clear filters"), Qt.MouseButton.LeftButton)
    assert view.pages.currentWidget() is view.grid
    assert view.filter_bar.text.text() == ""


def test_an_empty_board_says_how_to_start(qtbot, ctx) -> None:
    view = board(qtbot, ctx)
    assert view.pages.currentWidget() is view.empty
    assert view.empty.title.text() == "No releases yet"
    assert "New release" in view.empty.text.text()
    view.new_release("Payments Core")
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.grid)


def test_a_keyboard_move_keeps_the_card_selected_and_says_so(qtbot, ctx) -> None:
    rel = make_release(ctx.workspace, "Payments Core")
    view = board(qtbot, ctx)
    messages: list[str] = []
    view.status_message.connect(messages.append)
    assert view.grid.select_release(rel.id)
    draft = view.grid.column_list(ReleaseStatus.DRAFT)
    qtbot.keyClick(draft, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert release_service.get_release(ctx.workspace, rel.id).status == ReleaseStatus.PLANNED
    assert view.grid.selected_release_id() == rel.id
    assert messages == ["Moved Payments Core from Draft to Planned (Undo puts it back)."]


def test_a_dropped_card_stays_selected_and_the_status_bar_says_so(qtbot, window) -> None:
    view = window.view("board")
    card = next(c for c in view.model.cards() if c.release.status == ReleaseStatus.DRAFT)
    drop(view.grid.column_list(ReleaseStatus.CANCELLED), encode_ids([card.release.id]))
    assert view.grid.selected_release_id() == card.release.id
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Moved {card.release.title} from Draft to Cancelled")


def test_the_drop_target_lights_up_while_a_card_hovers(qtbot, ctx) -> None:
    rel = make_release(ctx.workspace, "Payments Core")
    view = board(qtbot, ctx)
    target = view.grid.column_list(ReleaseStatus.PLANNED)
    mime: QMimeData = encode_ids([rel.id])
    point = target.viewport().rect().center()
    enter = QDragEnterEvent(
        point,
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target.viewport(), enter)
    assert target.drop_target
    assert not view.grid.column_list(ReleaseStatus.DRAFT).drop_target
    QApplication.sendEvent(target.viewport(), QDragLeaveEvent())
    assert not target.drop_target


def test_the_drag_preview_is_the_card_as_the_column_shows_it(qtbot, ctx) -> None:
    rel = make_release(ctx.workspace, "Payments Core")
    view = board(qtbot, ctx)
    view.resize(1100, 700)  # narrow columns: the card is as wide as its column
    cell = view.grid.column_list(ReleaseStatus.DRAFT)
    qtbot.waitUntil(lambda: cell.viewport().width() < 220)
    idx = cell.proxy.mapFromSource(view.model.index_of(rel.id))
    size = cell.drag_pixmap(idx).deviceIndependentSize().toSize()
    assert size.height() == CARD_HEIGHT
    assert size.width() == cell.viewport().width() - 2 * cell.spacing()
