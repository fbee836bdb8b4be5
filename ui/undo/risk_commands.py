"""Undoable edits of the risk and issue logs, each over its service calls.

Every step expects the version the user saw (or the previous step left), so an undo
never writes over a colleague's newer save: that goes to the conflict dialog.
"""

from __future__ import annotations

import uuid
from typing import Any

from app.enums import RiskStatus
from app.errors import NotFoundError
from app.services import issue_service as iss
from app.services import risk_service as rk
from app.services.issue_service import IssueRow
from app.services.risk_service import RiskRow
from app.workspace import Workspace
from ui.undo.editor_commands import add, remove, step
from ui.undo.service_command import (
    Changes,
    CreateCommand,
    ServiceCommand,
    UpdateCommand,
    VersionedCommand,
    version_after,
)


def add_risk(ws: Workspace, values: dict[str, Any]) -> CreateCommand:
    """Record a risk from a form's values; undo deletes it, redo brings it back."""
    values = dict(values)
    release_id = values.pop("release_id", None)
    return add(
        f"Add risk '{values.get('title', '')}'",
        lambda: rk.create_risk(ws, release_id, **values),
        lambda i, expected: rk.delete_risk(ws, i, expected),
        lambda i, expected: rk.restore_risk(ws, i, expected),
    )


def edit_risk(ws: Workspace, row: RiskRow, changed: dict[str, Any]) -> UpdateCommand:
    """Change fields of a risk; undo writes back what the user read (review date too)."""
    old = {k: getattr(row, k) for k in changed}
    old["last_reviewed_at"] = row.last_reviewed_at
    return UpdateCommand(
        f"Edit risk '{row.title}'",
        lambda expected, vals: rk.update_risk(ws, row.id, expected, **vals),
        lambda: rk.get_risk(ws, row.id).version,
        dict(changed),
        old,
        row.version,
    )


def review_risk(ws: Workspace, row: RiskRow) -> VersionedCommand:
    """Mark a risk reviewed now; undo puts the previous review date back."""
    return step(
        f"Review risk '{row.title}'",
        row,
        lambda expected: rk.review_risk(ws, row.id, expected),
        lambda expected: rk.update_risk(
            ws, row.id, expected, last_reviewed_at=row.last_reviewed_at
        ),
    )


def delete_risk(ws: Workspace, row: RiskRow) -> VersionedCommand:
    """Delete a risk (with its history and task links); undo restores them."""
    return remove(
        f"Delete risk '{row.title}'",
        row,
        lambda i, expected: rk.delete_risk(ws, i, expected),
        lambda i, expected: rk.restore_risk(ws, i, expected),
    )


class RiskOccurred(ServiceCommand):
    """The risk happened: it becomes an issue, linked; undo takes both back."""

    def __init__(self, ws: Workspace, row: RiskRow) -> None:
        super().__init__(f"Risk '{row.title}' occurred")
        self.ws, self.row = ws, row
        self.risk_version: int | None = row.version
        self.issue_id: uuid.UUID | None = None
        self.issue_version: int | None = None

    def forward(self, force: bool = False) -> Changes:
        expected = None if force else self.ledger.expect(self.row.id, self.risk_version)
        if self.issue_id is None:
            risk, issue = iss.risk_occurred(self.ws, self.row.id, expected)
        else:  # a redo: the very issue raised first comes back (same id, same links)
            seen = None if force else self.ledger.expect(self.issue_id, self.issue_version)
            risk, issue = iss.occur_again(self.ws, self.row.id, self.issue_id, (expected, seen))
        self.risk_version, self.issue_id, self.issue_version = risk.version, issue.id, issue.version
        return risk, issue

    def backward(self, force: bool = False) -> Changes:
        assert self.issue_id is not None
        versions = (
            (None, None)
            if force
            else (
                self.ledger.expect(self.row.id, self.risk_version),
                self.ledger.expect(self.issue_id, self.issue_version),
            )
        )
        changes = iss.take_back_occurrence(
            self.ws, self.row.id, self.issue_id, RiskStatus(self.row.status), versions
        )
        self.risk_version = version_after(changes, self.row.id, self.risk_version)
        self.issue_version = version_after(changes, self.issue_id, self.issue_version)
        return changes


def add_issue(ws: Workspace, values: dict[str, Any]) -> CreateCommand:
    """Raise an issue from a form's values; undo deletes it, redo brings it back."""
    values = dict(values)
    release_id = values.pop("release_id", None)
    return add(
        f"Add issue '{values.get('title', '')}'",
        lambda: iss.create_issue(ws, release_id, **values),
        lambda i, expected: iss.delete_issue(ws, i, expected),
        lambda i, expected: iss.restore_issue(ws, i, expected),
    )


def _issue_version(ws: Workspace, issue_id: uuid.UUID) -> int:
    found = iss.list_issues(ws, issue_id=issue_id)
    if not found:
        raise NotFoundError("That issue no longer exists (it may have been deleted).")
    return found[0].version


def edit_issue(ws: Workspace, row: IssueRow, changed: dict[str, Any]) -> UpdateCommand:
    """Change fields of an issue; undo writes back what the user read."""
    return UpdateCommand(
        f"Edit issue '{row.title}'",
        lambda expected, vals: iss.update_issue(ws, row.id, expected, **vals),
        lambda: _issue_version(ws, row.id),
        dict(changed),
        {k: getattr(row, k) for k in changed},
        row.version,
    )


def resolve_issue(ws: Workspace, row: IssueRow) -> VersionedCommand:
    """Resolve an issue (who and when recorded); undo reopens it with the status it had
    (open or in progress)."""
    return step(
        f"Resolve issue '{row.title}'",
        row,
        lambda expected: iss.resolve_issue(ws, row.id, expected),
        lambda expected: iss.reopen_issue(ws, row.id, expected, row.status),
    )


def delete_issue(ws: Workspace, row: IssueRow) -> VersionedCommand:
    """Delete an issue (with its links); undo restores it."""
    return remove(
        f"Delete issue '{row.title}'",
        row,
        lambda i, expected: iss.delete_issue(ws, i, expected),
        lambda i, expected: iss.restore_issue(ws, i, expected),
    )
