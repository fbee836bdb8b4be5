"""What the forward and backward passes share: their state and the axis bounds.

Its own module so that ``backward`` (the backward half) and ``passes`` (the forward
half and the helpers) both read it without importing each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.dates_text import moment
from app.scheduling.network_arrays import Network
from app.scheduling.results import Problem
from app.scheduling.timeline import MultiCalendarAxis, SingleCalendarAxis

NEG = -(1 << 62)  # "no bound yet" below every point on the axis
POS = 1 << 62  # and above every point


def fmt_when(when: dt.datetime) -> str:
    """A date-time as problems show it."""
    return moment(when)


@dataclass(slots=True)
class PassState:
    """Everything the passes compute, plus what the result builder needs."""

    net: Network
    axis: SingleCalendarAxis | MultiCalendarAxis
    project_start: int
    status: int | None
    windows: list[tuple[int, int, str]]
    ES: list[int] = field(default_factory=list)
    EF: list[int] = field(default_factory=list)
    LS: list[int] = field(default_factory=list)
    LF: list[int] = field(default_factory=list)
    # Per node: min over its constant out-edges of ES[successor] - weight (for free float).
    first: list[int] = field(default_factory=list)
    finish: int = 0  # latest early finish of any task
    end_bound: int = 0  # finish the backward pass starts from (deadline-capped)
    complete: list[bool] = field(default_factory=list)
    started: list[bool] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
