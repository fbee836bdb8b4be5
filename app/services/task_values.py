"""What a task's fields may hold: normalising and checking values before they are saved.

Checks are made on the task *as it will be* (the stored values with the new ones over
them), so an actual finish is compared with the stored actual start, and a constraint
type that needs a date is refused without one, wherever that date comes from.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from app import wall_time
from app.dates_text import moment
from app.errors import ValidationError
from app.interchange.limits import EARLIEST, LATEST, MAX_DURATION_MINUTES, MAX_LAG_PERCENT
from app.services import _rows
from models import Calendar
from models.enums import ConstraintType, LagUnit, LinkType

EDITABLE = (
    "name",
    "duration_minutes",
    "duration_elapsed",
    "milestone",
    "is_deployment",
    "calendar_id",
    "constraint_type",
    "constraint_date",
    "deadline",
    "percent_complete",
    "actual_start",
    "actual_finish",
    "notes",
)
"""The task fields :func:`app.services.task_service.update_task` edits."""

DATED_CONSTRAINTS = frozenset(ConstraintType) - {ConstraintType.ASAP, ConstraintType.ALAP}
"""Constraint types that need a constraint date."""
_CONSTRAINT_WORDS = {
    ConstraintType.SNET: "start no earlier than",
    ConstraintType.SNLT: "start no later than",
    ConstraintType.FNET: "finish no earlier than",
    ConstraintType.FNLT: "finish no later than",
    ConstraintType.MSO: "must start on",
    ConstraintType.MFO: "must finish on",
    ConstraintType.ASAP: "as soon as possible",
    ConstraintType.ALAP: "as late as possible",
}
DEFAULT_DURATION = 480
"""A new task's duration: one working day, as Microsoft Project starts one."""
_NAME_MAX = 240


def implied_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` with what they imply: an undated constraint type (as soon / late as
    possible) clears the constraint date unless a date is given too. An undo needs
    the old value of each field this returns."""
    out = dict(values)
    kind = out.get("constraint_type")
    if (
        kind is not None
        and "constraint_date" not in out
        and _rows.choice(ConstraintType, kind, "constraint type") not in DATED_CONSTRAINTS
    ):
        out["constraint_date"] = None
    return out


def plan_time(value: Any, what: str) -> dt.datetime | None:
    """A plan date-time: naive wall-clock time (an aware one is turned into local time),
    within the dates a plan can hold."""
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(8, 0))
    if not isinstance(value, dt.datetime):
        raise ValidationError(f"The {what} must be a date and time.")
    if value.tzinfo is not None:
        value = wall_time.plan_time(value)
    if not EARLIEST <= value <= LATEST:
        raise ValidationError(
            f"The {what} ({moment(value)}) must lie between {EARLIEST.year} and {LATEST.year}."
        )
    return value


def _number(value: Any, what: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(f"The {what} must be a number, not '{value}'.") from None
    if not math.isfinite(number):
        raise ValidationError(f"The {what} must be a number, not '{value}'.")
    return number


def duration(value: Any) -> int:
    """A duration in whole minutes: not negative, at most fifty working years."""
    minutes = _number(value, "duration")
    if minutes < 0:
        raise ValidationError(f"A duration cannot be negative ({minutes:g} minutes).")
    if minutes > MAX_DURATION_MINUTES:
        raise ValidationError(
            f"A duration can be at most {MAX_DURATION_MINUTES:,} minutes (fifty working years)."
        )
    return round(minutes)


def percent(value: Any) -> float:
    """A percentage complete between 0 and 100."""
    number = _number(value, "percent complete")
    if not 0 <= number <= 100:
        raise ValidationError(f"Percent complete must be between 0 and 100, not {number:g}.")
    return number


def normalise(s: Session, values: Mapping[str, Any]) -> dict[str, Any]:
    """Each given field in the form it is stored in; a value it cannot hold is refused."""
    out = dict(values)
    if "name" in out:
        out["name"] = _rows.required_text(out["name"], "task's name", _NAME_MAX)
    if "notes" in out:
        out["notes"] = str(out["notes"] or "").strip()
    if "duration_minutes" in out:
        out["duration_minutes"] = duration(out["duration_minutes"])
    if "percent_complete" in out:
        out["percent_complete"] = percent(out["percent_complete"])
    for flag in ("duration_elapsed", "milestone", "is_deployment"):
        if flag in out:
            out[flag] = bool(out[flag])
    if "constraint_type" in out:
        out["constraint_type"] = _rows.choice(
            ConstraintType, out["constraint_type"] or ConstraintType.ASAP, "constraint type"
        )
    for name in ("constraint_date", "deadline", "actual_start", "actual_finish"):
        if name in out:
            out[name] = plan_time(out[name], name.replace("_", " "))
    if out.get("calendar_id") is not None:
        out["calendar_id"] = _rows.require_ref(s, Calendar, out["calendar_id"], "calendar").id
    return out


def check_task(state: Mapping[str, Any]) -> None:
    """Refuse a task whose fields do not fit together (``state``: every field's value
    as it will be saved)."""
    kind = state["constraint_type"]
    if kind in DATED_CONSTRAINTS and state["constraint_date"] is None:
        raise ValidationError(
            f"A '{_CONSTRAINT_WORDS[kind]}' constraint needs a date; give the constraint "
            "date or choose 'as soon as possible'."
        )
    if kind not in DATED_CONSTRAINTS and state["constraint_date"] is not None:
        raise ValidationError(
            f"An '{_CONSTRAINT_WORDS[kind]}' task takes no constraint date; clear the date "
            "or choose a constraint that uses it (e.g. 'start no earlier than')."
        )
    start, finish = state["actual_start"], state["actual_finish"]
    if finish is not None and start is None:
        raise ValidationError("A task with an actual finish needs its actual start too.")
    if start is not None and finish is not None and finish < start:
        raise ValidationError(
            f"The actual finish ({moment(finish)}) lies before the actual start ({moment(start)})."
        )


def link_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """A link's type, lag and lag unit (those given) as stored; a lag out of range is
    refused (fifty working years, or 10,000 % of the predecessor's duration)."""
    out = dict(values)
    if "link_type" in out:
        out["link_type"] = _rows.choice(LinkType, out["link_type"], "link type")
    if "lag_unit" in out:
        out["lag_unit"] = _rows.choice(LagUnit, out["lag_unit"], "lag unit")
    if "lag" in out:
        out["lag"] = _number(out["lag"], "lag") + 0.0
    return out


def check_lag(lag: float, unit: LagUnit) -> None:
    """Refuse a lag (or lead) longer than any plan needs."""
    limit = MAX_LAG_PERCENT if unit is LagUnit.PERCENT else MAX_DURATION_MINUTES
    if abs(lag) > limit:
        shown = f"{lag:g} %" if unit is LagUnit.PERCENT else f"{lag:g} minutes"
        raise ValidationError(f"A lag of {shown} is too long (at most {limit:,g}).")


def default_fields() -> dict[str, Any]:
    """The fields of a new task that the caller did not give."""
    return {
        "duration_minutes": DEFAULT_DURATION,
        "duration_elapsed": False,
        "milestone": False,
        "is_deployment": False,
        "calendar_id": None,
        "constraint_type": ConstraintType.ASAP,
        "constraint_date": None,
        "deadline": None,
        "actual_start": None,
        "actual_finish": None,
        "percent_complete": 0.0,
        "notes": "",
    }
