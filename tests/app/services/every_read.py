"""Everything the services show about a workspace, as one comparable value.

Every service read, gate, count and schedule, for the whole workspace and for each live
release, in a deterministic order. A refusal (a release without tasks cannot be
scheduled) is part of the answer, as its message.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from typing import Any

from app.errors import ReleaseDeskError
from app.services import (
    baseline_service,
    board_service,
    booking_service,
    dependency_service,
    freeze_service,
    handover_service,
    people_service,
    plan_service,
    release_schedule,
    release_service,
    scope_service,
    signoff_service,
)
from app.services.release_lifecycle import GATES
from app.workspace import Workspace
from app.workspace_check import workspace_counts
from models import Release


def _answer(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except ReleaseDeskError as exc:
        return f"{type(exc).__name__}: {exc}"


def _schedule(ws: Workspace, release_id: uuid.UUID) -> Any:
    result = release_schedule.schedule_release(ws, release_id)
    return (
        result.start,
        result.finish,
        result.critical_path,
        result.problems,
        result.tasks,
        sorted(result.schedule.tasks.keys()),  # the upstream tasks it was driven by
    )


def _gates(ws: Workspace, release_id: uuid.UUID) -> dict[str, list[str]]:
    with ws.reading() as s:
        release = s.get(Release, release_id)
        return {target.value: gate(s, release) for target, gate in GATES.items()}


PER_RELEASE: dict[str, Callable[[Workspace, uuid.UUID], Any]] = {
    "release": release_service.get_release,
    "scope": scope_service.list_scope,
    "scope hash": scope_service.current_scope_hash,
    "stakeholders": signoff_service.list_stakeholders,
    "sign-offs": signoff_service.list_signoffs,
    "sign-off status": signoff_service.signoff_status,
    "handover": handover_service.list_handover,
    "communications": handover_service.list_communications,
    "dependencies": dependency_service.list_dependencies,
    "dependents": dependency_service.list_dependents,
    "gates": _gates,
    "schedule": _schedule,
    "slip": baseline_service.release_slip,
}


def every_read(ws: Workspace) -> dict[str, Any]:
    """What every read shows (audit rows left out: a deletion adds some)."""
    counts = workspace_counts(ws)
    del counts["Audit rows"]
    out: dict[str, Any] = {
        "releases": release_service.list_releases(ws),
        "board": board_service.list_board_cards(ws),
        "people": people_service.list_people(ws),
        "domains": people_service.list_domains(ws),
        "environments": people_service.list_environments(ws),
        "db info": counts,
        "task counts": plan_service.plan_task_counts(ws),
        "bookings": booking_service.list_bookings(ws),
        "freeze windows": freeze_service.list_freezes(ws),
    }
    for release in out["releases"]:
        for what, read in PER_RELEASE.items():
            out[f"{release.title}: {what}"] = _answer(lambda r=read, i=release.id: r(ws, i))
    return out


def ids_in(value: Any) -> set[str]:
    """Every id (as text) anywhere in ``value``: dataclasses, tuples, lists, dicts, text."""
    if isinstance(value, uuid.UUID):
        return {str(value)}
    if isinstance(value, str):
        try:
            return {str(uuid.UUID(value))}
        except ValueError:
            return set()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = [getattr(value, f.name) for f in dataclasses.fields(value)]
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, list | tuple | set | frozenset):
        return set().union(*(ids_in(v) for v in value))
    return set()
