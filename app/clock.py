"""The application's one clock, and the one place where moments change time zone.

Every "now" and "today" in ReleaseDesk — the demo's anchor, the services' "not in the
future" checks, the importers' fallbacks, the window's defaults — comes from here, so a
test that pins time (``time_machine.travel``) pins all of it, and nothing expires.

Two kinds of time live in the workspace:
- *moments* (a sign-off decision, an acceptance, a message sent, audit stamps) are
  stored as naive UTC; they are shown and entered in the user's local time, converted
  by ``to_local`` / ``from_local`` at the UI edge;
- *plan times* (planned windows, task dates, deadlines) are wall-clock times of the
  release's working calendar and are never converted.
"""

from __future__ import annotations

import datetime as dt

from models.base import utcnow


def now() -> dt.datetime:
    """The current moment as naive UTC, to the second (how moments are stored)."""
    return utcnow().replace(microsecond=0)


def precise_now() -> dt.datetime:
    """The current moment as naive UTC to the microsecond: a deletion's stamp, which
    must tell it apart from another deletion in the same second (see services.cascade)."""
    return utcnow()


def today() -> dt.date:
    """Today's date where the user is."""
    return local_now().date()


def local_now() -> dt.datetime:
    """The current local wall-clock time, naive, to the minute (a form's default)."""
    return to_local(utcnow()).replace(second=0, microsecond=0)


def to_local(moment: dt.datetime) -> dt.datetime:
    """A stored moment (naive UTC, or aware) as naive local wall-clock time."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone().replace(tzinfo=None)


def from_local(wall: dt.datetime) -> dt.datetime:
    """A local wall-clock time (naive, or aware) as a storable moment (naive UTC)."""
    return wall.astimezone(dt.UTC).replace(tzinfo=None)
