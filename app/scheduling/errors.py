"""Errors a release coordinator can cause with a plan, each with a readable message.

The engine raises these only when it cannot produce any schedule at all (a cycle, a
link to a task that does not exist, a negative duration, an unusable calendar). Where
Microsoft Project would still schedule (a constraint fighting a link, a missed
deadline) the engine schedules and lists a :class:`~app.scheduling.results.Problem`
on the result instead.
"""

from __future__ import annotations

from collections.abc import Sequence


class SchedulingError(Exception):
    """Base class: the plan cannot be scheduled. ``str(error)`` is the message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CycleError(SchedulingError):
    """Tasks depend on each other in a circle; ``task_ids``/``task_names`` list it in order."""

    def __init__(self, task_ids: Sequence[str], task_names: Sequence[str]) -> None:
        self.task_ids = tuple(task_ids)
        self.task_names = tuple(task_names)
        circle = " → ".join([*self.task_names, self.task_names[0]]) if task_names else ""
        super().__init__(f"Tasks depend on each other in a circle: {circle}")


class UnknownTaskError(SchedulingError):
    """A link, parent or calendar reference names something that is not in the plan."""

    def __init__(self, message: str, reference: str) -> None:
        super().__init__(message)
        self.reference = reference


class InvalidDurationError(SchedulingError):
    """A task has a negative duration (or another duration that makes no sense)."""

    def __init__(self, task_id: str, task_name: str, minutes: float) -> None:
        self.task_id = task_id
        super().__init__(
            f'Task "{task_name}" has a negative duration ({minutes:g} minutes); '
            "durations must be zero or more."
        )


class InvalidPlanError(SchedulingError):
    """Any other input the engine cannot work with (missing constraint date, duplicate id)."""


class CalendarError(SchedulingError):
    """A working calendar cannot be used (no working time at all, unknown holiday country)."""
