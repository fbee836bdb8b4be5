"""``releasedesk calendar export|import``: the coordination calendar as iCalendar files.

Added to the ``calendar`` group by :data:`SUBCOMMANDS`; the services (SQLAlchemy, the
``icalendar`` package) are imported by the handlers only, so ``--help`` stays quick.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.calendar_kinds import EXPORT_KINDS, WINDOW_KINDS
from app.words import count


def add_export(cmds: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """``calendar export [--domain D] [--release R] [--kind K]... --out FILE.ics``."""
    parser = cmds.add_parser(
        "export",
        parents=[common],
        help="write the calendar as an iCalendar (.ics) file",
        description="Write releases, deployments, milestones and freeze, blackout and "
        "holiday windows as an iCalendar file (Thunderbird, Outlook, Google Calendar). "
        "Each row keeps its UID, and SEQUENCE grows when it changes, so importing the file "
        "again updates the events. An existing FILE is replaced only when it is a "
        "calendar ReleaseDesk exported.",
    )
    parser.add_argument("--out", metavar="FILE.ics", required=True, help="file to write")
    parser.add_argument("--domain", metavar="NAME", help="only this domain (name or code)")
    parser.add_argument("--release", metavar="NAME", help="only this release")
    parser.add_argument(
        "--kind",
        action="append",
        choices=EXPORT_KINDS,
        help="only this kind of event (repeat for several)",
    )
    parser.set_defaults(handler=_export)


def add_import(cmds: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """``calendar import FILE.ics [--domain D] [--kind freeze|blackout|holiday]``."""
    parser = cmds.add_parser(
        "import",
        parents=[common],
        help="import freeze, blackout and holiday windows from an .ics file",
        description="Import the events of FILE.ics as freeze, blackout or holiday windows "
        "(recurring ones stay recurring). Importing the same file again updates the "
        "windows it created. Nothing is imported when any event is unreadable.",
    )
    parser.add_argument("file", metavar="FILE.ics")
    parser.add_argument("--domain", metavar="NAME", help="the windows apply to this domain")
    parser.add_argument(
        "--kind",
        choices=WINDOW_KINDS,
        help="import every event as this kind (default: as the file says, else freeze)",
    )
    parser.set_defaults(handler=_import)


SUBCOMMANDS = (add_export, add_import)


def _export(args: argparse.Namespace) -> int:
    from app.services.calendar_exchange import export_calendar
    from app.workspace import Workspace

    with Workspace.open(args.db, user=args.user) as ws:
        written = export_calendar(
            ws, args.out, domain=args.domain, release=args.release, kinds=args.kind or ()
        )
    print(f"Wrote {count(written, 'event')} to {args.out}.")
    return 0


def _import(args: argparse.Namespace) -> int:
    from app.services.calendar_exchange import import_calendar
    from app.workspace import Workspace

    with Workspace.open(args.db, user=args.user) as ws:
        done = import_calendar(ws, args.file, domain=args.domain, kind=args.kind)
    print(
        f"Imported {Path(args.file).name}: {count(done.created, 'window')} created, "
        f"{done.updated} updated, {done.unchanged} unchanged."
    )
    for note in done.notes:
        print(f"  note: {note}")
    return 0
