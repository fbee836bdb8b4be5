"""File → Set baseline schedules on a worker thread and stores through the undo stack."""

from __future__ import annotations

import datetime as dt
import threading

import sqlalchemy as sa
from PySide6.QtGui import QUndoStack

from app.scheduling.plan import LinkSpec, PlanSpec, TaskSpec
from app.services import baseline_service
from app.services.baseline_service import release_slip, set_baseline
from app.services.plan_service import import_plan
from models import Task
from tests.conftest import open_colleague
from tests.plan_documents import PlanDocument
from ui.undo.plan_commands import BaselineSetter

MONDAY = dt.datetime(2026, 3, 2, 8, 0)


def _release(ws):
    plan = PlanSpec(
        [TaskSpec("d", "Design", 480), TaskSpec("b", "Build", 960)],
        [LinkSpec("d", "b")],
        project_start=MONDAY,
    )
    return import_plan(ws, PlanDocument("Checkout", plan), release_name="Checkout 2.0").release_id


def test_scheduling_runs_off_the_gui_thread(ctx, qtbot, monkeypatch, presenter) -> None:
    release_id = _release(ctx.workspace)
    threads: list[threading.Thread] = []
    plan_baseline = baseline_service.plan_baseline

    def recording(ws, release):
        threads.append(threading.current_thread())
        return plan_baseline(ws, release)

    monkeypatch.setattr(baseline_service, "plan_baseline", recording)
    setter = BaselineSetter(ctx.runner)
    with qtbot.waitSignal(setter.finished, timeout=10_000):
        setter.start(ctx.workspace, release_id, "Checkout 2.0")
    assert threads and threads[0] is not threading.main_thread()
    assert release_slip(ctx.workspace, release_id).baseline_finish is not None
    assert ctx.runner.stack.undoText() == "Set baseline of 'Checkout 2.0'"
    assert presenter.errors == []


def test_undoing_a_baseline_a_colleague_replaced_asks(ctx, qtbot, presenter) -> None:
    ws = ctx.workspace
    release_id = _release(ws)
    setter = BaselineSetter(ctx.runner)
    with qtbot.waitSignal(setter.finished, timeout=10_000):
        setter.start(ws, release_id, "Checkout 2.0")
    with open_colleague(ws) as colleague:
        with colleague.transaction() as s:  # Build takes a day longer, then re-baselined
            s.scalars(sa.select(Task).where(Task.name == "Build")).one().duration_minutes = 1440
        theirs = set_baseline(colleague, release_id)
    stack: QUndoStack = ctx.runner.stack
    stack.undo()
    qtbot.waitUntil(lambda: len(presenter.conflicts) == 1)
    assert release_slip(ws, release_id).baseline_finish == theirs.finish  # theirs stays
    assert stack.count() == 0
