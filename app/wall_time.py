"""Where plan times meet moments: the one set of conversions between them.

The rule:

- *Plan and window times* — a release's planned window and deadline, a task's
  constraint date and deadline — are wall-clock times in the workspace's time zone
  (the local zone of :func:`app.clock.zone`), naive, as Microsoft Project stores them.
  They are stored and edited as they are and never shifted: 09:00 in the editor is
  09:00 in the database, whatever zone the computer is in today.
- *Moments* — audit stamps, deployments (planned and recorded, often by a pipeline
  with an aware UTC time), environment bookings, freeze/blackout windows — are
  instants, stored as naive UTC (see :mod:`app.clock`). An aware time arriving from
  outside becomes one at the boundary (``releasedesk deployment record --started``).
- Where the two meet — the coordination calendar, its conflicts, the ``.ics`` export —
  plan times are turned into instants here (:func:`plan_instant`), and an instant
  written back into a plan field (a window dragged on the calendar) into wall-clock
  time here (:func:`plan_time`). So a deployment recorded at 08:00Z meets a window
  that opens 09:00 in Berlin in winter, and the calendar shows the window at the
  hours the editor shows.

A plan time in a daylight saving gap (02:30 on the night clocks go forward) is read
with the offset before the change; one that happens twice (the night they go back)
as the first of the two.
"""

from __future__ import annotations

import datetime as dt

from app import clock


def plan_instant(wall: dt.datetime) -> dt.datetime:
    """A plan time (naive wall clock of the workspace's zone) as an aware UTC instant.

    An aware value is an instant already and is only put in UTC.
    """
    if wall.tzinfo is not None:
        return wall.astimezone(dt.UTC)
    return wall.replace(tzinfo=clock.zone()).astimezone(dt.UTC)


def plan_moment(wall: dt.datetime) -> dt.datetime:
    """A plan time as a moment the way moments are stored and exported (naive UTC)."""
    return plan_instant(wall).replace(tzinfo=None)


def plan_time(moment: dt.datetime) -> dt.datetime:
    """An instant (naive UTC as stored, or aware) as a plan time: naive wall clock."""
    return clock.to_local(moment)


def zone_name() -> str | None:
    """The IANA name of the workspace's zone (``Europe/Berlin``) for a ``TZID``, or
    None when it is UTC or has no name (then times are written in UTC)."""
    name = getattr(clock.zone(), "key", None)
    return None if not name or name in _UTC_NAMES else name


_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Universal", "Zulu", "GMT"})
