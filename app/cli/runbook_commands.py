"""``releasedesk runbook run``: a release's runbook for one environment, from a shell
(its steps are kept with :mod:`app.cli.runbook_step_commands`).

The handler imports services lazily so that ``releasedesk --help`` stays quick.
"""

from __future__ import annotations

import argparse

from app.cli.actions import add_action, add_group, opened_workspace
from app.cli.runbook_step_commands import register_steps


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``runbook run`` and the step commands to the command tree."""
    cmds = add_group(sub, "runbook", "deployment runbooks per environment")
    run = add_action(
        cmds,
        common,
        "run",
        _run_runbook,
        "run (or dry-run) the release's runbook for an environment",
        "Run each step of the release's runbook for ENV as an argument list "
        "(never through a shell), streaming its output. The first failing step stops the "
        "run and the backout steps of the steps that ran then run in reverse. Ctrl-C "
        "cancels. Every step is recorded in the workspace; the whole output is kept in a "
        "folder beside it. Exits 0 when every step succeeded, 1 otherwise.",
    )
    run.add_argument("--release", metavar="NAME", required=True)
    run.add_argument("--env", metavar="ENV", required=True)
    run.add_argument("--dry-run", action="store_true", help="only show the exact commands")
    register_steps(cmds, common)


def _run_runbook(args: argparse.Namespace) -> int:
    import signal
    import sys
    import threading

    from app.services import runbook_runs
    from app.services.release_service import find_release
    from app.services.runbook_exec import execute
    from app.services.runbook_service import plan_run

    cancel = threading.Event()

    def on_output(text: str) -> None:
        sys.stdout.write(text)
        sys.stdout.flush()

    with opened_workspace(args) as ws:
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
