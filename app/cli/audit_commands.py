"""``releasedesk audit``: the audit trail's anchor, and an export an auditor can verify."""

from __future__ import annotations

import argparse
import datetime as dt

from app.cli.actions import add_action, add_group, opened_workspace
from app.words import count


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``audit anchor|export`` to the command tree."""
    cmds = add_group(sub, "audit", "the audit trail, for an auditor")
    add_action(
        cmds,
        common,
        "anchor",
        _anchor,
        "print the chain head (SEQ:HASH) to keep outside the workspace",
        "Print the audit chain's head as SEQ:HASH. Keep it somewhere the "
        "workspace's users cannot write; `releasedesk db check --anchor SEQ:HASH` later "
        "proves the trail still holds every row up to it, unchanged.",
    )
    export = add_action(
        cmds,
        common,
        "export",
        _export,
        "write the trail with its hashes as CSV or JSON lines",
        "Write the audit trail, every value its hashes cover, to FILE.csv or "
        "FILE.jsonl; the README shows how to verify it without ReleaseDesk.",
    )
    export.add_argument("--out", required=True, metavar="FILE.csv|FILE.jsonl")
    export.add_argument(
        "--from",
        dest="since",
        type=_date,
        metavar="YYYY-MM-DD",
        help="only rows written on or after this day (local time)",
    )
    export.add_argument(
        "--to",
        dest="until",
        type=_date,
        metavar="YYYY-MM-DD",
        help="only rows written on or before this day (local time)",
    )


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _anchor(args: argparse.Namespace) -> int:
    from app.audit_trail import chain_anchor

    with opened_workspace(args) as ws:
        seq, digest = chain_anchor(ws)
    print(f"{seq}:{digest}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from app.audit_trail import export_trail

    with opened_workspace(args) as ws:
        done = export_trail(ws, args.out, args.since, args.until)
    span = f" (rows {done.first} to {done.last})" if done.rows else ""
    print(f"Wrote {count(done.rows, 'audit row')}{span} to {args.out}.")
    return 0
