"""The application's one clock, and the one place where moments change time zone.

Every "now" and "today" in ReleaseDesk — the demo's anchor, the services' "not in the
future" checks, the importers' fallbacks, the window's defaults — comes from here, so a
test that pins time (``time_machine.travel``) pins all of it, and nothing expires.

Two kinds of time live in the workspace:
- *moments* (a sign-off decision, an acceptance, a message sent, audit stamps) are
  stored as naive UTC; they are shown and entered in the user's local time, converted
  by ``to_local`` / ``from_local`` at the UI edge;
- *plan times* (planned windows, task dates, deadlines) are wall-clock times of the
  workspace's zone and are never converted where they are stored; where they meet
  moments (the coordination calendar, ``.ics`` files) :mod:`app.wall_time` converts.

The zone of "local" is :func:`zone`: ``$TZ`` when set, else the computer's own zone,
with its daylight saving rules (``zoneinfo``), so every conversion agrees on it.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import tz

from models.base import utcnow

_LOCALTIME = Path("/etc/localtime")


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


def zone() -> dt.tzinfo:
    """The local time zone: ``$TZ`` when it names one, else the computer's zone."""
    return _zone_for(os.environ.get("TZ", ""))


@functools.lru_cache(maxsize=8)
def _zone_for(name: str) -> dt.tzinfo:
    for key in (name.removeprefix(":"), _system_key()):
        if key:
            try:
                return ZoneInfo(key)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return tz.gettz() or dt.UTC  # no IANA name to be had (Windows): the system's rules


def _system_key() -> str:
    """The IANA name /etc/localtime links to (``Europe/Berlin``), else ''."""
    target = str(_LOCALTIME.resolve()) if _LOCALTIME.is_symlink() else ""
    return target.partition("zoneinfo/")[2]


def to_local(moment: dt.datetime) -> dt.datetime:
    """A stored moment (naive UTC, or aware) as naive local wall-clock time."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(zone()).replace(tzinfo=None)


def from_local(wall: dt.datetime) -> dt.datetime:
    """A local wall-clock time (naive, or aware) as a storable moment (naive UTC)."""
    aware = wall if wall.tzinfo is not None else wall.replace(tzinfo=zone())
    return aware.astimezone(dt.UTC).replace(tzinfo=None)
