"""The rows of a driving path (see :mod:`app.services.driving_path`): plain frozen
data for the CLI, the JSON output and the Plan view's "Why this date?" panel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.scheduling import Driver


@dataclass(frozen=True, slots=True)
class PathStep:
    """One step of a driving path: why ``task_id``'s ``end`` date is ``date``.

    ``via_duration``: the date follows from the task's other end and its duration, and
    ``driver`` explains that other end. ``driver.kind`` is a link (``driver.link``,
    ``driver.date`` = the predecessor's instant the link leaves from), a summary or
    child, or a pin (see :data:`app.scheduling.results.PINNING_KINDS`). ``calendar``
    is the task's working calendar (the one a working lag counts on); ``crossed`` the
    named non-working days of it between the driver's date and this one. ``row`` is the
    task's row in the asked release's plan table (``None`` for another release's task);
    ``release`` its release's display name. ``bound``: the step is a summary's bound on
    its children rather than the summary's own (rolled-up) dates.
    """

    task_id: str
    name: str
    release: str
    row: int | None
    end: str  # "start" or "finish"
    date: dt.datetime
    start: dt.datetime
    finish: dt.datetime
    duration_minutes: int
    via_duration: bool
    driver: Driver
    driver_name: str
    driver_release: str
    calendar: str
    crossed: tuple[str, ...]
    sentence: str
    bound: bool = False


@dataclass(frozen=True, slots=True)
class DrivingPath:
    """The driving path of one task: ``steps[0]`` is the task asked about, the last
    step holds the pin. ``driven`` names the successors the task itself drives."""

    task_id: str
    task_name: str
    release: str
    steps: tuple[PathStep, ...]
    driven: tuple[str, ...]
    minutes_per_day: int = 480

    def task_ids(self) -> tuple[str, ...]:
        """The chain's task ids, asked task first, each once (for a chart highlight)."""
        return tuple(dict.fromkeys(s.task_id for s in self.steps))

    @property
    def pin(self) -> Driver:
        """What pins the chain (the last step's driver)."""
        return self.steps[-1].driver

    @property
    def text(self) -> str:
        """The whole chain as one paragraph, a sentence per step."""
        return " ".join(s.sentence for s in self.steps)
