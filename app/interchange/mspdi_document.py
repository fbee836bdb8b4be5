"""What :func:`read_mspdi` returns: the plan plus Microsoft Project's own results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from app.scheduling.plan import PlanSpec


@dataclass(frozen=True, slots=True)
class ProjectTaskResult:
    """Microsoft Project's computed schedule for one task, as saved in the file.

    Slack is in minutes (the file stores tenths of a minute). ``manual``, ``summary``
    and ``percent_complete`` let comparisons leave out tasks whose ``Critical`` flag
    does not follow from CPM (manually scheduled, roll-ups, finished work).
    """

    start: dt.datetime | None
    finish: dt.datetime | None
    early_start: dt.datetime | None
    early_finish: dt.datetime | None
    late_start: dt.datetime | None
    late_finish: dt.datetime | None
    total_slack_minutes: float | None
    free_slack_minutes: float | None
    critical: bool
    manual: bool = False
    summary: bool = False
    percent_complete: float = 0.0


@dataclass(frozen=True, slots=True)
class MspdiBaseline:
    """One saved baseline of a task (``Number`` 0 is "Baseline", 1..10 "Baseline1"...)."""

    number: int
    start: dt.datetime | None = None
    finish: dt.datetime | None = None
    duration_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class MspdiTaskInfo:
    """Task data that the plan has no field for but an export or a UI may want."""

    uid: int
    id: int | None = None
    wbs: str | None = None
    outline_number: str | None = None
    notes: str | None = None
    manual: bool = False
    baselines: tuple[MspdiBaseline, ...] = ()


@dataclass(frozen=True, slots=True)
class MspdiDocument:
    """A Microsoft Project XML file, read.

    ``plan`` is ready for the scheduling engine; task ids are ``str(UID)`` and calendar
    ids ``str(calendar UID)``. ``reference`` holds Project's own computed dates and
    slack per task id, the ground truth our engine is compared with. ``warnings`` lists
    things that were read only approximately (for the import dialog to show).
    """

    name: str
    plan: PlanSpec
    reference: Mapping[str, ProjectTaskResult] = field(default_factory=dict)
    tasks: Mapping[str, MspdiTaskInfo] = field(default_factory=dict)
    project_finish: dt.datetime | None = None
    schedule_from_start: bool = True
    warnings: tuple[str, ...] = ()
