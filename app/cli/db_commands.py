"""``releasedesk db``: upgrade, info and check a workspace database.

The workspace (SQLAlchemy and every model) is imported by the handlers, so that
``releasedesk --help`` and the window's command line parsing do not load it.
"""

from __future__ import annotations

import argparse
import sys

from app.words import count


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``db upgrade|info|check`` to the command tree."""
    db = sub.add_parser("db", help="workspace database maintenance")
    cmds = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = cmds.add_parser(
        "upgrade",
        parents=[common],
        help="create or upgrade the workspace schema",
        description="Bring the workspace to this version's schema; on an empty database "
        "(for example a new PostgreSQL database for the team) create the workspace.",
    )
    up.set_defaults(handler=_upgrade)
    info = cmds.add_parser("info", parents=[common], help="show what the workspace is")
    info.set_defaults(handler=_info)
    check = cmds.add_parser(
        "check",
        parents=[common],
        help="verify integrity, foreign keys, the audit chain and what it covers",
        description="Exit 0 when the workspace is sound; otherwise print the first "
        "problem found and exit non-zero.",
    )
    check.set_defaults(handler=_check)


def _upgrade(args: argparse.Namespace) -> int:
    from app.workspace import Workspace
    from app.workspace_file import reporting_damage

    with Workspace.open(args.db, create=True, user=args.user) as ws, reporting_damage(
        ws.file
    ):
        summary = ws.summary()
    print(f"{summary.name} ({summary.location}) is at schema {summary.revision}.")
    return 0


def _info(args: argparse.Namespace) -> int:
    from app.workspace import Workspace
    from app.workspace_check import workspace_counts
    from app.workspace_file import reporting_damage

    with Workspace.open(args.db, user=args.user) as ws, reporting_damage(ws.file):
        s = ws.summary()
        counts = workspace_counts(ws)
    kind = "local file" if s.kind == "local" else "shared server"
    print(f"Workspace:  {s.name}")
    print(f"Location:   {s.location} ({kind})")
    print(f"Schema:     {s.revision} (this ReleaseDesk: {s.head_revision})")
    print(f"User:       {s.user}")
    for label, value in counts.items():
        print(f"{label + ':':<11} {value:,}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from app.errors import DamagedWorkspaceError
    from app.workspace import Workspace
    from app.workspace_check import check_workspace
    from app.workspace_file import reporting_damage

    try:
        with Workspace.open(args.db, user=args.user) as ws, reporting_damage(ws.file):
            problems = check_workspace(ws)
    except DamagedWorkspaceError as exc:  # a finding of the check, not a failure to run it
        problems = [str(exc)]
    if problems:
        # Every problem on stdout (the report); the error itself is one line on stderr.
        print(f"Workspace is NOT sound: {count(len(problems), 'problem')}.")
        for problem in problems:
            print(f"  {problem}")
        more = f" (and {len(problems) - 1} more, listed above)" if len(problems) > 1 else ""
        print(f"releasedesk: workspace is NOT sound: {problems[0]}{more}", file=sys.stderr)
        return 7
    print("Workspace is sound: integrity, foreign keys, audit chain and coverage verified.")
    return 0
