"""Microsoft Project's numeric codes in MSPDI, and what they mean for our plan types.

Checked against Microsoft's MSPDI schema documentation and MPXJ's converter
(``net.sf.mpxj.mspdi.DatatypeConverter``).
"""

from __future__ import annotations

from app.scheduling.plan import ConstraintType, LagUnit, LinkType

LINK_TYPES: dict[int, LinkType] = {0: LinkType.FF, 1: LinkType.FS, 2: LinkType.SF, 3: LinkType.SS}
LINK_TYPE_CODES: dict[LinkType, int] = {v: k for k, v in LINK_TYPES.items()}

CONSTRAINT_TYPES: dict[int, ConstraintType] = {
    0: ConstraintType.ASAP,
    1: ConstraintType.ALAP,
    2: ConstraintType.MSO,
    3: ConstraintType.MFO,
    4: ConstraintType.SNET,
    5: ConstraintType.SNLT,
    6: ConstraintType.FNET,
    7: ConstraintType.FNLT,
}
CONSTRAINT_CODES: dict[ConstraintType, int] = {v: k for k, v in CONSTRAINT_TYPES.items()}
DATED_CONSTRAINTS = frozenset(CONSTRAINT_TYPES.values()) - {
    ConstraintType.ASAP,
    ConstraintType.ALAP,
}

# Duration/lag format codes ("DurationFormat", "LagFormat"). Each unit has a plain
# code and an "estimated" code 32 higher (the "?" after a duration in Project);
# 21 and 53 mean "no explicit format": Project then shows days.
#   3 m, 4 em, 5 h, 6 eh, 7 d, 8 ed, 9 w, 10 ew, 11 mo, 12 emo, 19 %, 20 e%
WORKING_FORMATS = frozenset({3, 5, 7, 9, 11, 21, 35, 37, 39, 41, 43, 53})
ELAPSED_FORMATS = frozenset({4, 6, 8, 10, 12, 36, 38, 40, 42, 44})
PERCENT_FORMATS = frozenset({19, 20, 51, 52})
KNOWN_FORMATS = WORKING_FORMATS | ELAPSED_FORMATS | PERCENT_FORMATS


def lag_unit_for(code: int) -> LagUnit | None:
    """The lag unit a ``LagFormat`` code stands for, None when the code is unknown."""
    if code in PERCENT_FORMATS:
        return LagUnit.PERCENT
    if code in ELAPSED_FORMATS:
        return LagUnit.ELAPSED
    if code in WORKING_FORMATS:
        return LagUnit.WORKING
    return None


def lag_format_for(unit: LagUnit, lag_minutes: float, minutes_per_day: int) -> int:
    """The ``LagFormat`` to write: the unit Project should display the lag in.

    Only the working/elapsed/percent distinction matters for scheduling; days are
    preferred when the amount is whole days, as Project users type lags in days.
    """
    if unit is LagUnit.PERCENT:
        return 19
    if unit is LagUnit.ELAPSED:
        if lag_minutes % 1440 == 0:
            return 8
        return 6 if lag_minutes % 60 == 0 else 4
    if minutes_per_day and lag_minutes % minutes_per_day == 0:
        return 7
    return 5 if lag_minutes % 60 == 0 else 3


def duration_format_for(minutes: int, elapsed: bool, minutes_per_day: int) -> int:
    """The ``DurationFormat`` to write for a task's duration."""
    if elapsed:
        return 8 if minutes % 1440 == 0 else 6 if minutes % 60 == 0 else 4
    if minutes_per_day and minutes % minutes_per_day == 0:
        return 7
    return 5 if minutes % 60 == 0 else 3
