"""``releasedesk deployment record``: what a pipeline calls to report a deployment;
``releasedesk deployment schedule``: plan one on the release's promotion path.

The handler imports services lazily so that ``releasedesk --help`` stays quick.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from app.cli.actions import add_action, add_group, opened_workspace


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
    """Add ``deployment record`` and ``deployment schedule`` to the command tree."""
    cmds = add_group(sub, "deployment", "deployments of release packages")
    record = add_action(
        cmds,
        common,
        "record",
        _record,
        "record a deployment's status from a pipeline",
        "Move the release's deployment to ENV on to STATUS (scheduled, "
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
    schedule = add_action(
        cmds,
        common,
        "schedule",
        _schedule,
        "schedule a deployment of the release's package",
        "Plan the release's current package manifest for ENV from --start to --end (local "
        "time unless given with an offset). Refused when the start lies in the past, the "
        "end is not after the start, ENV is not on the release's promotion path, the stage "
        "before ENV has no deployment of this manifest verified or planned to end first, "
        "or a production deployment has no backout plan.",
    )
    schedule.add_argument("--release", metavar="NAME", required=True)
    schedule.add_argument("--env", metavar="ENV", required=True)
    schedule.add_argument("--start", type=moment_arg, metavar="T", required=True)
    schedule.add_argument("--end", type=moment_arg, metavar="T", required=True)
    schedule.add_argument("--backout-plan", default="", metavar="TEXT")
    schedule.add_argument("--note", default="", metavar="TEXT")


def _record(args: argparse.Namespace) -> int:
    from app.errors import ValidationError
    from app.services.deployment_service import PipelineReport, record_deployment
    from app.services.release_service import find_release

    log = ""
    if args.log is not None:
        try:
            log = args.log.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise ValidationError(f"Cannot read the log {args.log}: {exc.strerror}.") from None
    with opened_workspace(args) as ws:
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


def _schedule(args: argparse.Namespace) -> int:
    from app import clock
    from app.dates_text import moment
    from app.services.deployment_schedule import schedule_deployment
    from app.services.promotion import environment_named
    from app.services.release_service import find_release

    with opened_workspace(args) as ws:
        release = find_release(ws, args.release)
        with ws.reading() as s:
            env = environment_named(s, args.env)
            assert env is not None
            env_id, name = env.id, env.name
        schedule_deployment(
            ws, release.id, env_id, args.start, args.end, args.backout_plan, args.note
        )
    start, end = clock.to_local(args.start), clock.to_local(args.end)
    print(f"Scheduled {release.title} in {name}: {moment(start)} – {moment(end)}.")
    return 0
