"""``releasedesk risks list|export|add`` and ``releasedesk issues list|export``.

Services and the workspace are imported by the handlers, so that ``--help`` and the
window's start do not load them.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.cli import link_commands
from app.cli.actions import (
    add_action,
    add_export,
    add_group,
    add_listing,
    opened_workspace,
    release_id_of,
)
from app.words import count

Handler = Callable[[argparse.Namespace], int]


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``risks`` and ``issues`` command groups."""
    cmds = add_group(sub, "risks", "list, export, record and link risks")
    add_listing(cmds, common, "risks", _list_risks)
    add_export(cmds, common, "risks", _export_risks)
    add = add_action(
        cmds,
        common,
        "add",
        _add_risk,
        "record a risk of a release",
        "Record a risk: probability and impact from 1 (lowest) to 5 (highest).",
    )
    add.add_argument("--release", metavar="NAME", required=True)
    add.add_argument("--title", metavar="T", required=True)
    add.add_argument("--probability", metavar="P", type=int, required=True)
    add.add_argument("--impact", metavar="I", type=int, required=True)
    add.add_argument("--mitigation", metavar="TEXT", default="")
    risk_cmds = cmds
    cmds = add_group(sub, "issues", "list, export and link issues")
    add_listing(cmds, common, "issues", _list_issues)
    add_export(cmds, common, "issues", _export_issues)
    link_commands.register(risk_cmds, cmds, common)


def _json_value(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value.value if hasattr(value, "value") else value


def _json_rows(rows: Sequence[Any], extra: Callable[[Any], dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **{f.name: _json_value(getattr(r, f.name)) for f in dataclasses.fields(r)},
            **extra(r),
        }
        for r in rows
    ]


def _print_table(
    headers: Sequence[str], rows: Sequence[Sequence[Any]], columns: Sequence[int]
) -> None:
    def text(value: Any) -> str:
        if value is None:
            return ""
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    shown = [[text(r[i]) for i in columns] for r in rows]
    heads = [headers[i] for i in columns]
    widths = [min(max([len(h)] + [len(r[k]) for r in shown]), 40) for k, h in enumerate(heads)]
    print("  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip())
    for row in shown:
        print("  ".join(c[:w].ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def _list_risks(args: argparse.Namespace) -> int:
    from app.cli.json_output import write_json
    from app.services.log_tables import risk_table
    from app.services.risk_service import list_risks

    with opened_workspace(args) as ws:
        rows = list_risks(ws, release_id_of(ws, args.release))
    if args.json:
        write_json({"risks": _json_rows(rows, lambda r: {"score": r.score, "stale": r.stale})})
        return 0
    headers, cells = risk_table(rows)
    _print_table(headers, cells, (5, 0, 1, 6, 8, 9, 11))
    print(f"{count(len(rows), 'risk')}, {sum(r.stale for r in rows)} needing review.")
    return 0


def _list_issues(args: argparse.Namespace) -> int:
    from app.cli.json_output import write_json
    from app.services.issue_service import list_issues
    from app.services.log_tables import issue_table

    with opened_workspace(args) as ws:
        rows = list_issues(ws, release_id_of(ws, args.release))
    if args.json:
        write_json({"issues": _json_rows(rows, lambda r: {"overdue": r.overdue})})
        return 0
    headers, cells = issue_table(rows)
    _print_table(headers, cells, (3, 0, 1, 4, 5, 6, 11))
    print(f"{count(len(rows), 'issue')}, {sum(r.overdue for r in rows)} overdue.")
    return 0


def _export(args: argparse.Namespace, what: str) -> int:
    from app.interchange.table_export import export_format, export_table
    from app.services.issue_service import list_issues
    from app.services.log_tables import issue_table, risk_table
    from app.services.plan_service import workspace_files
    from app.services.risk_service import list_risks

    path = Path(args.out)
    export_format(path)  # a wrong suffix is refused before the workspace opens
    with opened_workspace(args) as ws:
        release_id = release_id_of(ws, args.release)
        if what == "risks":
            headers, cells = risk_table(list_risks(ws, release_id))
        else:
            headers, cells = issue_table(list_issues(ws, release_id))
        export_table(path, headers, cells, title=what.capitalize(), protected=workspace_files(ws))
    print(f"Wrote {count(len(cells), what[:-1])} to {path}.")
    return 0


def _export_risks(args: argparse.Namespace) -> int:
    return _export(args, "risks")


def _export_issues(args: argparse.Namespace) -> int:
    return _export(args, "issues")


def _add_risk(args: argparse.Namespace) -> int:
    from app.services.release_service import find_release
    from app.services.risk_service import create_risk

    with opened_workspace(args) as ws:
        release = find_release(ws, args.release)
        change = create_risk(
            ws,
            release.id,
            args.title,
            args.probability,
            args.impact,
            mitigation=args.mitigation,
        )
    score = args.probability * args.impact
    print(
        f"Recorded risk '{args.title.strip()}' of '{release.title}' (score {score}); "
        f"id {change.id}."
    )
    return 0
