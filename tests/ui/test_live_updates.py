"""A window on a shared workspace shows what a colleague saves, as it is saved."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.changes import Change, ChangeAction
from app.services import release_service as rs
from app.sync.listener import ChangeListener, listen
from app.workspace import Workspace
from models.enums import ReleaseStatus
from ui import live_updates
from ui.live_updates import colleague_summary
from ui.main_window import MainWindow

from ..conftest import _empty_tables, end_listening_sessions
from .conftest import make_release

pytestmark = pytest.mark.postgres


@pytest.fixture
def bob(pg_workspace_url: str) -> Iterator[Workspace]:
    ws = Workspace.open(pg_workspace_url, user="bob")
    _empty_tables(ws)
    yield ws
    ws.close()


@pytest.fixture
def alice_window(qtbot, bob, pg_workspace_url, settings, presenter) -> Iterator[MainWindow]:
    ws = Workspace.open(pg_workspace_url, user="alice")
    win = MainWindow(ws, settings, target=pg_workspace_url, presenter=presenter)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.status.live.listening, timeout=5000)  # connects on a worker thread
    yield win
    win.close()
    win.workspace.close()


def board(win: MainWindow):
    return win.views["board"]


def test_a_release_a_colleague_creates_appears_on_the_board(alice_window, bob, qtbot):
    status = alice_window.status.connection_label
    assert "Connected" in status.text() and "no live updates" not in status.text()
    row = make_release(bob, "Wallet 3.0")
    qtbot.waitUntil(lambda: board(alice_window).model.card(row.id) is not None, timeout=5000)
    assert alice_window.statusBar().currentMessage() == "Saved by a colleague: 1 release"


def test_a_colleagues_move_and_rename_update_the_card(alice_window, bob, qtbot):
    row = make_release(bob, "Card Tokenisation")
    qtbot.waitUntil(lambda: board(alice_window).model.card(row.id) is not None, timeout=5000)
    rs.transition_release(bob, row.id, ReleaseStatus.PLANNED)
    rs.update_release(bob, row.id, None, name="Card Tokenisation EU")

    def updated() -> bool:
        card = board(alice_window).model.card(row.id)
        return card.release.status == ReleaseStatus.PLANNED and card.release.name.endswith("EU")

    qtbot.waitUntil(updated, timeout=5000)


def test_the_editor_says_when_a_colleague_deleted_its_release(alice_window, bob, qtbot):
    row = make_release(bob, "Reporting Mart")
    qtbot.waitUntil(lambda: board(alice_window).model.card(row.id) is not None, timeout=5000)
    alice_window.open_release(row.id)
    rs.delete_release(bob, row.id)
    qtbot.waitUntil(lambda: board(alice_window).model.card(row.id) is None, timeout=5000)
    assert alice_window.editor.notice.text() == "A colleague deleted this release."


def test_alices_own_edits_are_not_announced_back_to_her(alice_window, bob, qtbot):
    received: list[tuple[Change, ...]] = []
    alice_window.status.live.received.connect(received.append)
    mine = make_release(alice_window.workspace, "Mine")
    theirs = make_release(bob, "Theirs")  # notices arrive in commit order: after her echo
    qtbot.waitUntil(lambda: any(theirs.id in c.ids for b in received for c in b), timeout=5000)
    assert not any(mine.id in c.ids for b in received for c in b)
    assert alice_window.statusBar().currentMessage() == "Saved by a colleague: 1 release"


def test_a_lost_listening_connection_is_shown_and_recovers(alice_window, bob, qtbot):
    live = alice_window.status.live
    live.retry_interval_ms = 100
    end_listening_sessions(bob)  # the server ends Alice's listening session
    status = alice_window.status.connection_label
    qtbot.waitUntil(lambda: "no live updates" in status.text(), timeout=5000)
    assert "Live updates" in status.toolTip()
    row = make_release(bob, "Made while Alice was not listening")
    with qtbot.waitSignal(alice_window.hub.changed, timeout=5000):  # the reload after the gap
        pass
    qtbot.waitUntil(lambda: board(alice_window).model.card(row.id) is not None, timeout=5000)
    assert "no live updates" not in status.text()


def test_closing_the_window_leaves_no_connection_open(alice_window, bob, qtbot):
    """A colleague's save just before the window closes asks the board for a schedule
    (after a short delay): it must not run, nor hold a connection, once the workspace
    closed, or that connection is collected open."""
    make_release(bob, "Saved as Alice closes her window")
    with qtbot.waitSignal(alice_window.hub.changed, timeout=5000):
        pass
    ws = alice_window.workspace
    alice_window.close()
    ws.close()
    qtbot.wait(400)  # past the board's schedule delay
    assert (ws.engine.pool.checkedin(), ws.engine.pool.checkedout()) == (0, 0)
    assert not alice_window.status.live.listening


def test_a_connect_that_arrives_after_the_window_moved_on_is_closed(
    alice_window, bob, qtbot, tmp_path, monkeypatch
):
    made: list[ChangeListener] = []

    def listen_and_keep(ws):
        made.append(listener := listen(ws))
        return listener

    monkeypatch.setattr(live_updates, "listen", listen_and_keep)
    live = alice_window.status.live
    live.stop()
    live.watch(bob)  # a connect for Bob's session starts...
    local = Workspace.open(tmp_path / "local.db", create=True, user="alice")
    try:
        live.watch(local)  # ...and the window shows a local workspace before it arrives
        qtbot.waitUntil(lambda: bool(made) and made[0].closed, timeout=5000)
        assert not live.listening
    finally:
        local.close()


def test_the_status_line_counts_what_arrived():
    one = Change("release", ChangeAction.UPDATED, (1,))
    two = Change("scope_item", ChangeAction.CREATED, (2, 3))
    assert colleague_summary((one, two)) == "Saved by a colleague: 1 release, 2 scope items"
    many = Change("task", ChangeAction.CREATED, ())
    assert colleague_summary((many,)) == "Saved by a colleague: several tasks"
