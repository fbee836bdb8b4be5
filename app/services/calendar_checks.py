"""Checks shared by the calendar's editors (freeze windows, bookings, moves): a window
that ends after it starts, a repeat rule that parses, references that exist.

Each refusal is a :class:`FieldError`, a :class:`ValidationError` naming the field it
is about, so a form marks that field and says why (nothing is saved).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from dateutil.rrule import rrulestr
from sqlalchemy.orm import Session

from app.dates_text import moment
from app.errors import ValidationError
from app.services._rows import naive_utc
from models.base import Entity

E = TypeVar("E", bound=Entity)
RRULE_MAX = 240  # calendar_exception.rrule holds so many characters


class FieldError(ValidationError):
    """Input refused because of one field (``field`` = the service's argument name)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def window(
    start: dt.datetime | None, end: dt.datetime | None, end_field: str = "end"
) -> tuple[dt.datetime, dt.datetime]:
    """``(start, end)`` as naive UTC; refused when either is missing or the window
    ends before (or when) it starts."""
    if start is None:
        raise FieldError("start", "The window needs a start.")
    if end is None:
        raise FieldError(end_field, "The window needs an end.")
    start, end = naive_utc(start), naive_utc(end)
    assert start is not None and end is not None
    if end <= start:
        raise FieldError(
            end_field, f"The window ends ({moment(end)}) before it starts ({moment(start)})."
        )
    return start, end


def repeat_rule(rule: str | None, start: dt.datetime) -> str:
    """An RFC 5545 RRULE (without the ``RRULE:`` prefix), checked by parsing it."""
    text = (rule or "").strip().removeprefix("RRULE:")
    if not text:
        return ""
    if len(text) > RRULE_MAX:
        raise FieldError("rrule", f"The repeat rule is too long (at most {RRULE_MAX} characters).")
    try:
        rrulestr(text, dtstart=start)
    except (ValueError, TypeError) as exc:
        raise FieldError("rrule", f"The repeat rule '{text}' is not valid: {exc}.") from None
    if "FREQ=" not in text.upper():
        raise FieldError("rrule", f"The repeat rule '{text}' says no frequency (FREQ=…).")
    return text


def live_ref(
    s: Session, model: type[E], row_id: uuid.UUID | None, field: str, what: str
) -> E | None:
    """The live row ``row_id`` names (None stays None); refused at ``field`` when it
    does not exist or was deleted."""
    if row_id is None:
        return None
    obj = s.get(model, row_id)
    if obj is None or obj.deleted_at is not None:
        raise FieldError(field, f"The chosen {what} does not exist (it may have been deleted).")
    return obj


def whole_edit(
    s: Session,
    row: Entity,
    values: dict[str, Any],
    editable: tuple[str, ...],
    normalise: Callable[[Session, dict[str, Any]], dict[str, Any]],
) -> dict[str, Any]:
    """An edit of some fields checked with the row's other fields as they are (an end
    moved before the stored start is refused); the edited fields, normalised."""
    whole = {k: values.get(k, getattr(row, k)) for k in editable}
    checked = normalise(s, whole)
    return {k: checked[k] for k in values}
