"""The rows of a Gantt chart, from the stored plan and the engine's schedule.

:func:`gantt_plan` reads one release's plan, or several together (portfolio mode: the
engine schedules them in one pass, so links between releases drive dates and are drawn
as arrows), schedules it and turns it into a :class:`~app.charts.gantt_plan.GanttPlan`
(:func:`app.charts.gantt_rows.chart_plan`) that the Plan view's table, its chart and
``releasedesk plan chart`` all show.

Tasks of other releases that the engine loads because they drive ours (see
:mod:`app.services.plan_loader`) are scheduled but not shown: a chart shows the releases
asked for.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from app import clock
from app.charts.gantt_plan import GanttPlan
from app.charts.gantt_rows import chart_plan
from app.errors import ValidationError
from app.gc_pause import gc_paused
from app.services.plan_calendars import build_freeze_windows
from app.services.plan_loader import PlanRows, build_plan, dashed, read_plan_rows
from app.services.plan_service import resolve_release, schedule_plan
from app.workspace import Workspace
from models.enums import CalendarExceptionKind


@gc_paused()  # tens of thousands of rows that form no cycles: see app.gc_pause
def gantt_plan(
    ws: Workspace,
    release_ids: Sequence[uuid.UUID | str],
    *,
    critical_only: bool = False,
    domain_id: uuid.UUID | str | None = None,
    text: str = "",
) -> GanttPlan:
    """The Gantt rows of the given releases (ids or names), scheduled together.

    Filters keep a task when it is critical (``critical_only``), its release belongs to
    ``domain_id``, and its name contains ``text`` (case-insensitive); the summary tasks
    above a kept task stay too, so the outline still reads. Row numbers stay those of
    the unfiltered table. Raises :class:`NotFoundError` for an unknown release,
    :class:`ValidationError` when none is given or none has tasks, and
    :class:`PlanNotSchedulableError` when the plan cannot be scheduled (a circle).
    """
    if not release_ids:
        raise ValidationError("Choose at least one release to chart.")
    resolved = [resolve_release(ws, r) for r in release_ids]
    ids = list(dict.fromkeys(rid for rid, _name in resolved))
    raw = read_plan_rows(ws, ids)
    loaded = build_plan(raw)
    order = [str(i) for i in ids]
    if not any(t.release_id in order for t in loaded.plan.tasks):
        names = ", ".join(f"'{name}'" for _rid, name in resolved)
        raise ValidationError(
            f"{names} {'has' if len(resolved) == 1 else 'have'} no tasks yet, so there is "
            "nothing to chart: import a plan or add tasks first."
        )
    result = schedule_plan(loaded)
    releases = raw.releases
    return chart_plan(
        loaded.plan,
        result,
        order,
        status_date=loaded.plan.status_date or clock.local_now(),
        release_names={rid: releases[rid].name for rid in order},
        release_deadlines={rid: d for rid in order if (d := releases[rid].deadline)},
        release_domains={rid: info.domain_id for rid, info in releases.items()},
        blackouts=_blackouts(raw, loaded.plan.project_start),
        anchored=_anchored(raw),
        critical_only=critical_only,
        domain_id=None if domain_id is None else str(domain_id),
        text=text,
        scheduled_names={rid: info.name for rid, info in releases.items()},
    )


def _anchored(raw: PlanRows) -> set[str]:
    """Tasks stored as "as soon as possible": in a plan of several releases (or with
    another release's upstream tasks) the loader anchors them to their release's start,
    which is no constraint of the user's."""
    if raw.sqlite_ids:  # 32 hex digits, as plan_loader reads them
        return {dashed(t[0]) for t in raw.tasks if t[10] is None}
    return {t[0] for t in raw.tasks if t[10] is None}


def _blackouts(raw: PlanRows, start: dt.datetime) -> set[tuple[dt.datetime, dt.datetime, str]]:
    """The plan's blackout windows (the others are freezes)."""
    blackout = CalendarExceptionKind.BLACKOUT.value
    rows = [e for e in raw.exceptions if e[3] == blackout]
    domains = {info.domain_id for info in raw.releases.values()}
    return {(w.start, w.finish, w.name) for w in build_freeze_windows(rows, domains, start, [])}
