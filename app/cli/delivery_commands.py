"""``releasedesk deployment record``: pipelines report deployments into the workspace.

The handlers import services lazily so that ``releasedesk --help`` stays quick.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from app import clock


def moment_arg(text: str) -> dt.datetime:
    """An argparse type: an ISO 8601 moment; without an offset it is local time."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a moment (YYYY-MM-DDTHH:MM, optionally with an offset)"
        ) from None
    if value.tzinfo is None:
        return clock.from_local(value)
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``deployment record`` to the command tree."""
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
