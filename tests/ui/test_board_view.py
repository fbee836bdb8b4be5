"""The planning board: drag-and-drop transitions, refusals in words, undo/redo, filters."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.services import release_service
from models.enums import ReleaseStatus
from tests.ui.conftest import make_release
from ui.board.board_model import encode_ids
from ui.board.board_view import BoardView
from ui.board.column_list import ColumnList


def drop(view: ColumnList, mime: QMimeData) -> None:
    """What Qt delivers when a card is released over ``view``."""
    pos = QPointF(view.viewport().rect().center())
    port = view.viewport()
    buttons, mods, action = (
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.DropAction.MoveAction,
    )
    point = pos.toPoint()  # drag enter/move events take integer positions
    QApplication.sendEvent(port, QDragEnterEvent(point, action, mime, buttons, mods))
    QApplication.sendEvent(port, QDragMoveEvent(point, action, mime, buttons, mods))
    QApplication.sendEvent(port, QDropEvent(pos, action, mime, buttons, mods))


def board(qtbot, ctx) -> BoardView:
    view = BoardView(ctx)
    qtbot.addWidget(view)
    view.resize(1600, 800)
    view.show()
    return view


def status(ctx, rid) -> ReleaseStatus:
    return release_service.get_release(ctx.workspace, rid).status


def test_drag_to_next_column_transitions(qtbot, ctx) -> None:
    rel = make_release(ctx.workspace, "Payments Core")
    view = board(qtbot, ctx)
    drop(view.grid.column_list(ReleaseStatus.PLANNED), encode_ids([rel.id]))
    assert status(ctx, rel.id) == ReleaseStatus.PLANNED
    assert view.grid.count(ReleaseStatus.PLANNED) == 1
    assert view.grid.count(ReleaseStatus.DRAFT) == 0
    assert not view.banner.isVisible()


def test_refused_drop_explains_the_gate(qtbot, ctx) -> None:
    rel = make_release(ctx.workspace, "Payments Core")
    release_service.transition_release(ctx.workspace, rel.id, ReleaseStatus.PLANNED)
    view = board(qtbot, ctx)
    drop(view.grid.column_list(ReleaseStatus.APPROVED), encode_ids([rel.id]))
    assert status(ctx, rel.id) == ReleaseStatus.PLANNED
    assert view.banner.isVisible()
    text = view.banner.text()
    assert "cannot move to Approved" in text
    assert "no scope items" in text
    assert "sign-off from every required stakeholder" in text
    assert view.grid.count(ReleaseStatus.PLANNED) == 1
    assert ctx.runner.stack.count() == 0  # a refused move is not an undo step


def test_lifecycle_refusal_for_skipping_states(qtbot, ctx) -> None:
    rel = make_release(ctx.workspace, "Payments Core")
    view = board(qtbot, ctx)
    drop(view.grid.column_list(ReleaseStatus.DEPLOYED), encode_ids([rel.id]))
    assert "Draft releases cannot move to Deployed" in view.banner.text()


def test_undo_and_redo_a_transition(qtbot, ctx) -> None:
    rel = make_release(ctx.workspace, "Payments Core")
    view = board(qtbot, ctx)
    assert view.transition(rel.id, ReleaseStatus.PLANNED)
    stack = ctx.runner.stack
    stack.undo()
    assert status(ctx, rel.id) == ReleaseStatus.DRAFT
    assert view.grid.count(ReleaseStatus.DRAFT) == 1
    stack.redo()
    assert status(ctx, rel.id) == ReleaseStatus.PLANNED
    assert view.grid.count(ReleaseStatus.PLANNED) == 1


def test_keyboard_move_and_delete_with_undo(qtbot, ctx) -> None:
    rel = make_release(ctx.workspace, "Payments Core")
    view = board(qtbot, ctx)
    draft = view.grid.column_list(ReleaseStatus.DRAFT)
    assert draft.focus_row(0)
    qtbot.keyClick(draft, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert status(ctx, rel.id) == ReleaseStatus.PLANNED
    planned = view.grid.column_list(ReleaseStatus.PLANNED)
    planned.focus_row(0)
    qtbot.keyClick(planned, Qt.Key.Key_Delete)
    assert view.model.rowCount() == 0
    ctx.runner.stack.undo()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)


def test_filter_bar_narrows_columns(qtbot, ctx) -> None:
    make_release(ctx.workspace, "Payments Core")
    make_release(ctx.workspace, "Mobile Wallet")
    view = board(qtbot, ctx)
    qtbot.keyClicks(view.filter_bar.text, "wallet")
    assert view.grid.count(ReleaseStatus.DRAFT) == 1
    view.filter_bar.text.clear()
    assert view.grid.count(ReleaseStatus.DRAFT) == 2


def test_swimlanes_split_cells_by_domain(qtbot, demo_path, settings, presenter) -> None:
    from PySide6.QtGui import QUndoStack

    from app.workspace import Workspace
    from ui.change_hub import ChangeHub
    from ui.undo.command_runner import CommandRunner
    from ui.view_registry import ViewContext

    ws = Workspace.open(demo_path, user="tester")
    try:
        ctx = ViewContext(
            ws, CommandRunner(QUndoStack(), ChangeHub(), presenter), ChangeHub(), settings
        )
        view = board(qtbot, ctx)
        total = sum(view.grid.count(s) for s in ReleaseStatus)
        view.filter_bar.lanes.setChecked(True)
        lanes = view.lanes()
        assert len(lanes) >= 3
        assert len(view.grid.cells) == len(lanes) * len(ReleaseStatus)
        assert sum(view.grid.count(s) for s in ReleaseStatus) == total
        assert settings.flag("board/swimlanes")
    finally:
        ws.close()


def test_selection_changed_follows_the_one_selected_card(qtbot, ctx) -> None:
    draft = make_release(ctx.workspace, "Payments Core")
    planned = make_release(ctx.workspace, "Identity Platform")
    release_service.transition_release(ctx.workspace, planned.id, ReleaseStatus.PLANNED)
    view = board(qtbot, ctx)
    with qtbot.waitSignal(view.selection_changed) as blocker:
        view.grid.select_release(draft.id)
    assert blocker.args == [draft.id]
    with qtbot.waitSignal(view.selection_changed) as blocker:
        view.grid.select_release(planned.id)
    assert blocker.args == [planned.id]
    # one card board-wide: the draft column let go of its selection
    assert view.grid.column_list(ReleaseStatus.DRAFT).selected_release_id() is None
    with qtbot.assertNotEmitted(view.selection_changed):
        view.grid.select_release(planned.id)
    with qtbot.waitSignal(view.selection_changed) as blocker:
        view.grid.column_list(ReleaseStatus.PLANNED).clearSelection()
    assert blocker.args == [None]
    view.grid.select_release(draft.id)
    with qtbot.waitSignal(view.selection_changed) as blocker:
        assert view.delete_release(draft.id)  # the card goes, and its selection with it
    assert blocker.args == [None]


def test_one_more_letter_rechecks_only_the_cards_it_changes(qtbot, ctx, monkeypatch) -> None:
    for n in range(30):
        make_release(ctx.workspace, f"Payments {n}")
    make_release(ctx.workspace, "Mobile Wallet")
    view = board(qtbot, ctx)
    qtbot.keyClicks(view.filter_bar.text, "paym")
    checks = 0

    def counting(read):
        def read_and_count(*args):
            nonlocal checks
            checks += 1
            return read(*args)

        return read_and_count

    # What a cell reads of the board for each card it checks (either way of asking).
    for name in ("accepts", "acceptance"):
        if hasattr(view.model, name):
            monkeypatch.setattr(view.model, name, counting(getattr(view.model, name)))
    qtbot.keyClicks(view.filter_bar.text, "e")  # "payme": the same 30 cards
    assert checks == 0
    qtbot.keyClicks(view.filter_bar.text, "nts 1")  # "payments 1": 1, 10-19 and 21 stay
    assert view.grid.count(ReleaseStatus.DRAFT) == 12
    # Every cell re-reading every card at each letter would be 5 x 7 cells x 31 cards.
    assert checks <= 5 * len(view.grid.cells) * 19
