"""``releasedesk plan why --release NAME --task ID|NAME [--json]``: the driving path.

Prints why a task starts when it does: the chain of driving predecessors back to the
start of the plan or to what pins it (a constraint, an actual date, the status date, a
freeze window), one numbered sentence per step. ``ID`` is the task's row number in the
plan table (its 1-based position in the release's outline order).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.cli.actions import opened_workspace
from app.cli.json_output import write_json
from app.words import listing

if TYPE_CHECKING:
    from app.services.driving_path import DrivingPath, PathStep


def register(cmds: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``why`` to the ``plan`` group."""
    why = cmds.add_parser(
        "why",
        parents=[common],
        help="why a task starts when it does (its driving path)",
        description="Schedule the release and explain a task's start: the chain of driving "
        "predecessors (link type, lag, calendar) back to the start of the plan or to the "
        "constraint, actual date, status date or freeze window that pins it.",
    )
    why.add_argument("--release", metavar="NAME", required=True)
    why.add_argument(
        "--task",
        metavar="ID|NAME",
        required=True,
        help="the task's row number in the plan table, or its name",
    )
    why.add_argument("--json", action="store_true", help="print one JSON object instead")
    why.set_defaults(handler=_why)


def _why(args: argparse.Namespace) -> int:
    from app.services.driving_path import driving_path

    with opened_workspace(args) as ws:
        path = driving_path(ws, args.release, args.task)
    if args.json:
        write_json(path_json(path))
    else:
        _print_path(path)
    return 0


def _print_path(path: DrivingPath) -> None:
    first = path.steps[0]
    row = f"row {first.row} " if first.row is not None else ""
    print(f"Why does {row}'{path.task_name}' of '{path.release}' start when it does?")
    for n, step in enumerate(path.steps, 1):
        print(f"  {n}. {step.sentence}")
    if path.driven:
        print(f"It drives: {listing(list(path.driven))}.")


def path_json(path: DrivingPath) -> dict[str, object]:
    """The ``--json`` object: the task, its chain (each step's driver in full) and the
    successors it drives. Dates are plan wall-clock times in ISO 8601."""
    return {
        "release": path.release,
        "task": {"id": path.task_id, "name": path.task_name, "row": path.steps[0].row},
        "pin": path.pin.kind.value,
        "steps": [_step_json(s) for s in path.steps],
        "driven": list(path.driven),
    }


def _step_json(step: PathStep) -> dict[str, object]:
    d = step.driver
    link = d.link
    return {
        "task_id": step.task_id,
        "name": step.name,
        "release": step.release,
        "row": step.row,
        "end": step.end,
        "date": step.date,
        "start": step.start,
        "finish": step.finish,
        "via_duration": step.via_duration,
        "summary_bound": step.bound,
        "calendar": step.calendar,
        "driver": {
            "kind": d.kind.value,
            "sets": "finish" if d.to_finish else "start",
            "task_id": d.task_id,
            "task_name": step.driver_name or None,
            "release": step.driver_release or None,
            "date": d.date,
            "name": d.name or None,
            "link": None
            if link is None
            else {
                "type": link.type.value,
                "lag": link.lag,
                "lag_unit": link.lag_unit.value,
            },
        },
        "non_working_between": list(step.crossed),
        "sentence": step.sentence,
    }
