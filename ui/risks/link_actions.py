"""Open the link dialog for a risk or an issue and apply the choice as one undoable
command (the panes add a button that calls these)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from app.errors import ReleaseDeskError, ValidationError
from app.services import issue_links
from app.services import risk_service as rk
from app.services.issue_service import IssueRow
from app.services.link_choices import Choice, deployment_choices, task_choices
from app.services.risk_service import RiskRow
from app.workspace import Workspace
from ui.risks.link_dialog import LinkDialog, Linked
from ui.undo import link_commands
from ui.view_registry import ViewContext

Load = Callable[[Workspace, uuid.UUID], tuple[list[Choice], Linked]]


def _dialog(
    ctx: ViewContext,
    row: RiskRow | IssueRow,
    title: str,
    intro: str,
    load: Load,
    parent: QWidget | None,
) -> LinkDialog | None:
    """The dialog of ``row``'s release's choices (None, with the reason shown, when the
    row has no release or its data cannot be read)."""
    if row.release_id is None:
        ctx.runner.report(
            ValidationError(
                f"'{row.title}' belongs to no release, so there is nothing to link it to: "
                "give it a release first (Edit…)."
            )
        )
        return None
    try:
        choices, linked = load(ctx.workspace, row.release_id)
    except ReleaseDeskError as exc:
        ctx.runner.report(exc)
        return None
    return LinkDialog(title, intro, choices, linked, parent)


def threats_dialog(ctx: ViewContext, row: RiskRow, parent: QWidget | None) -> LinkDialog | None:
    """The dialog listing the risk's release's tasks, the threatened ones ticked."""

    def load(ws: Workspace, release_id: uuid.UUID) -> tuple[list[Choice], Linked]:
        linked = {t.task_id: (t.id, t.version) for t in rk.threats(ws, risk_id=row.id)}
        return task_choices(ws, release_id), linked

    intro = f"The tasks of {row.release_title} that the risk '{row.title}' threatens."
    return _dialog(ctx, row, "Threatened tasks", intro, load, parent)


def edit_threats(ctx: ViewContext, row: RiskRow, parent: QWidget | None = None) -> bool:
    """Let the user choose the tasks a risk threatens; True when a change was applied."""
    dialog = threats_dialog(ctx, row, parent)
    if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    link, unlink = dialog.to_link(), dialog.to_unlink()
    if not link and not unlink:
        return False
    command = link_commands.change_threats(ctx.workspace, row.id, row.title, link, unlink)
    return ctx.runner.run(command)


def affected_dialog(ctx: ViewContext, row: IssueRow, parent: QWidget | None) -> LinkDialog | None:
    """The dialog listing the issue's release's deployments and tasks, the affected ones
    ticked."""

    def load(ws: Workspace, release_id: uuid.UUID) -> tuple[list[Choice], Linked]:
        linked = {a.target_id: (a.id, a.version) for a in issue_links.affected(ws, row.id)}
        # the few deployments first: the long task list would push them out of sight
        return deployment_choices(ws, release_id) + task_choices(ws, release_id), linked

    intro = f"The deployments and tasks of {row.release_title} that '{row.title}' affects."
    return _dialog(ctx, row, "Affected deployments and tasks", intro, load, parent)


def edit_affected(ctx: ViewContext, row: IssueRow, parent: QWidget | None = None) -> bool:
    """Let the user choose what an issue affects; True when a change was applied."""
    dialog = affected_dialog(ctx, row, parent)
    if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    tasks, deployments = dialog.to_link("task"), dialog.to_link("deployment")
    unlink = dialog.to_unlink()
    if not tasks and not deployments and not unlink:
        return False
    command = link_commands.change_affected(
        ctx.workspace, row.id, row.title, tasks, deployments, unlink
    )
    return ctx.runner.run(command)
