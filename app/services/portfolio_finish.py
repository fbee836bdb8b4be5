"""When each release's plan finishes, for all releases at once (the board's late badges).

One schedule of the whole portfolio, not one per release: a release's early dates
follow from the work upstream of it, which the portfolio holds, and one schedule of
40,000 tasks costs what a few release schedules cost. Each release's finish is the
one its own schedule (:func:`release_schedule.schedule_release`, the editor's) gives:
the engine reads it in the calendar of the task that ends it, not in the portfolio's
usual calendar (tests/app/services/test_board_lateness.py holds the two to it).
"""

from __future__ import annotations

import datetime as dt
import uuid

from app.errors import PlanNotSchedulableError
from app.services.plan_loader import load_plan
from app.services.plan_service import schedule_plan
from app.workspace import Workspace


def scheduled_finishes(ws: Workspace) -> dict[uuid.UUID, dt.datetime]:
    """Each planned release's scheduled finish; none when the portfolio cannot be
    scheduled (a circle of links: the plan views name its tasks)."""
    loaded = load_plan(ws)
    if not loaded.plan.tasks:
        return {}
    try:
        result = schedule_plan(loaded)
    except PlanNotSchedulableError:
        return {}
    return {uuid.UUID(rid): when for rid, when in result.release_finish.items()}
