"""Linking risks to the tasks they threaten and issues to what they affect, as a user
does: a button opens the dialog, search narrows it, Space ticks, OK applies one undoable
command; and the two undo fixes (the same issue comes back, the earlier status too)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.enums import DeploymentStatus, EnvironmentStage, IssueStatus
from app.services import issue_links, risk_links, task_service
from app.services import issue_service as iss
from app.services import risk_service as rk
from app.services.link_choices import task_choices
from tests.app.services.builders import add_deployment, add_environment
from tests.ui.conftest import make_release
from tests.ui.modal_driver import when_modal_opens
from tests.ui.test_risks_view import settle
from ui.risks.link_dialog import LinkDialog
from ui.risks.risks_view import RisksView


@pytest.fixture
def seeded(ctx):
    ws = ctx.workspace
    rel = make_release(ws, "Checkout", version_label="1.0")
    for name in ("Build", "Deploy to staging", "Smoke tests"):
        task_service.create_task(ws, rel.id, name)
    rk.create_risk(ws, rel.id, "Vendor late", 4, 5)
    rk.create_risk(ws, None, "Nowhere", 1, 1)
    iss.create_issue(ws, rel.id, "Staging down", severity="high", status="in_progress")
    add_deployment(
        ws,
        rel.id,
        add_environment(ws, "Staging", EnvironmentStage.STAGING, 3),
        DeploymentStatus.SCHEDULED,
    )
    return ctx


@pytest.fixture
def view(qtbot, seeded):
    widget = RisksView(seeded)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    settle(qtbot, widget)
    return widget


def _settled(view: RisksView) -> RisksView:
    """``view`` once both panes have read their rows again (off the GUI thread)."""
    deadline = time.monotonic() + 30
    while (view.risks.busy or view.issues.busy) and time.monotonic() < deadline:
        QTest.qWait(20)
    return view


def _select_risk(view: RisksView, title: str) -> None:
    _settled(view)
    view.risks.table.select_id(next(r.id for r in view.risks.model.rows() if r.title == title))


def _tick(qtbot, dialog: LinkDialog, text: str) -> None:
    """Find a row by typing, then tick it with Space as a keyboard user does."""
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, text)
    [item] = [i for i in dialog._items() if not i.isHidden()]
    dialog.list.setCurrentItem(item)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Space)


def _choose(qtbot, seen: dict, tick: list[str]) -> None:
    def act(dialog: LinkDialog) -> None:
        seen["before"] = {
            i.text().strip() for i in dialog._items() if i.checkState() == Qt.CheckState.Checked
        }
        seen["rows"] = [i.text().strip() for i in dialog._items()]
        for text in tick:
            _tick(qtbot, dialog, text)
        seen["summary"] = dialog.summary.text()
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)

    when_modal_opens(LinkDialog, act)


def _tasks_cell(view: RisksView) -> tuple[str, str]:
    model = view.risks.model
    row = next(n for n, r in enumerate(model.rows()) if r.title == "Vendor late")
    index = model.index(row, 10)
    return model.data(index), model.data(index, Qt.ItemDataRole.ToolTipRole)


def test_threatened_tasks_dialog_applies_one_undoable_command(qtbot, view: RisksView) -> None:
    ws, stack = view.ctx.workspace, view.ctx.runner.stack
    _select_risk(view, "Vendor late")
    seen: dict = {}
    _choose(qtbot, seen, ["deploy", "smoke"])
    qtbot.mouseClick(view.risks.buttons["link_tasks"], Qt.MouseButton.LeftButton)
    assert seen["rows"] == ["1  Build", "2  Deploy to staging", "3  Smoke tests"]
    assert seen["before"] == set() and seen["summary"] == "2 ticked · 2 to add, 0 to remove"
    risk = next(r for r in rk.list_risks(ws) if r.title == "Vendor late")
    assert risk.task_names == ("Deploy to staging", "Smoke tests")
    assert _tasks_cell(_settled(view)) == ("2", "Threatens: Deploy to staging, Smoke tests")
    links = {t.id for t in rk.threats(ws, risk_id=risk.id)}
    # a second choice: untick one, tick another: one more command
    _select_risk(view, "Vendor late")
    _choose(qtbot, seen, ["smoke", "build"])
    view.risks.link_tasks()
    assert seen["before"] == {"2  Deploy to staging", "3  Smoke tests"}
    assert rk.get_risk(ws, risk.id).task_names == ("Build", "Deploy to staging")
    assert stack.count() == 2
    stack.undo()
    assert _tasks_cell(_settled(view))[1] == "Threatens: Deploy to staging, Smoke tests"
    stack.undo()
    assert _tasks_cell(_settled(view)) == (
        "—",
        "Threatens no task yet (Threatened tasks… links them)",
    )
    stack.redo()
    assert {t.id for t in rk.threats(ws, risk_id=risk.id)} == links  # the same link rows
    stack.redo()
    assert rk.get_risk(ws, risk.id).task_names == ("Build", "Deploy to staging")


def test_a_stale_undo_goes_to_the_conflict_dialog(qtbot, view: RisksView, presenter) -> None:
    ws, stack = view.ctx.workspace, view.ctx.runner.stack
    _select_risk(view, "Vendor late")
    seen: dict = {}
    _choose(qtbot, seen, ["build"])
    view.risks.link_tasks()
    risk = next(r for r in rk.list_risks(ws) if r.title == "Vendor late")
    [link] = rk.threats(ws, risk_id=risk.id)
    rk.unlink_task(ws, link.id)  # a colleague, meanwhile
    rk.relink_task(ws, link.id)
    stack.undo()
    qtbot.waitUntil(lambda: bool(presenter.conflicts))
    assert rk.get_risk(ws, risk.id).task_names == ("Build",)


def test_a_colleague_change_while_the_dialog_is_open_asks_first(
    qtbot, view: RisksView, presenter
) -> None:
    ws = view.ctx.workspace
    risk = next(r for r in rk.list_risks(ws) if r.title == "Vendor late")
    [made] = risk_links.change_threats(ws, risk.id, link=[_task_id(ws, risk, "Build")])
    presenter.keep_mine = True
    _select_risk(view, "Vendor late")

    def act(dialog: LinkDialog) -> None:
        rk.unlink_task(ws, made.id)  # a colleague, while the dialog is open
        rk.relink_task(ws, made.id)
        _tick(qtbot, dialog, "build")  # untick
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)

    when_modal_opens(LinkDialog, act)
    view.risks.link_tasks()
    assert presenter.conflicts and rk.get_risk(ws, risk.id).task_names == ()


def _task_id(ws, risk, name: str):
    return next(c.id for c in task_choices(ws, risk.release_id) if c.label.endswith(name))


def test_a_risk_without_release_says_why(view: RisksView, presenter) -> None:
    _select_risk(view, "Nowhere")
    view.risks.link_tasks()
    assert "belongs to no release" in str(presenter.errors[-1])


def test_affects_dialog_links_tasks_and_deployments(qtbot, view: RisksView) -> None:
    ws, stack, pane = view.ctx.workspace, view.ctx.runner.stack, view.issues
    pane.table.selectRow(0)
    seen: dict = {}
    _choose(qtbot, seen, ["smoke", "staging:"])
    qtbot.mouseClick(pane.buttons["link_affected"], Qt.MouseButton.LeftButton)
    assert seen["rows"][0] == "Staging: pkg, scheduled"
    [issue] = iss.list_issues(ws)
    assert issue.affected == ("3  Smoke tests", "Staging: pkg, scheduled")
    model = _settled(view).issues.model
    assert model.data(model.index(0, 8)) == "2"
    assert "Smoke tests" in model.data(model.index(0, 8), Qt.ItemDataRole.ToolTipRole)
    stack.undo()
    assert issue_links.affected(ws, issue.id) == []
    assert _settled(view).issues.model.data(model.index(0, 8)) == "—"
    stack.redo()
    assert len(issue_links.affected(ws, issue.id)) == 2


def test_redo_of_occurred_brings_back_the_same_issue(view: RisksView) -> None:
    ws, stack = view.ctx.workspace, view.ctx.runner.stack
    _select_risk(view, "Vendor late")
    view.risks.occurred()
    [raised] = [i for i in iss.list_issues(ws) if i.risk_id]
    stack.undo()
    assert [i for i in iss.list_issues(ws) if i.risk_id] == []
    stack.redo()
    [again] = [i for i in iss.list_issues(ws) if i.risk_id]
    assert again.id == raised.id
    stack.undo()
    stack.redo()
    assert [i.id for i in iss.list_issues(ws) if i.risk_id] == [raised.id]


def test_undo_of_resolve_gives_back_in_progress(view: RisksView) -> None:
    ws, stack, pane = view.ctx.workspace, view.ctx.runner.stack, view.issues
    pane.table.selectRow(0)
    pane.resolve()
    assert iss.list_issues(ws)[0].status == IssueStatus.RESOLVED
    stack.undo()
    assert iss.list_issues(ws)[0].status == IssueStatus.IN_PROGRESS
    stack.redo()
    assert iss.list_issues(ws)[0].status == IssueStatus.RESOLVED
