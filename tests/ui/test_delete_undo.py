"""Deleting a release on the board takes its tasks, scope and links with it, and Undo
brings all of them back (issue 10 §1)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from app.services import release_schedule, release_service, scope_service
from app.workspace import Workspace
from app.workspace_check import workspace_counts
from tests.ui.modal_driver import answer_confirmation
from ui.board.board_view import BoardView
from ui.change_hub import ChangeHub
from ui.settings import Settings
from ui.undo.command_runner import CommandRunner
from ui.view_registry import ViewContext


@pytest.fixture
def demo_ctx(qapp, demo_path: Path, settings: Settings, presenter) -> Iterator[ViewContext]:
    """A view context over a fresh copy of the demo workspace."""
    ws = Workspace.open(demo_path, user="tester")
    stack, hub = QUndoStack(), ChangeHub()
    yield ViewContext(ws, CommandRunner(stack, hub, presenter), hub, settings)
    stack.clear()
    ws.close()


def _live(ws: Workspace) -> dict[str, int]:
    counts = workspace_counts(ws)
    return {k: counts[k] for k in ("Releases", "Tasks", "Links")}


def _unversioned(rows: list) -> list:
    return [dataclasses.replace(r, version=0) for r in rows]


def _driven_by(ws: Workspace, release_id) -> set[str]:
    return set(release_schedule.schedule_release(ws, release_id).schedule.tasks)


def test_undo_of_a_delete_brings_back_what_the_release_owned(qtbot, demo_ctx, presenter) -> None:
    ws = demo_ctx.workspace
    wallet = release_service.find_release(ws, "Wallet App").id
    payouts = release_service.find_release(ws, "Payouts API").id
    counts, scope, driven = _live(ws), scope_service.list_scope(ws, wallet), _driven_by(ws, payouts)
    view = BoardView(demo_ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.card(wallet) is not None)
    seen: list[str] = []
    answer_confirmation(qtbot, "Delete", seen)  # a release with content asks first
    assert view.delete_release(wallet)
    assert seen and "tasks" in seen[0]
    qtbot.waitUntil(lambda: view.model.card(wallet) is None)
    assert _live(ws)["Tasks"] < counts["Tasks"]
    assert len(_driven_by(ws, payouts)) < len(driven)
    stack = demo_ctx.runner.stack
    stack.undo()
    qtbot.waitUntil(lambda: view.model.card(wallet) is not None)
    assert _live(ws) == counts
    assert scope and _unversioned(scope_service.list_scope(ws, wallet)) == _unversioned(scope)
    assert _driven_by(ws, payouts) == driven
    stack.redo()
    assert _live(ws)["Tasks"] < counts["Tasks"]
    assert presenter.errors == []
