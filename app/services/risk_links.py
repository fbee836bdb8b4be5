"""The tasks a risk threatens: choose them in one step, and what the plan says about them.

:func:`change_threats` links and unlinks in one audited transaction (undone and redone
by :func:`flip_threats` on the same link rows); :func:`task_threats` gives, in one query,
the open risks of every task of the releases a plan shows, for its tooltips.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.changes import Change
from app.errors import ValidationError
from app.risk_scores import score
from app.services import _rows
from app.services.link_sets import LinkKind, Step, change_links, flip_links
from app.services.risk_service import ACTIVE
from app.workspace import Workspace
from models import Risk, RiskTask, Task

THREATS = LinkKind(RiskTask, "risk_id", "task_id", Task)


def _same_release(_s: Session, risk: Risk, task: Task) -> None:
    if risk.release_id is not None and task.release_id != risk.release_id:
        raise ValidationError(
            f"The task '{task.name}' belongs to another release than the risk '{risk.title}'."
        )


def change_threats(
    ws: Workspace,
    risk_id: uuid.UUID,
    *,
    link: Iterable[uuid.UUID] = (),
    unlink: Mapping[uuid.UUID, int | None] | None = None,
) -> tuple[Change, ...]:
    """The risk threatens the tasks in ``link`` too and no longer those of the links in
    ``unlink`` (link id → version seen), in one transaction. Tasks must be live and of
    the risk's release; a task already linked stays linked once."""
    with ws.transaction() as s:
        risk = _rows.load_live(s, Risk, risk_id)
        return tuple(change_links(s, THREATS, risk, link, unlink or {}, _same_release))


def flip_threats(
    ws: Workspace, steps: Sequence[Step], expected: Mapping[uuid.UUID, int | None] | None
) -> tuple[Change, ...]:
    """Undo or redo a :func:`change_threats` step on the same link rows."""
    return flip_links(ws, RiskTask, steps, expected)


def threat_line(title: str, probability: int, impact: int) -> str:
    """How a tooltip names a risk: ``Vendor late (score 20)``."""
    return f"{title} (score {score(probability, impact)})"


def threatened_by(lines: Sequence[str]) -> str:
    """The sentence a task's tooltip adds: ``Threatened by: Vendor late (score 20)``."""
    return f"Threatened by: {'; '.join(lines)}" if lines else ""


def task_threats(
    ws: Workspace, release_ids: Sequence[uuid.UUID | str]
) -> dict[str, tuple[str, ...]]:
    """Task id (text, as the plan's rows carry it) → the open risks threatening it,
    highest score first, for the tasks of these releases: one query for a whole plan."""
    ids = [uuid.UUID(str(r)) for r in release_ids]
    if not ids:
        return {}
    query = (
        sa.select(RiskTask.task_id, Risk.title, Risk.probability, Risk.impact)
        .join(Risk, Risk.id == RiskTask.risk_id)
        .join(Task, Task.id == RiskTask.task_id)
        .where(Task.release_id.in_(ids), Task.deleted_at.is_(None))
        .where(RiskTask.deleted_at.is_(None), Risk.deleted_at.is_(None))
        .where(Risk.status.in_(ACTIVE))
        .order_by((Risk.probability * Risk.impact).desc(), Risk.title)
    )
    found: dict[str, list[str]] = defaultdict(list)
    with ws.reading() as s:
        for task_id, title, probability, impact in s.execute(query):
            found[str(task_id)].append(threat_line(title, probability, impact))
    return {task: tuple(lines) for task, lines in found.items()}
