"""Change requests of a release, as the Changes tab lists them."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from app.dates_text import day
from app.services.change_items import ChangeItemSpec
from app.services.change_request_service import ChangeRequestRow
from app.services.change_table import asks_for
from ui import theme
from ui.editor.row_table_model import Column, RowTableModel, capitalized

STATUS_COLOURS = {
    "assessed": "accent",
    "approved": "success",
    "rejected": "danger_text",
    "implemented": "muted",
}


@dataclass(frozen=True)
class ChangeView:
    """A request as the table lists it and the request form edits it."""

    request: ChangeRequestRow

    @property
    def id(self) -> uuid.UUID:
        return self.request.id

    @property
    def version(self) -> int:
        return self.request.version

    @property
    def release_id(self) -> uuid.UUID:
        return self.request.release_id

    @property
    def title(self) -> str:
        return self.request.title

    @property
    def requester_name(self) -> str:
        return self.request.requester_name

    @property
    def description(self) -> str:
        return self.request.description

    @property
    def items(self) -> tuple[ChangeItemSpec, ...]:
        return self.request.items

    @property
    def requested_on(self) -> dt.date | None:
        return self.request.requested_on


def _status_colour(view: ChangeView) -> str | None:
    name = STATUS_COLOURS.get(view.request.status.value)
    return getattr(theme.colours(), name) if name else None


def _impact(view: ChangeView) -> str:
    r = view.request
    if not r.impact:
        return "not assessed"
    days = f"{r.impact_days:+.1f}".rstrip("0").rstrip(".")
    return f"{days} d"


def _requested(view: ChangeView) -> str:
    who = view.requester_name or "Nobody named"
    return f"{who}, on {day(view.requested_on)}" if view.requested_on else who


def _decision_tip(view: ChangeView) -> str:
    lines = [
        f"{capitalized(d.status)} by {d.author or 'someone'} on {day(d.decided_at)}"
        + (f": {d.reason}" if d.reason and d.status.value != "assessed" else "")
        for d in view.request.decisions
    ]
    return "\n".join(lines) or "No decision yet"


class ChangeModel(RowTableModel):
    columns = (
        Column(
            "Request",
            lambda v: v.title,
            tooltip=lambda v: "\n".join(p for p in (v.description, asks_for(v.request.items)) if p),
            stretch=True,
        ),
        Column(
            "Status",
            lambda v: capitalized(v.request.status),
            colour=_status_colour,
            tooltip=_decision_tip,
        ),
        Column("Impact", _impact, tooltip=lambda v: v.request.impact or "Not assessed yet"),
        Column("Requester", lambda v: v.requester_name or "—", tooltip=_requested),
    )
