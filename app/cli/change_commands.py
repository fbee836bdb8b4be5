"""``releasedesk changes list|assess|export``: change requests from a script.

Services and the workspace are imported by the handlers, so that ``--help`` and the
window's start do not load them.
"""

from __future__ import annotations

import argparse
import uuid
from pathlib import Path
from typing import Any

from app.cli.actions import (
    add_action,
    add_export,
    add_group,
    add_listing,
    opened_workspace,
    release_id_of,
)
from app.words import count


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``changes`` command group."""
    cmds = add_group(sub, "changes", "list, assess and export change requests")
    add_listing(cmds, common, "change requests", _list)
    assess = add_action(
        cmds,
        common,
        "assess",
        _assess,
        "compute a request's schedule impact (the engine's what-if) and record it",
        "Schedule a what-if copy of the plan with the request applied and "
        "print its impact; a submitted or assessed request is marked assessed. The stored "
        "plan is never changed.",
    )
    assess.add_argument("request", metavar="REQUEST", help="the request's title or id")
    assess.add_argument("--release", metavar="NAME", required=True)
    assess.add_argument("--note", default="", metavar="TEXT", help="the assessor's note")
    assess.add_argument("--json", action="store_true", help="print one JSON object instead")
    add_export(cmds, common, "change requests", _export)


def _json_row(row: Any) -> dict[str, Any]:
    last = row.last_decision
    return {
        "id": str(row.id),
        "release": row.release_title,
        "title": row.title,
        "requester": row.requester_name,
        "requested_on": row.requested_on.isoformat() if row.requested_on else None,
        "status": row.status.value,
        "changes": [
            {"kind": i.kind.value, "title": i.title, "duration_minutes": i.duration_minutes}
            for i in row.items
        ],
        "impact_days": row.impact_days if row.impact else None,
        "impact": row.impact,
        "decisions": [
            {
                "status": d.status.value,
                "author": d.author,
                "at": d.decided_at.isoformat(),
                "reason": d.reason,
            }
            for d in row.decisions
        ],
        "last_decision_by": last.author if last else None,
    }


def _list(args: argparse.Namespace) -> int:
    from app.cli.json_output import write_json
    from app.services.change_request_service import list_change_requests
    from app.services.change_table import change_table

    with opened_workspace(args) as ws:
        rows = list_change_requests(ws, release_id_of(ws, args.release))
    if args.json:
        write_json({"change_requests": [_json_row(r) for r in rows]})
        return 0
    headers, cells = change_table(rows)
    shown = (0, 1, 2, 4, 6)
    text = [["" if r[i] is None else str(r[i]) for i in shown] for r in cells]
    heads = [headers[i] for i in shown]
    widths = [min(max([len(h)] + [len(t[k]) for t in text]), 40) for k, h in enumerate(heads)]
    print("  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip())
    for t in text:
        print("  ".join(c[:w].ljust(w) for c, w in zip(t, widths, strict=True)).rstrip())
    print(f"{count(len(rows), 'change request')}.")
    return 0


def _find(ws: Any, release_id: uuid.UUID, wanted: str) -> Any:
    from app.errors import NotFoundError, ValidationError
    from app.services.change_request_service import list_change_requests

    rows = list_change_requests(ws, release_id)
    found = [r for r in rows if str(r.id) == wanted or r.title == wanted.strip()]
    if not found:
        raise NotFoundError(f"No change request '{wanted}' in this release.")
    if len(found) > 1:
        raise ValidationError(
            f"{count(len(found), 'change request')} are titled '{wanted}'; give its id instead."
        )
    return found[0]


def _assess(args: argparse.Namespace) -> int:
    from app.cli.json_output import write_json
    from app.services.change_decisions import assess_change_request
    from app.services.change_impact import compute_impact
    from app.services.change_request_service import OPEN

    with opened_workspace(args) as ws:
        release_id = release_id_of(ws, args.release)
        assert release_id is not None  # --release is required
        row = _find(ws, release_id, args.request)
        if row.status in OPEN:
            _change, impact = assess_change_request(ws, row.id, row.version, args.note)
            recorded = True
        else:  # decided already: the impact now, nothing recorded
            impact = compute_impact(ws, release_id, row.items)
            recorded = False
    if args.json:
        write_json(
            {
                "id": str(row.id),
                "title": row.title,
                "recorded": recorded,
                "added_working_days": impact.added_days,
                "finish_before": impact.finish_before.isoformat() if impact.finish_before else None,
                "finish_after": impact.finish_after.isoformat() if impact.finish_after else None,
                "late_working_minutes": impact.late_minutes,
                "downstream": [m.name for m in impact.downstream],
                "risks": list(impact.risks),
                "impact": impact.sentence,
            }
        )
        return 0
    print(f"{row.title}: {impact.sentence}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from app.interchange.table_export import export_format, export_table
    from app.services.change_request_service import list_change_requests
    from app.services.change_table import change_table
    from app.services.plan_service import workspace_files

    path = Path(args.out)
    export_format(path)  # a wrong suffix is refused before the workspace opens
    with opened_workspace(args) as ws:
        rows = list_change_requests(ws, release_id_of(ws, args.release))
        headers, cells = change_table(rows)
        export_table(path, headers, cells, title="Change requests", protected=workspace_files(ws))
    print(f"Wrote {count(len(cells), 'change request')} to {path}.")
    return 0
