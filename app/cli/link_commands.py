"""``releasedesk risks link`` and ``releasedesk issues link``: name the tasks a risk
threatens, and the tasks and deployments an issue affects, from a script.

Each run is one transaction: every name is resolved first, so an unknown one is refused
(non-zero exit, a clear message) before anything is written.
"""

from __future__ import annotations

import argparse
import uuid
from typing import Any

from app.cli.actions import add_action, opened_workspace
from app.words import listing


def register(
    risk_cmds: argparse._SubParsersAction,
    issue_cmds: argparse._SubParsersAction,
    common: argparse.ArgumentParser,
) -> None:
    """Add ``link`` to the ``risks`` and ``issues`` groups."""
    risks = add_action(
        risk_cmds,
        common,
        "link",
        _link_risk,
        "link a risk to the tasks it threatens (or --unlink)",
        "Record that a risk of a release threatens tasks of that release; the plan's "
        "tooltips then name it. A task is its id, WBS code or name; repeat --task.",
    )
    risks.add_argument("--release", metavar="NAME", required=True)
    risks.add_argument("--risk", metavar="ID|TITLE", required=True)
    risks.add_argument("--task", metavar="ID|NAME", action="append", required=True)
    risks.add_argument("--unlink", action="store_true", help="remove these links instead")
    issues = add_action(
        issue_cmds,
        common,
        "link",
        _link_issue,
        "link an issue to the tasks or deployments it affects (or --unlink)",
        "Record that an issue affects tasks or deployments of its release. A task is its "
        "id, WBS code or name; a deployment its id or environment name. Repeat either.",
    )
    issues.add_argument("--release", metavar="NAME", help="the issue's release (to find it)")
    issues.add_argument("--issue", metavar="ID|TITLE", required=True)
    issues.add_argument("--task", metavar="ID|NAME", action="append", default=[])
    issues.add_argument("--deployment", metavar="ID|ENV", action="append", default=[])
    issues.add_argument("--unlink", action="store_true", help="remove these links instead")


def _release(ws: Any, name: str) -> tuple[uuid.UUID, str]:
    from app.services.release_service import find_release

    release = find_release(ws, name)
    return release.id, release.title


def _link_risk(args: argparse.Namespace) -> int:
    from app.errors import ValidationError
    from app.services import risk_links, risk_service
    from app.services.link_lookup import find_risk, find_task

    with opened_workspace(args) as ws:
        release_id, release = _release(ws, args.release)
        risk_id, title = find_risk(ws, args.risk, release_id, release)
        tasks = [find_task(ws, release_id, t, release) for t in args.task]
        names = [name for _id, name in tasks]
        if not args.unlink:
            changes = risk_links.change_threats(ws, risk_id, link=[i for i, _n in tasks])
            print(_said(f"Risk '{title}' now threatens", names, len(changes), "linked"))
            return 0
        links = {t.task_id: t.id for t in risk_service.threats(ws, risk_id=risk_id)}
        missing = [name for task_id, name in tasks if task_id not in links]
        if missing:
            raise ValidationError(
                f"The risk '{title}' does not threaten {_quoted(missing)}; nothing was unlinked."
            )
        unlink = {links[task_id]: None for task_id, _name in tasks}
        changes = risk_links.change_threats(ws, risk_id, unlink=unlink)
    print(_said(f"Risk '{title}' no longer threatens", names, len(changes), "unlinked"))
    return 0


def _link_issue(args: argparse.Namespace) -> int:
    from app.errors import ValidationError
    from app.services import issue_links
    from app.services.link_lookup import find_deployment, find_issue, find_task

    if not args.task and not args.deployment:
        raise ValidationError("Name at least one --task or --deployment to link.")
    with opened_workspace(args) as ws:
        release_id, release = _release(ws, args.release) if args.release else (None, "")
        issue_id, title, issue_release = find_issue(ws, args.issue, release_id, release)
        if issue_release is None:
            raise ValidationError(
                f"The issue '{title}' belongs to no release, so it has no tasks or "
                "deployments to link: give it a release first."
            )
        tasks = [find_task(ws, issue_release, t) for t in args.task]
        deployments = [find_deployment(ws, issue_release, d) for d in args.deployment]
        names = [n for _i, n in tasks] + [f"the {n} deployment" for _i, n in deployments]
        if not args.unlink:
            changes = issue_links.change_affected(
                ws, issue_id, tasks=[i for i, _n in tasks], deployments=[i for i, _n in deployments]
            )
            print(_said(f"Issue '{title}' now affects", names, len(changes), "linked"))
            return 0
        links = {a.target_id: a.id for a in issue_links.affected(ws, issue_id)}
        wanted = tasks + deployments
        missing = [n for (i, _n), n in zip(wanted, names, strict=True) if i not in links]
        if missing:
            raise ValidationError(
                f"The issue '{title}' does not affect {_quoted(missing)}; nothing was unlinked."
            )
        changes = issue_links.change_affected(
            ws, issue_id, unlink={links[i]: None for i, _n in wanted}
        )
    print(_said(f"Issue '{title}' no longer affects", names, len(changes), "unlinked"))
    return 0


def _quoted(names: list[str]) -> str:
    return listing([f"'{n}'" if not n.startswith("the ") else n for n in names])


def _said(head: str, names: list[str], written: int, verb: str) -> str:
    if written == len(names):
        return f"{head} {_quoted(names)}."
    if not written:
        return f"{head} {_quoted(names)} (all were {verb} already: nothing changed)."
    return f"{head} {_quoted(names)} ({written} {verb} now, the rest already were)."
