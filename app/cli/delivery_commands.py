"""``releasedesk deployment record``, ``runbook run`` and ``build-notes``: what pipelines call.

The handlers import services lazily so that ``releasedesk --help`` stays quick.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path


def moment_arg(text: str) -> dt.datetime:
    """An argparse type: an ISO 8601 moment; without an offset it is local time."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a moment (YYYY-MM-DDTHH:MM, optionally with an offset)"
        ) from None
    if value.tzinfo is None:
        from app import clock  # the clock loads the models: not while parsing --help

        return clock.from_local(value)
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``deployment record`` and ``runbook run`` to the command tree."""
    deployment = sub.add_parser("deployment", help="deployments of release packages")
    cmds = deployment.add_subparsers(dest="deployment_command", metavar="ACTION", required=True)
    record = cmds.add_parser(
        "record",
        parents=[common],
        help="record a deployment's status from a pipeline",
        description="Move the release's deployment to ENV on to STATUS (scheduled, "
        "deploying, deployed, verified, failed, backed_out), or start one. Refused when the "
        "previous stage of the promotion path has no verified deployment of the same "
        "package manifest, when a production deployment has no backout plan, or when "
        "--package-sha differs from the baselined manifest hash (unless --allow-deviation).",
    )
    record.add_argument("--release", metavar="NAME", required=True)
    record.add_argument("--env", metavar="ENV", required=True)
    record.add_argument("--status", metavar="STATUS", required=True)
    record.add_argument("--package-sha", metavar="SHA", help="manifest hash deployed")
    record.add_argument("--started", type=moment_arg, metavar="T")
    record.add_argument("--finished", type=moment_arg, metavar="T")
    record.add_argument("--log", type=Path, metavar="FILE", help="the pipeline's log")
    record.add_argument("--backout-plan", default="", metavar="TEXT")
    record.add_argument(
        "--allow-deviation",
        action="store_true",
        help="record a manifest hash other than the baselined one as a deviation",
    )
    record.set_defaults(handler=_record)
    register_runbook(sub, common)
    register_build_notes(sub, common)


def _record(args: argparse.Namespace) -> int:
    from app.errors import ValidationError
    from app.services.deployment_service import PipelineReport, record_deployment
    from app.services.release_service import find_release
    from app.workspace import Workspace

    log = ""
    if args.log is not None:
        try:
            log = args.log.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise ValidationError(f"Cannot read the log {args.log}: {exc.strerror}.") from None
    with Workspace.open(args.db, user=args.user) as ws:
        release = find_release(ws, args.release)
        report = PipelineReport(
            release_id=release.id,
            environment=args.env,
            status=args.status,
            package_sha=args.package_sha,
            started=args.started,
            finished=args.finished,
            log=log,
            backout_plan=args.backout_plan,
            allow_deviation=args.allow_deviation,
        )
        change = record_deployment(ws, report)
    print(f"Recorded {release.title} in {args.env}: {args.status}.")
    for warning in change.warnings:
        print(f"  warning: {warning}")
    return 0


def register_runbook(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``runbook run`` to the command tree."""
    runbook = sub.add_parser("runbook", help="deployment runbooks per environment")
    cmds = runbook.add_subparsers(dest="runbook_command", metavar="ACTION", required=True)
    run = cmds.add_parser(
        "run",
        parents=[common],
        help="run (or dry-run) the release's runbook for an environment",
        description="Run each step of the release's runbook for ENV as an argument list "
        "(never through a shell), streaming its output. The first failing step stops the "
        "run and the backout steps of the steps that ran then run in reverse. Ctrl-C "
        "cancels. Every step is recorded in the workspace; the whole output is kept in a "
        "folder beside it. Exits 0 when every step succeeded, 1 otherwise.",
    )
    run.add_argument("--release", metavar="NAME", required=True)
    run.add_argument("--env", metavar="ENV", required=True)
    run.add_argument("--dry-run", action="store_true", help="only show the exact commands")
    run.set_defaults(handler=_run_runbook)


