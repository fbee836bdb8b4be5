"""The risk log: record, edit, review and close risks; link them to the tasks they threaten.

Each write is one audited transaction returning its :class:`Change`. A risk's
probability and impact are kept in its score history (:mod:`app.services.risk_history`)
whenever either changes, so its trend and its release's exposure can be drawn. Every
edit counts as a review (the owner looked at it) unless the caller says when the last
review was; an open risk not reviewed for :data:`STALE_AFTER`, or whose proximity date
has passed, is *stale* and stands out.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import clock
from app.changes import Change, ChangeAction
from app.errors import NotFoundError, ValidationError
from app.risk_scores import score
from app.services import _rows, cascade
from app.workspace import Workspace
from models import Domain, Person, Release, Risk, RiskScore, RiskTask, Task
from models.enums import RiskStatus

STALE_AFTER = dt.timedelta(days=14)
ACTIVE = (RiskStatus.OPEN, RiskStatus.MITIGATING)
_STATUS = {member.value: member for member in RiskStatus}
EDITABLE = (
    "title",
    "description",
    "release_id",
    "probability",
    "impact",
    "owner_id",
    "mitigation",
    "status",
    "proximity",
    "last_reviewed_at",
)


@dataclass(frozen=True)
class RiskRow:
    """One risk as the risk log lists it."""

    id: uuid.UUID
    release_id: uuid.UUID | None
    release_title: str
    domain: str
    title: str
    description: str
    probability: int
    impact: int
    owner_id: uuid.UUID | None
    owner_name: str
    mitigation: str
    status: RiskStatus
    proximity: dt.date | None
    last_reviewed_at: dt.datetime | None
    created_at: dt.datetime
    version: int
    score: int = 0  # probability × impact (stored: the table sorts and filters by it)
    stale_reason: str = ""
    task_names: tuple[str, ...] = ()  # the tasks it threatens, by name

    @property
    def tasks_text(self) -> str:
        """The threatened tasks as one line ("" when none)."""
        return ", ".join(self.task_names)

    @property
    def stale(self) -> bool:
        """True when the risk needs a review (see :func:`stale_reason`)."""
        return bool(self.stale_reason)


def stale_reason(
    status: RiskStatus,
    reviewed: dt.datetime | None,
    created: dt.datetime,
    proximity: dt.date | None,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> str:
    """Why an open risk needs a review now ("" when it does not); ``today`` and ``now``
    default to the clock's (a caller checking many risks reads the clock once)."""
    if status not in ACTIVE:
        return ""
    if proximity is not None and proximity < (today or clock.today()):
        return "Its proximity date has passed."
    if (now or clock.now()) - (reviewed or created) > STALE_AFTER:
        return "Not reviewed for more than 14 days."
    return ""


def list_risks(
    ws: Workspace, release_id: uuid.UUID | None = None, *, risk_id: uuid.UUID | None = None
) -> list[RiskRow]:
    """The live risks (of one release, or all; or the one ``risk_id``), highest score first.

    Ten thousand risks are read in one Core select, ids and status as the driver gives
    them (parsing a UUID per column per row was most of the cost) and turned into rows
    here: each distinct id is parsed once, the clock read once, and the garbage
    collector waits until they are built.
    """
    query = (
        _rows.row_select(
            RiskRow,
            Risk,
            omit=("score", "stale_reason", "task_names"),
            id=_rows.raw_key(Risk.id),
            release_id=_rows.raw_key(Risk.release_id),
            owner_id=_rows.raw_key(Risk.owner_id),
            status=_rows.raw_key(Risk.status),
            release_title=sa.func.coalesce(Release.title, ""),
            domain=sa.func.coalesce(Domain.name, ""),
            owner_name=sa.func.coalesce(Person.name, ""),
        )
        .outerjoin(Release, _rows.live_ref(Release, Risk.release_id))
        .outerjoin(Domain, _rows.live_ref(Domain, Release.domain_id))
        .outerjoin(Person, _rows.live_ref(Person, Risk.owner_id))
        .where(Risk.deleted_at.is_(None))
        .order_by((Risk.probability * Risk.impact).desc(), Risk.title)
    )
    if release_id is not None:
        query = query.where(Risk.release_id == release_id)
    if risk_id is not None:
        query = query.where(Risk.id == risk_id)
    with _rows.collector_paused():
        with ws.reading() as s:
            rows = s.connection().execute(query).all()
            tasks = _threatened_names(s, release_id, risk_id)
        return _risk_rows(rows, tasks)


