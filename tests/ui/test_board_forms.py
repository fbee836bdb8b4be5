"""The board's own actions as a user takes them: New release asks for a name (typed,
OK pressed), a card's context menu duplicates it or moves it. Each test reads the
saved release back through the service. (Keyboard moves and drops: test_board_view.py.)"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu

from app.services import release_service
from models.enums import ReleaseStatus
from tests.ui.conftest import make_release
from tests.ui.form_driver import press_ok, when_the_form_opens


def _named(ws, name: str) -> release_service.ReleaseRow:
    [row] = [r for r in release_service.list_releases(ws) if r.name == name]
    return row


def test_new_release_takes_the_typed_name_and_opens_it(window, qtbot) -> None:
    def fill(dialog: QInputDialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit), "  Loyalty Points  ")
        press_ok(qtbot, dialog)

    when_the_form_opens(fill, QInputDialog)
    window.act_new_release.trigger()
    row = _named(window.workspace, "Loyalty Points")
    assert row.status == ReleaseStatus.DRAFT
    assert window.editor.release.id == row.id  # opened in the editor
    assert window.view("board").grid.selected_release_id() == row.id
    assert window.undo_stack.count() == 1


def _context_menu(view, release_id) -> QMenu:
    """The card's context menu, as a right click opens it."""
    view.grid.context_menu_requested.emit(release_id, view.mapToGlobal(QPoint(20, 20)))
    return view.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly)[-1]


def _action(menu: QMenu, text: str):
    found = [a for a in menu.actions() if a.text() == text]
    for sub in (a.menu() for a in menu.actions() if a.menu() is not None):
        found += [a for a in sub.actions() if a.text() == text]
    [action] = found
    return action


def test_duplicate_from_the_context_menu_saves_a_draft_copy(qtbot, ctx) -> None:
    from ui.board.board_view import BoardView

    rel = make_release(ctx.workspace, "Payments Core", version_label="4.2", description="SEPA")
    view = BoardView(ctx)
    qtbot.addWidget(view)
    view.show()
    _action(_context_menu(view, rel.id), "Duplicate as new release").trigger()
    copy = _named(ctx.workspace, "Payments Core (copy)")
    assert (copy.status, copy.description, copy.version_label) == (ReleaseStatus.DRAFT, "SEPA", "")
    assert view.grid.selected_release_id() == copy.id


def test_move_to_from_the_context_menu_saves_the_status(qtbot, ctx) -> None:
    from ui.board.board_view import BoardView

    rel = make_release(ctx.workspace, "Payments Core")
    view = BoardView(ctx)
    qtbot.addWidget(view)
    view.show()
    _action(_context_menu(view, rel.id), "Planned").trigger()
    assert release_service.get_release(ctx.workspace, rel.id).status == ReleaseStatus.PLANNED
    assert ctx.runner.stack.undoText().startswith("Move")
