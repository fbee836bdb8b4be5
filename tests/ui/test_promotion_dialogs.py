"""The Delivery tab's planning dialogs driven as a coordinator does: environments,
a release's promotion path and scheduling a deployment, each with undo and redo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import promotion
from app.services.deployment_service import PipelineReport, list_deployments, record_deployment
from tests.app.delivery.conftest import Delivery, make_delivery
from tests.ui.conftest import button
from tests.ui.form_driver import choose, press_ok, state, type_into, when_the_form_opens
from tests.ui.modal_driver import when_modal_opens
from ui.editor.environments_dialog import EnvironmentsDialog
from ui.editor.promotion_path_dialog import PromotionPathDialog
from ui.editor.schedule_deployment_dialog import ScheduleDeploymentDialog


@pytest.fixture
def delivery(ctx) -> Delivery:
    return make_delivery(ctx.workspace)


@pytest.fixture
def tab(editor, delivery: Delivery):
    assert editor.load(delivery.release_id)
    editor.tabs.setCurrentWidget(editor.delivery)
    return editor.delivery


def _names(d: Delivery) -> list[str]:
    return [e.name for e in promotion.list_environments(d.ws)]


def _pick(qtbot, combo, text: str) -> None:
    """Choose ``text`` by typing, after the combo's type-ahead of an earlier choice ends."""
    qtbot.wait(QApplication.keyboardInputInterval() + 50)
    choose(qtbot, combo, text)


def _click(qtbot, widget, text: str) -> None:
    qtbot.mouseClick(button(widget, text), Qt.MouseButton.LeftButton)


def _open(qtbot, tab, text: str, kind: type, act) -> dict:
    """Press ``text`` on the tab and run ``act`` on the dialog it opens; what ``act``
    saw comes back (the dialog is closed by then)."""
    seen: dict = {}

    def run(dialog) -> None:
        try:
            act(dialog, seen)
        finally:
            if dialog.isVisible():
                dialog.reject()

    when_modal_opens(kind, run)
    _click(qtbot, tab, text)
    return seen


def test_environments_added_moved_refused_and_undone(qtbot, tab, delivery: Delivery, ctx) -> None:
    record_deployment(delivery.ws, PipelineReport(delivery.release_id, "Dev", "deployed"))

    def act(dialog: EnvironmentsDialog, seen: dict) -> None:
        dialog.table.selectRow(2)  # Staging
        _click(qtbot, dialog, "Move up")
        seen["moved"] = _names(delivery)
        seen["still selected"] = dialog.selected().name

        def fill(form) -> None:
            type_into(qtbot, form.editors["name"], "Perf")
            choose(qtbot, form.editors["stage"], "Test")
            press_ok(qtbot, form)

        when_the_form_opens(fill)
        _click(qtbot, dialog, "Add…")
        seen["rows"] = [dialog.model.row_at(n).row.name for n in range(dialog.model.rowCount())]
        dialog.table.selectRow(0)  # Dev: it has a deployment
        _click(qtbot, dialog, "Remove")
        seen["refusal"] = dialog.refusal.text() if dialog.refusal.isVisible() else ""

    seen = _open(qtbot, tab, "Environments…", EnvironmentsDialog, act)
    assert seen["moved"] == ["Dev", "Staging", "Test", "Production"]
    assert seen["still selected"] == "Staging"
    assert seen["rows"] == ["Dev", "Staging", "Test", "Production", "Perf"]  # shown live
    assert "Dev has 1 deployment on record and cannot be removed" in seen["refusal"]
    ctx.runner.stack.undo()
    assert "Perf" not in _names(delivery)
    ctx.runner.stack.undo()
    assert _names(delivery) == ["Dev", "Test", "Staging", "Production"]
    ctx.runner.stack.redo()
    ctx.runner.stack.redo()
    assert _names(delivery) == ["Dev", "Staging", "Test", "Production", "Perf"]


def test_an_environment_is_renamed_in_a_form_that_explains_a_taken_name(
    qtbot, tab, delivery: Delivery, ctx
) -> None:
    def act(dialog: EnvironmentsDialog, seen: dict) -> None:
        dialog.table.selectRow(3)

        def fill(form) -> None:
            type_into(qtbot, form.editors["name"], "test")
            press_ok(qtbot, form)
            seen["banner"] = form.form_error.text()
            type_into(qtbot, form.editors["name"], "Live")
            press_ok(qtbot, form)

        when_the_form_opens(fill)
        _click(qtbot, dialog, "Edit…")

    seen = _open(qtbot, tab, "Environments…", EnvironmentsDialog, act)
    assert seen["banner"] == "An environment named 'test' already exists."
    assert _names(delivery)[-1] == "Live"
    ctx.runner.stack.undo()
    assert _names(delivery)[-1] == "Production"


