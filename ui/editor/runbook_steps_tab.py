"""The steps of the runbook a release runs in one environment: add, edit, remove, order.

Shown in :class:`~ui.editor.runbook_dialog.RunbookDialog`. Which runbook that is (the
release's own, else the environment's shared one) is said above the table, because an
edit of a shared runbook changes what every release without its own runs.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Mapping
from typing import Any

from app.errors import ValidationError
from app.services import runbook_steps as steps
from app.services.runbook_service import PARAMETERS, step_values
from app.words import count
from ui.dialogs.form_dialog import Field
from ui.editor.form_fields import field
from ui.editor.row_table_model import Column, RowTableModel
from ui.editor.table_tab import RowTexts, TableTab
from ui.undo.editor_commands import RowService
from ui.view_registry import ViewContext


def _seconds(value: int) -> str:
    minutes, seconds = divmod(value, 60)
    if minutes and not seconds:
        return f"{minutes} min"
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"


class RunbookStepModel(RowTableModel):
    columns = (
        Column("#", lambda r: str(r.position + 1)),
        Column("Step", lambda r: r.name),
        Column("Command", lambda r: r.command_template, stretch=True),
        Column("Exit", lambda r: str(r.expected_exit_code), tooltip=lambda r: "Expected exit code"),
        Column("Timeout", lambda r: _seconds(r.timeout_seconds)),
        Column(
            "Backout",
            lambda r: r.backout_command or "—",
            tooltip=lambda r: r.backout_command or "No backout: nothing to undo for this step",
        ),
    )


class RunbookStepsTab(TableTab):
    entities = frozenset({"runbook", "runbook_step", "environment"})
    model_type = RunbookStepModel
    service = RowService(
        rows=lambda _ws, _release_id: (),  # see fetch: the steps depend on the environment
        create=steps.add_release_step,
        update=steps.update_step,
        delete=steps.delete_step,
        restore=steps.restore_step,
    )
    texts = RowTexts(
        add_button="Add step",
        add_dialog="Add runbook step",
        add="Add runbook step '{name}'",
        edit_dialog="Edit runbook step",
        edit="Edit runbook step '{row.name}'",
        remove="Remove runbook step '{row.name}'",
    )
    required = ("name", "command_template")

    def __init__(self, ctx: ViewContext, parent: Any = None) -> None:
        self.environment = ""
        super().__init__(ctx, parent)
        self.table.setAccessibleName("Runbook steps")

    def add_extra_buttons(self) -> None:
        self.add_move_buttons("runbook step", "the runbook", steps.move_step)

    def row_name(self, row: Any) -> str:
        return str(row.name)

    def show_environment(self, name: str) -> None:
        self.environment = name
        self.reload()

    def fetch(self, release_id: uuid.UUID) -> list[Any]:
        if not self.environment:
            return []
        book = steps.runbook_steps(self.ctx.workspace, release_id, self.environment)
        self.book = book
        return list(book.steps)

    def after_reload(self) -> None:
        if not self.environment:
            self.show_summary("")
            return
        book, env = self.book, html.escape(self.environment)
        if book.runbook is None:
            text = (
                f"{env} has no runbook yet. The first step you add creates its shared "
                "runbook, which every release runs there unless it has its own."
            )
        elif book.shared:
            text = (
                f"<b>{html.escape(book.runbook)}</b> ({count(len(book.steps), 'step')}) is "
                f"shared: every release without its own runbook for {env} runs it, so "
                "changes here change theirs too."
            )
        else:
            text = (
                f"<b>{html.escape(book.runbook)}</b> ({count(len(book.steps), 'step')}) is "
                f"this release's own runbook for {env}."
            )
        known = ", ".join("{" + p + "}" for p in PARAMETERS)
        self.show_summary(f"{text} Commands may use {known}; they never run through a shell.")

    def fields(self, row: Any = None) -> list[Field]:
        return [
            field(row, "name", "Step"),
            field(row, "command_template", "Command (e.g. deploy.sh --version {version})"),
            field(row, "expected_exit_code", "Expected exit code", "int", 0),
            field(row, "timeout_seconds", "Timeout (seconds)", "int", 600),
            field(row, "backout_command", "Backout command (runs if a later step fails)"),
        ]

    def add_fields(self) -> list[Field]:
        env = self.environment
        where = Field("environment", "Environment", "choice", env, ((env, env),), True)
        return [where, *super().add_fields()]

    def check(self, values: dict[str, Any]) -> Mapping[str, str]:
        problems = {}
        for name in steps.EDITABLE:
            if name in values and (values[name] or name not in self.required):
                try:
                    step_values({name: values[name]})
                except ValidationError as exc:
                    problems[name] = str(exc)
        return problems