def _run_runbook(args: argparse.Namespace) -> int:
    import signal
    import sys
    import threading

    from app.services import runbook_runs
    from app.services.release_service import find_release
    from app.services.runbook_exec import execute
    from app.services.runbook_service import plan_run
    from app.workspace import Workspace

    cancel = threading.Event()

    def on_output(text: str) -> None:
        sys.stdout.write(text)
        sys.stdout.flush()

    with Workspace.open(args.db, user=args.user) as ws:
        runbook_runs.mark_stale_runs(ws)
        release = find_release(ws, args.release)
        plan = plan_run(ws, release.id, args.env)
        previous = signal.signal(signal.SIGINT, lambda *_: cancel.set())
        try:
            run = execute(ws, plan, dry_run=args.dry_run, cancel=cancel, on_output=on_output)
        finally:
            signal.signal(signal.SIGINT, previous)
    print(f"Run of '{plan.runbook}' for {release.title} in {plan.environment}: {run.status}.")
    return 0 if run.status == runbook_runs.SUCCEEDED else 1


def register_build_notes(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``build-notes import`` and ``build-notes show`` to the command tree."""
    notes = sub.add_parser("build-notes", help="build notes from git, by component")
    cmds = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)
    imp = cmds.add_parser(
        "import",
        parents=[common],
        help="record the commits between two git refs as a build of the release",
        description="Read the commits reachable from --to but not from --from (hash, "
        "author, date, subject, changed paths) with the git command and record them as "
        "a build of the release, each linked to the configuration item whose component "
        "is a folder of a changed path (or is named in the subject). An unknown ref or a "
        "folder that is not a repository records nothing.",
    )
    imp.add_argument("--repo", type=Path, metavar="PATH", required=True)
    imp.add_argument("--from", dest="since", metavar="REF", required=True)
    imp.add_argument("--to", dest="until", metavar="REF", required=True)
    imp.add_argument("--release", metavar="NAME", required=True)
    imp.set_defaults(handler=_import_notes)
    show = cmds.add_parser(
        "show",
        parents=[common],
        help="what the release introduced or modified, by component, with its commits",
    )
    show.add_argument("--release", metavar="NAME", required=True)
    show.add_argument("--json", action="store_true", help="print one JSON object instead")
    show.set_defaults(handler=_show_notes)


def _import_notes(args: argparse.Namespace) -> int:
    from app.services.build_notes import import_from_git, release_notes
    from app.services.release_service import find_release
    from app.words import count
    from app.workspace import Workspace

    with Workspace.open(args.db, user=args.user) as ws:
        release = find_release(ws, args.release)
        import_from_git(ws, release.id, args.repo, args.since, args.until)
        notes = release_notes(ws, release.id)
    total = sum(len(v) for v in notes.values())
    print(
        f"Imported {args.since}..{args.until} into {release.title}: "
        f"{count(total, 'note')} over {count(len(notes), 'component')} in all."
    )
    return 0


def _show_notes(args: argparse.Namespace) -> int:
    from app.cli.json_output import write_json
    from app.services.build_notes import release_notes
    from app.services.release_service import find_release
    from app.workspace import Workspace

    with Workspace.open(args.db, user=args.user) as ws:
        release = find_release(ws, args.release)
        notes = release_notes(ws, release.id)
    if args.json:
        write_json(
            {
                "release": release.title,
                "components": [
                    {
                        "component": name or None,
                        "commits": [
                            {
                                "hash": n.reference,
                                "author": n.author,
                                "date": n.committed_at,
                                "subject": n.text,
                                "paths": n.paths.splitlines(),
                            }
                            for n in rows
                        ],
                    }
                    for name, rows in notes.items()
                ],
            }
        )
        return 0
    for name, rows in notes.items():
        print(name or "(no configuration item)")
        for n in rows:
            print(f"  {n.reference[:10]}  {n.author}: {n.text}")
    return 0