def test_the_promotion_path_is_ticked_ordered_saved_and_undone(
    qtbot, tab, delivery: Delivery, ctx
) -> None:
    def act(dialog: PromotionPathDialog, seen: dict) -> None:
        dialog.list.setCurrentRow(1)  # Test: untick it with the space bar
        qtbot.keyClick(dialog.list, Qt.Key.Key_Space)
        seen["label"] = dialog.path_text.text()
        press_ok(qtbot, dialog)

    seen = _open(qtbot, tab, "Promotion path…", PromotionPathDialog, act)
    assert seen["label"] == "Path: Dev → Staging → Production"
    path = promotion.release_path(delivery.ws, delivery.release_id)
    assert path.custom and path.text == "Dev → Staging → Production"
    assert tab.path_label.text() == "Promotion path: Dev → Staging → Production"
    ctx.runner.stack.undo()
    assert not promotion.release_path(delivery.ws, delivery.release_id).custom
    ctx.runner.stack.redo()
    assert promotion.release_path(delivery.ws, delivery.release_id).text == path.text


def test_a_colleagues_path_is_not_overwritten(qtbot, tab, delivery: Delivery, presenter) -> None:
    def act(dialog: PromotionPathDialog, seen: dict) -> None:
        ids = promotion.path_from_names(delivery.ws, ["Dev", "Production"])
        promotion.set_promotion_path(delivery.ws, delivery.release_id, ids)  # a colleague
        dialog.list.setCurrentRow(3)  # Production up, before Staging
        _click(qtbot, dialog, "Move up")
        press_ok(qtbot, dialog)
        seen["open"] = dialog.isVisible()

    seen = _open(qtbot, tab, "Promotion path…", PromotionPathDialog, act)
    assert seen["open"] and len(presenter.conflicts) == 1  # kept theirs: the dialog stays
    assert promotion.release_path(delivery.ws, delivery.release_id).text == "Dev → Production"


def test_scheduling_refusals_in_the_dialog_then_scheduled_and_undone(
    qtbot, tab, delivery: Delivery, ctx
) -> None:
    seen: dict = {}

    def fill(dialog: ScheduleDeploymentDialog) -> None:
        assert dialog.environment.currentText() == "Dev"  # the next stage to plan
        choose(qtbot, dialog.environment, "Test")
        press_ok(qtbot, dialog)
        seen["refusal"] = dialog.form_error.text()
        _pick(qtbot, dialog.environment, "Production")
        press_ok(qtbot, dialog)
        seen["backout"] = state(dialog, "backout_plan")
        _pick(qtbot, dialog.environment, "Dev")
        type_into(qtbot, dialog.editors["note"], "Night run")
        press_ok(qtbot, dialog)
        seen["closed"] = not dialog.isVisible()

    when_the_form_opens(fill, ScheduleDeploymentDialog)
    _click(qtbot, tab, "Schedule…")
    assert seen["refusal"] == (
        "Test needs a deployment of this package in Dev first "
        "(verified, or scheduled to end before this one starts)."
    )
    assert seen["backout"]["message"] == "A production deployment needs a backout plan."
    assert seen["closed"]
    (row,) = list_deployments(delivery.ws, delivery.release_id)
    assert row.environment == "Dev" and row.planned_start is not None
    assert tab.model.rowCount() == 1
    ctx.runner.stack.undo()
    assert list_deployments(delivery.ws, delivery.release_id) == [] and tab.model.rowCount() == 0
    ctx.runner.stack.redo()
    assert [r.id for r in list_deployments(delivery.ws, delivery.release_id)] == [row.id]


def test_the_edit_menu_opens_the_environments(window, qtbot) -> None:
    [action] = [a for a in window.menuBar().actions() if a.text() == "&Edit"]
    [entry] = [a for a in action.menu().actions() if a.text() == "Environments…"]
    seen: list[int] = []
    when_modal_opens(EnvironmentsDialog, lambda d: (seen.append(d.model.rowCount()), d.reject()))
    entry.trigger()
    assert seen and seen[0] >= 4


def test_a_colleagues_new_environment_arrives_while_the_dialog_is_open(
    qtbot, ctx, delivery: Delivery, qtmodeltester
) -> None:
    dialog = EnvironmentsDialog(ctx)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    change = promotion.add_environment(delivery.ws, "DR site", "prod")  # a colleague
    ctx.hub.publish(change, remote=True)
    assert dialog.model.row_at(4).row.name == "DR site"
    path = PromotionPathDialog(ctx, delivery.release_id, "Checkout 1.0")
    qtbot.addWidget(path)
    assert path.list.item(4).text().startswith("DR site")
    assert path.list.item(4).checkState() == Qt.CheckState.Checked  # default path: all
