"""``releasedesk db``: upgrade, info and check a workspace database.

The workspace (SQLAlchemy and every model) is imported by the handlers, so that
``releasedesk --help`` and the window's command line parsing do not load it.
"""

from __future__ import annotations

import argparse
import sys

from app.cli.actions import add_action, add_group, opened_workspace
from app.words import count


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``db upgrade|info|check|init-shared|grant`` to the command tree."""
    cmds = add_group(sub, "db", "workspace database maintenance")
    add_action(
        cmds,
        common,
        "upgrade",
        _upgrade,
        "create or upgrade the workspace schema",
        "Bring the workspace to this version's schema; on an empty database "
        "(for example a new PostgreSQL database for the team) create the workspace.",
    )
    add_action(cmds, common, "info", _info, "show what the workspace is")
    check = add_action(
        cmds,
        common,
        "check",
        _check,
        "verify integrity, foreign keys, the audit chain and what it covers",
        "Exit 0 when the workspace is sound; otherwise print the first "
        "problem found and exit non-zero.",
    )
    check.add_argument(
        "--anchor",
        metavar="SEQ:HASH",
        type=_anchor,
        help="also prove the trail still holds this head, as `releasedesk audit anchor` "
        "printed it earlier",
    )
    add_action(
        cmds,
        common,
        "init-shared",
        _init_shared,
        "set up a shared PostgreSQL workspace and its groups (the owner runs it)",
        "Create or upgrade the workspace and the groups releasedesk_owner, "
        "releasedesk_coordinator (read/write) and releasedesk_stakeholder (read-only), "
        "and grant them its tables. Run it again after an upgrade.",
    )
    grant = add_action(
        cmds,
        common,
        "grant",
        _grant,
        "put an existing login into the coordinators or the stakeholders",
    )
    grant.add_argument("--login", required=True, help="the colleague's database login")
    grant.add_argument("--role", required=True, choices=("coordinator", "stakeholder"))


def _anchor(text: str) -> tuple[int, str]:
    seq, _, digest = text.partition(":")
    if not (seq.isdigit() and len(digest) == 64 and all(c in "0123456789abcdef" for c in digest)):
        raise argparse.ArgumentTypeError(
            f"'{text}' is not an anchor: give SEQ:HASH as `releasedesk audit anchor` prints it"
        )
    return int(seq), digest


def _upgrade(args: argparse.Namespace) -> int:
    with opened_workspace(args, create=True) as ws:
        summary = ws.summary()
    print(f"{summary.name} ({summary.location}) is at schema {summary.revision}.")
    return 0


def _info(args: argparse.Namespace) -> int:
    from app.workspace_check import workspace_counts

    with opened_workspace(args) as ws:
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
    from app.audit_trail import check_anchor
    from app.errors import DamagedWorkspaceError
    from app.workspace_check import check_workspace

    try:
        with opened_workspace(args) as ws:
            problems = check_workspace(ws)
            if args.anchor is not None:
                problems += check_anchor(ws, *args.anchor)
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
    anchored = " up to the anchor" if args.anchor is not None else ""
    print(
        f"Workspace is sound: integrity, foreign keys, audit chain and coverage verified{anchored}."
    )
    return 0


def _init_shared(args: argparse.Namespace) -> int:
    from app.shared_access import init_shared

    with init_shared(args.db, args.user) as ws:
        where = ws.summary().location
    print(f"{where} is ready for the team: groups releasedesk_owner, releasedesk_coordinator")
    print("(read/write) and releasedesk_stakeholder (read-only). Let colleagues in with")
    print("  releasedesk db grant --db URL --login NAME --role coordinator|stakeholder")
    return 0


def _grant(args: argparse.Namespace) -> int:
    from app.shared_access import grant

    grant(args.db, args.user, args.login, args.role)
    print(f"{args.login} is now a {args.role} of this workspace.")
    return 0
