"""Risk scores and their bands: one rule for the log, the heat map and the reports.

A risk's score is probability × impact (each 1-5, so 1-25). The bands are the usual
PMO ones: 1-4 low, 5-9 medium, 10-15 high, 16-25 critical.
"""

from __future__ import annotations

from enum import StrEnum

SCALE = range(1, 6)
"""The values probability and impact take."""


class Band(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


_LOWEST = ((16, Band.CRITICAL), (10, Band.HIGH), (5, Band.MEDIUM), (1, Band.LOW))


def score(probability: int, impact: int) -> int:
    """The score of a risk: probability × impact."""
    return probability * impact


def band(value: int) -> Band:
    """The band of a score (1-25)."""
    for lowest, name in _LOWEST:
        if value >= lowest:
            return name
    return Band.LOW