def _risk_rows(rows: Sequence[Any], tasks: dict[Any, tuple[str, ...]]) -> list[RiskRow]:
    """The risk log's rows from the select's tuples (stale reasons as of now)."""
    today, now, uuid_of, no_tasks = clock.today(), clock.now(), _rows.uuid_reader(), ()
    found = []
    for (
        ident, release, release_title, domain, title, description, probability, impact,
        owner, owner_name, mitigation, status, proximity, reviewed, created, version,
    ) in rows:  # fmt: skip
        state = _STATUS[status]  # a tuple unpacked: a Row's named access costs more
        found.append(
            RiskRow(
                uuid_of(ident),
                uuid_of(release),
                release_title,
                domain,
                title,
                description,
                probability,
                impact,
                uuid_of(owner),
                owner_name,
                mitigation,
                state,
                proximity,
                reviewed,
                created,
                version,
                score(probability, impact),
                stale_reason(state, reviewed, created, proximity, today, now),
                tasks.get(ident, no_tasks),
            )
        )
    return found


def _threatened_names(
    s: Session, release_id: uuid.UUID | None, risk_id: uuid.UUID | None
) -> dict[Any, tuple[str, ...]]:
    """Risk id (as the driver gives it) → the names of the live tasks it threatens."""
    query = (
        sa.select(_rows.raw_key(RiskTask.risk_id), Task.name)
        .join(Task, Task.id == RiskTask.task_id)
        .join(Risk, Risk.id == RiskTask.risk_id)
        .where(RiskTask.deleted_at.is_(None), Task.deleted_at.is_(None))
        .order_by(Task.wbs, Task.name)
    )
    if release_id is not None:
        query = query.where(Risk.release_id == release_id)
    if risk_id is not None:
        query = query.where(RiskTask.risk_id == risk_id)
    found: dict[Any, list[str]] = {}
    for owner, name in s.connection().execute(query):
        found.setdefault(owner, []).append(name)
    return {owner: tuple(names) for owner, names in found.items()}


def get_risk(ws: Workspace, risk_id: uuid.UUID) -> RiskRow:
    """One live risk (:class:`NotFoundError` when gone)."""
    found = list_risks(ws, risk_id=risk_id)
    if not found:
        raise NotFoundError("That risk no longer exists (it may have been deleted).")
    return found[0]


