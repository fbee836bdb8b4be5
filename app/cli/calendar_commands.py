"""``releasedesk calendar``: the coordination calendar on the command line.

``calendar conflicts`` lists the open conflicts of a range and exits 1 when there are
any, so a pipeline can gate on it. Each subcommand is added by one function of
:data:`SUBCOMMANDS` (the iCalendar export and import add theirs there).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.cli import calendar_exchange_commands
from app.errors import ValidationError
from app.words import count

if TYPE_CHECKING:
    from app.conflicts.conflict import Conflict

DEFAULT_DAYS = 91  # without --to: a quarter from --from
FOUND = 1  # exit code when conflicts were found (see the README's table)

Subcommand = Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``calendar ACTION`` to the command tree."""
    calendar = sub.add_parser(
        "calendar", help="the coordination calendar: conflicts across domains"
    )
    cmds = calendar.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)
    for add in SUBCOMMANDS:
        add(cmds, common)


def local_day(text: str) -> dt.date:
    """An argparse type: a YYYY-MM-DD day that exists."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def add_conflicts(cmds: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """``calendar conflicts [--from D] [--to D] [--json]``."""
    parser = cmds.add_parser(
        "conflicts",
        parents=[common],
        help="list the open conflicts of a range; exit 1 when there are any",
        description="List the open conflicts between --from and --to (local days, both "
        "included; default: today and the quarter after it): deployments overlapping in "
        "an environment or in a freeze, blackout or public holiday, releases deploying "
        "before what they depend on, broken promotion order, double-booked people. "
        "Exits 1 when there are any, 0 when there are none.",
    )
    parser.add_argument("--from", dest="since", type=local_day, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="until", type=local_day, metavar="YYYY-MM-DD")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.set_defaults(handler=_conflicts)


SUBCOMMANDS: tuple[Subcommand, ...] = (add_conflicts, *calendar_exchange_commands.SUBCOMMANDS)
"""One function per ``calendar`` subcommand, each adding its parser to ``cmds``."""


def day_range(
    since: dt.date | None, until: dt.date | None
) -> tuple[dt.date, dt.date, dt.datetime, dt.datetime]:
    """The days asked for and the moments (naive UTC) from the first day's local
    midnight to the one after the last day; :class:`ValidationError` when reversed."""
    from app import clock  # the models come with it: not for `--help`

    first = since or clock.today()
    last = until or first + dt.timedelta(days=DEFAULT_DAYS)
    if last < first:
        raise ValidationError(f"--from {first.isoformat()} is after --to {last.isoformat()}.")
    start = clock.from_local(dt.datetime.combine(first, dt.time(0)))
    end = clock.from_local(dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0)))
    return first, last, start, end


def _conflicts(args: argparse.Namespace) -> int:
    from app.cli.json_output import write_json
    from app.conflicts.conflict import LABELS
    from app.services.conflict_service import conflicts_between
    from app.workspace import Workspace

    first, last, start, end = day_range(args.since, args.until)
    with Workspace.open(args.db, user=args.user) as ws:
        found = conflicts_between(ws, start, end)
    if args.json:
        write_json(
            {
                "from": first.isoformat(),
                "to": last.isoformat(),
                "conflicts": [conflict_json(c) for c in found],
            }
        )
    else:
        for c in found:
            fix = f" Suggested: {c.fix.sentence}" if c.fix else ""
            print(f"{c.severity.value.upper():<6} {LABELS[c.kind]}: {c.sentence}{fix}")
        between = f"between {first.isoformat()} and {last.isoformat()}"
        print(f"{count(len(found), 'conflict') if found else 'No conflicts'} {between}.")
    return FOUND if found else 0


def conflict_json(conflict: Conflict) -> dict[str, Any]:
    """One conflict as plain JSON values (moments in UTC, ISO 8601)."""
    fix = conflict.fix
    return {
        "kind": conflict.kind.value,
        "severity": conflict.severity.value,
        "sentence": conflict.sentence,
        "items": [
            {
                "id": i.id,
                "kind": i.kind.value,
                "title": i.title,
                "start": i.start,
                "end": i.end,
                "table": i.table,
                "row_id": i.row_id,
                "release_id": i.release_id,
                "domain": i.domain_name,
                "environment": i.environment_name,
            }
            for i in conflict.items
        ],
        "fix": None
        if fix is None
        else {
            "item_id": fix.item_id,
            "table": fix.table,
            "row_id": fix.row_id,
            "start": fix.start,
            "end": fix.end,
            "sentence": fix.sentence,
        },
    }
