"""Undoable steps of a change request: assess, approve, reject, implement.

Each is a :class:`VersionedCommand` over two service calls on the request: forward
expects the version the user saw, undo the version forward left. Assess, approve and
reject are taken back by :func:`revert_decision`; an implementation by
:func:`undo_implementation`, which puts the scope and plan back in one transaction.
"""

from __future__ import annotations

from typing import Any

from app.services import change_decisions as decisions
from app.services import change_implementation as implementation
from app.workspace import Workspace
from ui.undo.service_command import VersionedCommand


def _command(text: str, ws: Workspace, row: Any, forward: Any, backward: Any) -> VersionedCommand:
    return VersionedCommand(
        text,
        row.id,
        row.version,
        lambda expected: forward(ws, row.id, expected),
        lambda expected: backward(ws, row.id, expected),
    )


def assess(ws: Workspace, row: Any, note: str = "") -> VersionedCommand:
    """Compute and record the request's impact (with the assessor's ``note``); undo
    takes the assessment back."""
    return _command(
        f"Assess change request '{row.title}'",
        ws,
        row,
        lambda w, i, e: decisions.assess_change_request(w, i, e, note)[0],
        decisions.revert_decision,
    )


def decide(ws: Workspace, row: Any, approve: bool, reason: str) -> VersionedCommand:
    """Approve or reject the request with ``reason``; undo takes the decision back."""
    verb = "Approve" if approve else "Reject"
    return _command(
        f"{verb} change request '{row.title}'",
        ws,
        row,
        lambda w, i, e: decisions.decide_change_request(w, i, e, approve=approve, reason=reason),
        decisions.revert_decision,
    )


def implement(ws: Workspace, row: Any) -> VersionedCommand:
    """Apply the request to the scope and plan; undo puts them back."""
    return _command(
        f"Implement change request '{row.title}'",
        ws,
        row,
        implementation.implement_change_request,
        implementation.undo_implementation,
    )
