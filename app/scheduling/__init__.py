"""CPM scheduling engine: plain data in (:mod:`.plan`), a :class:`Schedule` out."""

from app.scheduling.baseline import (
    BaselineEntry,
    ReleaseVariance,
    TaskVariance,
    VarianceReport,
    apply_baseline,
    capture_baseline,
    variance,
)
from app.scheduling.engine import schedule
from app.scheduling.errors import (
    CalendarError,
    CycleError,
    InvalidDurationError,
    InvalidPlanError,
    SchedulingError,
    UnknownTaskError,
)
from app.scheduling.results import (
    Driver,
    DriverKind,
    Problem,
    Schedule,
    TaskDrivers,
    TaskResult,
)

__all__ = [
    "BaselineEntry",
    "CalendarError",
    "CycleError",
    "Driver",
    "DriverKind",
    "InvalidDurationError",
    "InvalidPlanError",
    "Problem",
    "ReleaseVariance",
    "Schedule",
    "SchedulingError",
    "TaskDrivers",
    "TaskResult",
    "TaskVariance",
    "UnknownTaskError",
    "VarianceReport",
    "apply_baseline",
    "capture_baseline",
    "schedule",
    "variance",
]