def _level(value: Any, what: str) -> int:
    """A probability or impact: a whole number 1-5 (a form's text "4" too)."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
        raise ValidationError(f"The {what} must be a whole number from 1 to 5 (not {value}).")
    return value


def _normalise(s: Session, values: dict[str, Any]) -> dict[str, Any]:
    if "title" in values:
        values["title"] = _rows.required_text(values["title"], "risk's title", 240)
    for key in ("description", "mitigation"):
        if key in values:
            values[key] = str(values[key] or "").strip()
    for key in ("probability", "impact"):
        if key in values:
            values[key] = _level(values[key], key)
    if "status" in values:
        values["status"] = _rows.choice(RiskStatus, values["status"], "risk status")
    if values.get("release_id") is not None:
        _rows.require_ref(s, Release, values["release_id"])
    if values.get("owner_id") is not None:
        _rows.require_ref(s, Person, values["owner_id"], "owner")
    if values.get("proximity") is not None and not isinstance(values["proximity"], dt.date):
        raise ValidationError("The proximity must be a date.")
    if isinstance(values.get("proximity"), dt.datetime):
        values["proximity"] = values["proximity"].date()
    return values


def _record_score(s: Session, risk: Risk) -> None:
    s.add(
        RiskScore(
            risk_id=risk.id,
            probability=risk.probability,
            impact=risk.impact,
            recorded_at=clock.precise_now(),
        )
    )


def create_risk(
    ws: Workspace,
    release_id: uuid.UUID | None,
    title: str,
    probability: int = 3,
    impact: int = 3,
    **values: Any,
) -> Change:
    """Record a risk (with the first entry of its score history); reviewed now."""
    _rows.check_fields(Risk, values, EDITABLE)
    with ws.transaction() as s:
        values = _normalise(
            s,
            {
                **values,
                "release_id": release_id,
                "title": title,
                "probability": probability,
                "impact": impact,
            },
        )
        values.setdefault("last_reviewed_at", clock.now())
        risk = Risk(**values)
        change = _rows.create(s, risk)
        _record_score(s, risk)
        return change


def update_risk(
    ws: Workspace, risk_id: uuid.UUID, expected_version: int | None, **values: Any
) -> Change:
    """Change fields of a risk read at ``expected_version`` (a stale version raises
    ConflictError and writes nothing). A new probability or impact enters the score
    history; the edit counts as a review unless ``last_reviewed_at`` is given."""
    _rows.check_fields(Risk, values, EDITABLE)
    with ws.transaction() as s:
        risk = _rows.load_live(s, Risk, risk_id)
        values = _normalise(s, dict(values))
        _rows.check_version(risk, expected_version, values)
        values.setdefault("last_reviewed_at", clock.now())
        before = (risk.probability, risk.impact)
        for key, value in values.items():
            setattr(risk, key, value)
        if (risk.probability, risk.impact) != before:
            _record_score(s, risk)
        return _rows.changed(s, risk, ChangeAction.UPDATED)


def review_risk(ws: Workspace, risk_id: uuid.UUID, expected_version: int | None) -> Change:
    """Record that the risk was reviewed now, nothing else changing."""
    return update_risk(ws, risk_id, expected_version, last_reviewed_at=clock.now())


delete_risk, restore_risk = cascade.delete_and_restore(Risk)


def link_task(ws: Workspace, risk_id: uuid.UUID, task_id: uuid.UUID) -> Change:
    """Record that a risk threatens a task (once; the task must be live)."""
    with ws.transaction() as s:
        _rows.load_live(s, Risk, risk_id)
        task = _rows.require_ref(s, Task, task_id)
        twin = s.scalar(
            sa.select(RiskTask.id).where(
                RiskTask.risk_id == risk_id,
                RiskTask.task_id == task_id,
                RiskTask.deleted_at.is_(None),
            )
        )
        if twin is not None:
            raise ValidationError(f"The risk already threatens the task {task.name}.")
        return _rows.create(s, RiskTask(risk_id=risk_id, task_id=task_id))


unlink_task, relink_task = cascade.delete_and_restore(RiskTask)


@dataclass(frozen=True)
class ThreatRow:
    """A task a risk threatens (or a risk threatening a task)."""

    id: uuid.UUID
    risk_id: uuid.UUID
    risk_title: str
    task_id: uuid.UUID
    task_name: str
    version: int


def threats(
    ws: Workspace, *, risk_id: uuid.UUID | None = None, release_id: uuid.UUID | None = None
) -> list[ThreatRow]:
    """The live risk ↔ task links of one risk, or of one release's tasks."""
    query = (
        sa.select(RiskTask.id, Risk.id, Risk.title, Task.id, Task.name, RiskTask.version)
        .join(Risk, Risk.id == RiskTask.risk_id)
        .join(Task, Task.id == RiskTask.task_id)
        .where(RiskTask.deleted_at.is_(None), Risk.deleted_at.is_(None))
        .where(Task.deleted_at.is_(None))
        .order_by(Task.name, Risk.title)
    )
    if risk_id is not None:
        query = query.where(RiskTask.risk_id == risk_id)
    if release_id is not None:
        query = query.where(Task.release_id == release_id)
    return _rows.fetch(ws, ThreatRow, query)
