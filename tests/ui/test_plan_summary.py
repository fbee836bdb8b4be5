"""The editor's plan line: finish against baseline and deadline, kept up to date."""

from __future__ import annotations

import datetime as dt
import uuid

from app.dates_text import moment
from app.services.baseline_service import ReleaseSlip, release_slip
from app.services.release_service import list_releases
from ui.editor.plan_summary import plan_text
from ui.main_window import MainWindow

from .conftest import make_release

FINISH = dt.datetime(2027, 1, 27, 15, 0)


def slip(variance: int | None, deadline: dt.datetime | None = None) -> ReleaseSlip:
    base = None if variance is None else FINISH - dt.timedelta(days=1)
    return ReleaseSlip(uuid.uuid4(), "R 1.0", FINISH, deadline, base, 0, variance, 0, (), 480)


def test_plan_text_says_how_the_finish_stands():
    assert plan_text(slip(None)) == "Plan finishes 27 Jan 2027 15:00 · no baseline yet"
    assert plan_text(slip(0)) == "Plan finishes 27 Jan 2027 15:00 · on baseline"
    assert plan_text(slip(-240)) == "Plan finishes 27 Jan 2027 15:00 · 4h early against baseline"
    late = plan_text(slip(6 * 480 + 180, deadline=FINISH - dt.timedelta(hours=1)))
    assert "6d 3h late against baseline</span>" in late
    assert late.endswith("misses its deadline</span>")
    assert "misses" not in plan_text(slip(0, deadline=FINISH))


def _open(win: MainWindow, release_id: uuid.UUID) -> None:
    win.open_release(release_id)
    win.update_plan_actions()


def _late_release(win: MainWindow) -> ReleaseSlip:
    """The demo's release that misses its deadline (the demo promises one at any date)."""
    slips = (release_slip(win.workspace, r.id) for r in list_releases(win.workspace))
    return next(s for s in slips if s.deadline is not None and s.finish > s.deadline)


def test_the_editor_shows_a_late_plan_and_follows_a_new_baseline(window, qtbot):
    late = _late_release(window)
    _open(window, late.release_id)
    line = window.editor.plan  # filled in from a worker thread
    qtbot.waitUntil(lambda: "late against baseline" in line.text(), timeout=5000)
    assert line.isVisible() and "misses its deadline" in line.text()
    assert line.text() == plan_text(late)
    assert f"Deadline: {moment(late.deadline)}" in line.toolTip()
    window.act_baseline.trigger()
    qtbot.waitUntil(lambda: "on baseline" in line.text(), timeout=5000)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: "late against baseline" in line.text(), timeout=5000)


def test_a_release_without_tasks_has_no_plan_line(window, qtbot):
    _open(window, _late_release(window).release_id)
    line = window.editor.plan
    qtbot.waitUntil(line.isVisible, timeout=5000)
    window.open_release(make_release(window.workspace, "Empty").id)
    assert not line.isVisible()  # not even the previous release's line for a moment
    qtbot.waitUntil(lambda: not line.busy, timeout=5000)
    assert not line.isVisible()
