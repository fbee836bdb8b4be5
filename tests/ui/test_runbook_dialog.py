"""The runbook editor a coordinator opens from the Delivery tab (Steps…): add a step
through its form, refuse a bad template at the field, reorder, remove, undo each."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services import runbook_service as runbooks
from app.services import runbook_steps as steps
from tests.app.delivery.conftest import Delivery, make_delivery
from tests.ui.conftest import button
from tests.ui.form_driver import press_ok, state, type_into, when_the_form_opens
from ui.editor.runbook_dialog import RunbookDialog


@pytest.fixture
def delivery(ctx) -> Delivery:
    return make_delivery(ctx.workspace)


@pytest.fixture
def dialog(editor, delivery: Delivery, qtbot) -> RunbookDialog:
    assert editor.load(delivery.release_id)
    editor.tabs.setCurrentWidget(editor.delivery)
    editor.delivery.environment.setCurrentText("Test")
    qtbot.mouseClick(button(editor.delivery, "Steps…"), Qt.MouseButton.LeftButton)
    found = editor.delivery.findChild(RunbookDialog)
    assert found is not None and found.isVisible()
    return found


def _names(d: Delivery, env: str = "Test") -> list[str]:
    return [s.name for s in steps.runbook_steps(d.ws, d.release_id, env).steps]


def _add_through_the_form(qtbot, dialog: RunbookDialog, name: str, command: str) -> None:
    def fill(form) -> None:
        assert form.values()["environment"] == "Test"
        type_into(qtbot, form.editors["name"], name)
        type_into(qtbot, form.editors["command_template"], command)
        type_into(qtbot, form.editors["timeout_seconds"], "90")
        press_ok(qtbot, form)

    when_the_form_opens(fill)
    qtbot.mouseClick(button(dialog.steps, "Add step"), Qt.MouseButton.LeftButton)


def test_add_steps_through_the_form_and_undo(
    dialog: RunbookDialog, delivery: Delivery, ctx, qtbot, qtmodeltester
) -> None:
    assert dialog.environment.currentText() == "Test"
    assert "Test has no runbook yet" in dialog.steps.summary.text()
    _add_through_the_form(qtbot, dialog, "Deploy", "deploy.sh --version {version}")
    _add_through_the_form(qtbot, dialog, "Smoke", "smoke {environment}")
    assert _names(delivery) == ["Deploy", "Smoke"]
    qtmodeltester.check(dialog.steps.model)
    assert dialog.steps.model.rowCount() == 2  # the hub reloaded the dialog
    assert "shared: every release without its own runbook for Test" in dialog.steps.summary.text()
    (first, _) = steps.runbook_steps(delivery.ws, delivery.release_id, "Test").steps
    assert first.timeout_seconds == 90
    plan = runbooks.plan_run(delivery.ws, delivery.release_id, "Test")
    assert plan.steps[0].argv == ("deploy.sh", "--version", "1.0")
    ctx.runner.stack.undo()
    assert _names(delivery) == ["Deploy"] and dialog.steps.model.rowCount() == 1
    ctx.runner.stack.redo()
    assert _names(delivery) == ["Deploy", "Smoke"]


def test_a_bad_template_is_refused_at_the_field(dialog: RunbookDialog, delivery, qtbot) -> None:
    seen: dict = {}

    def fill(form) -> None:
        type_into(qtbot, form.editors["name"], "Deploy")
        type_into(qtbot, form.editors["command_template"], "deploy {release}")
        press_ok(qtbot, form)
        seen.update(state(form, "command_template"))

    when_the_form_opens(fill)
    qtbot.mouseClick(button(dialog.steps, "Add step"), Qt.MouseButton.LeftButton)
    assert seen["open"] and seen["invalid"]
    assert "Unknown parameter {release}" in seen["message"]
    assert _names(delivery) == []


def test_reorder_remove_and_undo(dialog: RunbookDialog, delivery: Delivery, ctx, qtbot) -> None:
    for name in ("One", "Two", "Three"):
        steps.add_release_step(
            delivery.ws, delivery.release_id, environment="Test", name=name, command_template="x"
        )
    dialog.steps.reload()
    dialog.steps.table.selectRow(2)
    qtbot.mouseClick(button(dialog.steps, "Move up"), Qt.MouseButton.LeftButton)
    assert _names(delivery) == ["One", "Three", "Two"]
    assert dialog.steps.selected().name == "Three"  # the moved step stays selected
    qtbot.mouseClick(button(dialog.steps, "Remove"), Qt.MouseButton.LeftButton)
    assert _names(delivery) == ["One", "Two"]
    ctx.runner.stack.undo()
    ctx.runner.stack.undo()
    assert _names(delivery) == ["One", "Two", "Three"]


def test_switching_environment_shows_its_runbook(dialog: RunbookDialog, delivery) -> None:
    steps.add_release_step(
        delivery.ws, delivery.release_id, environment="Dev", name="Dev only", command_template="x"
    )
    dialog.environment.setCurrentText("Dev")
    assert [r.name for r in dialog.steps.model.rows()] == ["Dev only"]
    dialog.environment.setCurrentText("Production")
    assert dialog.steps.model.rowCount() == 0
