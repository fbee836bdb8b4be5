"""Schedule a deployment of a release's package: an environment of its promotion path,
the planned window, a backout plan (required for production, said at the field) and a
note. Saved as one undoable command (undo takes the scheduled deployment back); what
the promotion rule refuses shows in the dialog in the coordinator's words."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from app import clock
from app.enums import DeploymentStatus, EnvironmentStage
from app.errors import ReleaseDeskError
from app.services import deployment_service, promotion
from app.services.calendar_checks import FieldError
from app.services.promotion import EnvironmentRow
from ui.dialogs.form_dialog import Field, FormDialog
from ui.undo import delivery_commands as commands
from ui.view_registry import ViewContext

BACKOUT_HINT = {
    True: "Required for production: how the deployment is undone if it fails.",
    False: "Optional before production: how the deployment is undone if it fails.",
}
DONE = (DeploymentStatus.FAILED, DeploymentStatus.BACKED_OUT)


def next_stage(path: list[EnvironmentRow], rows: list[Any]) -> EnvironmentRow | None:
    """The first environment of ``path`` after the last one that has a live deployment
    (the stage a coordinator schedules next)."""
    reached = {r.environment_id for r in rows if r.status not in DONE}
    last = max((n for n, env in enumerate(path) if env.id in reached), default=-1)
    return path[min(last + 1, len(path) - 1)] if path else None


def start_after(rows: list[Any]) -> dt.datetime:
    """A planned start to offer: the next whole hour, or after the latest planned end."""
    now = clock.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
    ends = [r.planned_end for r in rows if r.planned_end is not None and r.status not in DONE]
    return max([now, *ends])


class ScheduleDeploymentDialog(FormDialog):
    """The form; ``submit`` runs the command and marks the field a refusal is about."""

    def __init__(
        self, ctx: ViewContext, release_id: uuid.UUID, title: str, parent: QWidget | None = None
    ) -> None:
        ws = ctx.workspace
        path = list(promotion.release_path(ws, release_id).environments)
        rows = deployment_service.list_deployments(ws, release_id)
        first = next_stage(path, rows)
        start = start_after(rows)
        choices = [(env.name, env.id) for env in path]
        fields = [
            Field("environment", "Environment", "choice", first.id if first else None, choices),
            Field("planned_start", "Planned start", "datetime", start),
            Field("planned_end", "Planned end", "datetime", start + dt.timedelta(hours=2)),
            Field("backout_plan", "Backout plan", "multiline", ""),
            Field("note", "Note", "multiline", ""),
        ]
        super().__init__(f"Schedule a deployment of {title}", fields, parent, self.check, self.save)
        self.ctx, self.release_id, self.path = ctx, release_id, path
        self.environment.currentIndexChanged.connect(lambda *_: self._on_environment_changed())
        self._show_backout_hint()

    @property
    def environment(self) -> QComboBox:
        editor = self.editors["environment"]
        assert isinstance(editor, QComboBox)
        return editor

    def _chosen(self, values: dict[str, Any]) -> EnvironmentRow | None:
        return next((e for e in self.path if e.id == values.get("environment")), None)

    def _is_production(self, values: dict[str, Any]) -> bool:
        env = self._chosen(values)
        return env is not None and env.stage == EnvironmentStage.PROD

    def _on_environment_changed(self) -> None:
        self.form_error.hide()  # a refusal was about the stage chosen before
        self._show_backout_hint()

    def _show_backout_hint(self) -> None:
        backout = self.editors["backout_plan"]
        assert isinstance(backout, QPlainTextEdit)
        backout.setPlaceholderText(BACKOUT_HINT[self._is_production(self.values())])

    def check(self, values: dict[str, Any]) -> dict[str, str]:
        """What the form can say before saving: the window's order, production's plan."""
        found: dict[str, str] = {}
        if values["planned_end"] <= values["planned_start"]:
            found["planned_end"] = "The planned end must come after the planned start."
        if self._is_production(values) and not values["backout_plan"].strip():
            found["backout_plan"] = "A production deployment needs a backout plan."
        return found

    def save(self, values: dict[str, Any]) -> str | None:
        """Schedule it; a refusal about one field is shown there, others above the form."""
        env = self._chosen(values)
        if env is None:
            return "Choose an environment of the release's promotion path."
        command = commands.schedule(
            self.ctx.workspace,
            self.release_id,
            env,
            values["planned_start"],
            values["planned_end"],
            values["backout_plan"],
            values["note"],
        )
        refused: list[ReleaseDeskError] = []
        if self.ctx.runner.run(command, on_error=refused.append):
            return None
        if not refused:
            return ""  # a conflict: the conflict dialog has spoken
        error = refused[0]
        if isinstance(error, FieldError) and error.field in self.editors:
            self.show_problems({error.field: str(error)})
            return ""
        return str(error)


def schedule_deployment(
    ctx: ViewContext, release_id: uuid.UUID, title: str, parent: QWidget | None = None
) -> bool:
    """Open the dialog; True when a deployment was scheduled."""
    dialog = ScheduleDeploymentDialog(ctx, release_id, title, parent)
    try:
        return dialog.exec() == FormDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
