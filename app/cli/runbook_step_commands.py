"""``releasedesk runbook steps|add-step|remove-step``: keep a runbook from a shell.

The steps are those of the runbook the release runs in ENV: its own, else the
environment's shared one (created by the first ``add-step`` where there is none).
"""

from __future__ import annotations

import argparse

from app.cli.actions import add_action, opened_workspace


def register_steps(cmds: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``runbook steps``, ``add-step`` and ``remove-step`` to the ``runbook`` group."""
    steps = add_action(
        cmds,
        common,
        "steps",
        _steps,
        "list the steps the release's runbook for an environment runs",
        "List, in order, each step's command template, expected exit code, timeout and "
        "backout command, and say whether the runbook is the release's own or shared.",
    )
    steps.add_argument("--json", action="store_true", help="print one JSON object instead")
    add = add_action(
        cmds,
        common,
        "add-step",
        _add_step,
        "append a step to the release's runbook for an environment",
        "Append a step. COMMAND is split into arguments as a shell would, then "
        "{version}, {environment} and {component} are filled in each argument; it never "
        "runs through a shell. Where the environment has no runbook yet, its shared "
        "runbook is created.",
    )
    add.add_argument("--name", required=True, metavar="TEXT")
    add.add_argument("--command", required=True, metavar="COMMAND")
    add.add_argument("--expect", type=int, default=0, metavar="CODE", help="exit code (0)")
    add.add_argument("--timeout", type=int, default=600, metavar="SECONDS", help="(600)")
    add.add_argument("--backout", default="", metavar="COMMAND", help="run if a later step fails")
    remove = add_action(
        cmds,
        common,
        "remove-step",
        _remove_step,
        "remove a step (numbered as `runbook steps` lists them)",
    )
    remove.add_argument("--step", type=int, required=True, metavar="N")
    for parser in (steps, add, remove):
        parser.add_argument("--release", metavar="NAME", required=True)
        parser.add_argument("--env", metavar="ENV", required=True)


def _steps(args: argparse.Namespace) -> int:
    from app.cli.json_output import write_json
    from app.services.release_service import find_release
    from app.services.runbook_steps import runbook_steps

    with opened_workspace(args) as ws:
        release = find_release(ws, args.release)
        book = runbook_steps(ws, release.id, args.env)
    if args.json:
        write_json(
            {
                "release": release.title,
                "environment": book.environment,
                "runbook": book.runbook,
                "shared": book.shared,
                "steps": [
                    {
                        "number": n,
                        "name": step.name,
                        "command": step.command_template,
                        "expected_exit_code": step.expected_exit_code,
                        "timeout_seconds": step.timeout_seconds,
                        "backout": step.backout_command or None,
                    }
                    for n, step in enumerate(book.steps, 1)
                ],
            }
        )
        return 0
    if book.runbook is None:
        print(f"{book.environment} has no runbook yet; add a step with `runbook add-step`.")
        return 0
    whose = "shared by every release without its own" if book.shared else "this release's own"
    print(f"{book.runbook} ({whose})")
    for n, step in enumerate(book.steps, 1):
        print(f"  {n}. {step.name}: {step.command_template}")
        print(f"     expects exit {step.expected_exit_code}, timeout {step.timeout_seconds} s")
        if step.backout_command:
            print(f"     backout: {step.backout_command}")
    return 0


def _add_step(args: argparse.Namespace) -> int:
    from app.services.release_service import find_release
    from app.services.runbook_steps import add_release_step

    with opened_workspace(args) as ws:
        release = find_release(ws, args.release)
        add_release_step(
            ws,
            release.id,
            environment=args.env,
            name=args.name,
            command_template=args.command,
            expected_exit_code=args.expect,
            timeout_seconds=args.timeout,
            backout_command=args.backout,
        )
    print(f"Added step '{args.name.strip()}' to the {args.env} runbook of {release.title}.")
    return 0


def _remove_step(args: argparse.Namespace) -> int:
    from app.services.release_service import find_release
    from app.services.runbook_steps import delete_step, step_at

    with opened_workspace(args) as ws:
        release = find_release(ws, args.release)
        step = step_at(ws, release.id, args.env, args.step)
        delete_step(ws, step.id, step.version)
    print(f"Removed step {args.step} '{step.name}' from the {args.env} runbook.")
    return 0
