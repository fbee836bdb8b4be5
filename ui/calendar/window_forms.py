"""Creating and editing freeze windows and environment bookings from the calendar:
the fields, their choices, and the commands that save them (through the runner, so
each save is undoable and a stale one goes to the conflict dialog)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from app import clock
from app.errors import ReleaseDeskError
from app.services import booking_service, freeze_service, people_service, release_service
from app.services.freeze_service import WINDOW_KINDS
from ui.calendar.calendar_form import CalendarForm, window_problems
from ui.dialogs.form_dialog import Field
from ui.editor.form_fields import enum_choices
from ui.undo import calendar_commands as cmd
from ui.view_registry import ViewContext

FREEZE_FIELDS = ("name", "kind", "start", "finish", "rrule", "domain_id", "environment_id")
BOOKING_FIELDS = ("environment_id", "title", "start", "end", "domain_id", "release_id", "notes")


def _raise_refusal(error: ReleaseDeskError) -> None:
    raise error


def _saver(ctx: ViewContext, kind: cmd.RowKind, row: Any) -> Callable[[dict[str, Any]], None]:
    """What OK does: create a row, or save the fields that changed, as one command."""

    def save(values: dict[str, Any]) -> None:
        if row is None:
            command = cmd.create_row(ctx.workspace, kind, **values)
        else:
            changed = {k: v for k, v in values.items() if getattr(row, k) != v}
            if not changed:
                return
            command = cmd.edit_row(ctx.workspace, kind, row, **changed)
        ctx.runner.run(command, on_error=_raise_refusal)

    return save


def _choices(ctx: ViewContext, none: str) -> tuple[list, list]:
    ws = ctx.workspace
    domains = [(none, None)] + [(d.name, d.id) for d in people_service.list_domains(ws)]
    envs = [(e.name, e.id) for e in people_service.list_environments(ws)]
    return domains, envs


def _default_window(hours: int) -> tuple[dt.datetime, dt.datetime]:
    start = clock.local_now().replace(minute=0) + dt.timedelta(days=1)
    return clock.from_local(start), clock.from_local(start + dt.timedelta(hours=hours))


def freeze_form(
    ctx: ViewContext, row: freeze_service.FreezeRow | None = None, parent: QWidget | None = None
) -> CalendarForm:
    """The form that creates a window (``row`` None) or edits ``row``."""
    domains, envs = _choices(ctx, "Every domain")
    start, finish = (row.start, row.finish) if row else _default_window(24)
    fields = [
        Field("name", "Name", value=row.name if row else "", required=True),
        Field(
            "kind",
            "Kind",
            "choice",
            row.kind if row else WINDOW_KINDS[0],
            enum_choices(WINDOW_KINDS),
        ),
        Field("start", "Starts", "datetime", start),
        Field("finish", "Ends", "datetime", finish),
        Field("rrule", "Repeats", "rrule", row.rrule if row else ""),
        Field("domain_id", "Domain", "choice", row.domain_id if row else None, domains),
        Field(
            "environment_id",
            "Environment",
            "choice",
            row.environment_id if row else None,
            [("Every environment", None), *envs],
        ),
    ]
    title = "New freeze window" if row is None else f"Edit '{row.name}'"
    save = _saver(ctx, cmd.FREEZES, row)
    return CalendarForm(
        title, fields, save, parent, lambda v: window_problems(v, "start", "finish")
    )


def booking_form(
    ctx: ViewContext,
    row: booking_service.BookingRow | None = None,
    parent: QWidget | None = None,
    environment_id: uuid.UUID | None = None,
) -> CalendarForm:
    """The form that books an environment (``row`` None) or edits the booking ``row``."""
    ws = ctx.workspace
    domains, envs = _choices(ctx, "No domain")
    releases = [("No release", None)] + [(r.title, r.id) for r in release_service.list_releases(ws)]
    start, end = (row.start, row.end) if row else _default_window(8)
    fields = [
        Field(
            "environment_id",
            "Environment",
            "choice",
            row.environment_id if row else environment_id,
            envs,
            required=True,
        ),
        Field("title", "What for", value=row.title if row else "", required=True),
        Field("start", "From", "datetime", start),
        Field("end", "Until", "datetime", end),
        Field("domain_id", "Domain", "choice", row.domain_id if row else None, domains),
        Field("release_id", "Release", "choice", row.release_id if row else None, releases),
        Field("notes", "Notes", "multiline", row.notes if row else ""),
    ]
    title = "Book an environment" if row is None else f"Edit booking '{row.title}'"
    save = _saver(ctx, cmd.BOOKINGS, row)
    return CalendarForm(title, fields, save, parent, lambda v: window_problems(v, "start", "end"))


def open_form(form: CalendarForm) -> bool:
    """Show a form until it is saved or cancelled; True when saved."""
    return form.exec() == QDialog.DialogCode.Accepted
