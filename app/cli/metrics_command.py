"""``releasedesk metrics``: delivery metrics per domain and per release."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from app.cli.calendar_commands import local_day

if TYPE_CHECKING:
    from app.services.delivery_metrics import Metrics

COLUMNS = ("deploys", "prod", "/week", "lead time", "fail rate", "restore", "duration", "on time")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``metrics`` to the command tree."""
    parser = sub.add_parser(
        "metrics",
        parents=[common],
        help="deployment frequency, lead time, failure rate, time to restore, on-time rate",
        description="Print the delivery metrics of the deployments that started between "
        "--from and --to (local days, both included; default: all), overall, per domain "
        "and per release: production deployments per week (over the weeks gone by), lead "
        "time from first commit to production, change failure rate, time to restore after "
        "a production failure, median deployment duration and the share of deployments "
        "that ended by their planned end.",
    )
    parser.add_argument(
        "--domain", metavar="D", help="only this domain's releases (its name or code)"
    )
    parser.add_argument("--from", dest="since", type=local_day, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="until", type=local_day, metavar="YYYY-MM-DD")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.set_defaults(handler=_metrics)


def span(value: dt.timedelta | None) -> str:
    """A duration as people read it: "3 d 4 h", "2 h 15 min", "40 min"; none: "–"."""
    if value is None:
        return "–"
    minutes = round(value.total_seconds() / 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    return f"{hours} h {mins} min" if hours else f"{mins} min"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def cells(m: Metrics) -> tuple[str, ...]:
    """One row of the table."""
    return (
        str(m.deployments),
        str(m.production_deployments),
        "–" if m.per_week is None else f"{m.per_week:g}",
        span(m.lead_time),
        _percent(m.change_failure_rate),
        span(m.time_to_restore),
        span(m.median_duration),
        _percent(m.on_time_rate),
    )


def as_json(m: Metrics) -> dict[str, Any]:
    """One group's metrics; durations in hours."""

    def hours(value: dt.timedelta | None) -> float | None:
        return None if value is None else round(value.total_seconds() / 3600, 2)

    return {
        "deployments": m.deployments,
        "production_deployments": m.production_deployments,
        "production_deployments_per_week": m.per_week,
        "lead_time_hours": hours(m.lead_time),
        "change_failure_rate": m.change_failure_rate,
        "time_to_restore_hours": hours(m.time_to_restore),
        "median_duration_hours": hours(m.median_duration),
        "longest_duration_hours": hours(m.longest_duration),
        "on_time_rate": m.on_time_rate,
    }


def _metrics(args: argparse.Namespace) -> int:
    from app import clock
    from app.cli.json_output import write_json
    from app.services.delivery_metrics import delivery_metrics
    from app.workspace import Workspace

    def start_of(day: dt.date | None) -> dt.datetime | None:
        return None if day is None else clock.from_local(dt.datetime.combine(day, dt.time()))

    since = start_of(args.since)
    until = start_of(args.until + dt.timedelta(days=1)) if args.until else None
    with Workspace.open(args.db, user=args.user) as ws:
        report = delivery_metrics(ws, domain=args.domain, since=since, until=until)
    if args.json:
        write_json(
            {
                "from": args.since.isoformat() if args.since else None,
                "to": args.until.isoformat() if args.until else None,
                "overall": as_json(report.overall),
                "domains": {k or "(no domain)": as_json(v) for k, v in report.by_domain.items()},
                "releases": {k: as_json(v) for k, v in report.by_release.items()},
            }
        )
        return 0
    rows = [("", *COLUMNS), ("All", *cells(report.overall))]
    rows += [(k or "(no domain)", *cells(v)) for k, v in report.by_domain.items()]
    rows += [(k, *cells(v)) for k, v in report.by_release.items()]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for at, row in enumerate(rows):
        if at in (2, 2 + len(report.by_domain)):
            print()
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
        )
    return 0
