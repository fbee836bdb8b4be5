"""The demo's environment bookings: shared environments held for tests and rehearsals,
over the next weeks, so the calendar shows who holds which environment when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from models import Domain, Environment, EnvironmentBooking

# (title, environment index, domain index or None, days after the anchor, hour, length h)
BOOKINGS = (
    ("Performance test", 3, 1, 9, 8, 56),
    ("Data migration rehearsal", 2, 0, 17, 18, 14),
    ("Penetration test", 1, None, 24, 9, 80),
    ("Disaster recovery drill", 4, None, 33, 6, 8),
    ("Load test before peak", 3, 2, 45, 8, 32),
)


def demo_bookings(
    anchor: dt.datetime,
    envs: Sequence[Environment],
    domains: Sequence[Domain],
    add: Callable[[object], object],
) -> None:
    """Add :data:`BOOKINGS`, placed relative to the demo's ``anchor`` (Monday 08:00)."""
    day = anchor.replace(hour=0, minute=0)
    for title, env, domain, days, hour, hours in BOOKINGS:
        start = day + dt.timedelta(days=days, hours=hour)
        add(
            EnvironmentBooking(
                environment_id=envs[env].id, title=title, start=start,
                end=start + dt.timedelta(hours=hours),
                domain_id=domains[domain].id if domain is not None else None,
                notes=f"{envs[env].name} is held for the {title.lower()}.",
            )
        )  # fmt: skip
