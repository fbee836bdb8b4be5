"""``releasedesk plan``: import, export, schedule and baseline a release's task plan.

The workspace and the plan services (SQLAlchemy, the models, file formats, the engine)
are imported by the handlers, so that ``releasedesk --help`` and starting the window,
which parses the same command line, do not load them.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli import chart_command
from app.cli.progress import TerminalProgress
from app.gc_pause import gc_paused
from app.services.working_time import format_working, slip_words
from app.words import count

if TYPE_CHECKING:
    from app.services.baseline_service import ReleaseSlip, TaskSlip
    from app.services.release_schedule import ReleaseSchedule, ScheduledTask


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``plan import|export|schedule|baseline|variance|chart`` to the command tree."""
    plan = sub.add_parser("plan", help="import, export, schedule and baseline task plans")
    cmds = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    imp = cmds.add_parser(
        "import",
        parents=[common],
        help="import a Microsoft Project XML or GanttProject file",
        description="Import FILE (Microsoft Project XML .xml, or GanttProject .gan) into a "
        "release: a new Draft release named after the plan, or the empty release given "
        "with --release. A release that already has tasks is never changed.",
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--release", metavar="NAME", help="release to import into")
    imp.add_argument(
        "--progress", action="store_true",
        help="show progress on stderr even when it is not a terminal",
    )
    imp.set_defaults(handler=_import)
    exp = _release_action(
        cmds, common, "export", _export,
        "export a release's plan as Microsoft Project XML",
        "Write the release's plan, with our scheduled dates, as Microsoft Project XML "
        "(opens in Microsoft Project and ProjectLibre).",
    )
    exp.add_argument("file", metavar="FILE.xml")
    _release_action(
        cmds, common, "schedule", _schedule,
        "critical path and floats of a release",
        "Schedule the release (and the tasks of other releases it depends on) and print "
        "its critical path and a float table.",
        json_output=True,
    )
    _release_action(
        cmds, common, "baseline", _baseline,
        "set a release's baseline to its current schedule",
        "Store the release's scheduled start, finish and duration of every task as its "
        "baseline (replacing the previous one), for variance reports.",
    )
    _release_action(
        cmds, common, "variance", _variance,
        "how far a release has moved from its baseline",
        "Schedule the release and compare every task's start, finish and duration with "
        "its baseline (working time; positive = later or longer).",
        json_output=True,
    )
    chart_command.register(cmds, common)


def _release_action(
    cmds: argparse._SubParsersAction,
    common: argparse.ArgumentParser,
    name: str,
    handler: Callable[[argparse.Namespace], int],
    help_text: str,
    description: str,
    json_output: bool = False,
) -> argparse.ArgumentParser:
    """``plan NAME --release NAME [--json]``."""
    parser = cmds.add_parser(name, parents=[common], help=help_text, description=description)
    parser.add_argument("--release", metavar="NAME", required=True)
    if json_output:
        parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.set_defaults(handler=handler)
    return parser


def _import(args: argparse.Namespace) -> int:
    from app.interchange.plan_files import read_plan_file
    from app.services.plan_service import import_plan
    from app.workspace import Workspace

    progress = TerminalProgress(enabled=True if args.progress else None)
    try:
        progress.phase(f"Reading {Path(args.file).name}")
        document = read_plan_file(Path(args.file))
        progress.phase("Writing tasks and links")
        with Workspace.open(args.db, user=args.user) as ws:
            result = import_plan(
                ws, document, release_name=args.release, progress=progress.update  # type: ignore[arg-type]
            )
    finally:
        progress.finish()  # a result or an error starts on a line of its own
    how = "into new Draft release" if result.created_release else "into release"
    print(f"Imported {Path(args.file).name} {how} '{result.release_name}':")
    print(
        f"  {count(result.tasks, 'task')}, {count(result.links, 'link')}, "
        f"{count(result.calendars, 'calendar')}, "
        f"{count(result.calendar_exceptions, 'calendar exception')}"
    )
    for warning in result.warnings:
        print(f"  warning: {warning}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from app.services.plan_service import export_plan
    from app.workspace import Workspace

    path = Path(args.file)
    with Workspace.open(args.db, user=args.user) as ws:
        written = export_plan(ws, args.release, path)
    print(f"Wrote {count(written, 'task')} of '{args.release}' to {path}.")
    return 0


# A whole command over a 100,000-task plan allocates millions of objects that form no
# cycles: collecting only once it is done (when its rows are gone, so the collection is
# cheap) rather than after each step saves three full scans of a large heap.
@gc_paused()
def _schedule(args: argparse.Namespace) -> int:
    from app.services.release_schedule import schedule_release
    from app.workspace import Workspace

    with Workspace.open(args.db, user=args.user) as ws:
        result = schedule_release(ws, args.release)
    return _report(args, lambda: schedule_json(result), lambda: _print_table(result))


def _baseline(args: argparse.Namespace) -> int:
    from app.services.baseline_service import set_baseline
    from app.workspace import Workspace

    with Workspace.open(args.db, user=args.user) as ws:
        done = set_baseline(ws, args.release)
    fmt = "%Y-%m-%d %H:%M"
    print(
        f"Baseline of '{done.release_name}' set for {count(done.tasks, 'task')}: "
        f"{done.start:{fmt}} → {done.finish:{fmt}}."
    )
    return 0


@gc_paused()  # see _schedule
def _variance(args: argparse.Namespace) -> int:
    from app.services.baseline_service import release_slip
    from app.services.plan_service import nothing_to
    from app.workspace import Workspace

    with Workspace.open(args.db, user=args.user) as ws:
        slip = release_slip(ws, args.release)
    if not slip.tasks:
        raise nothing_to("compare with a baseline", slip.release_name)
    return _report(args, lambda: variance_json(slip), lambda: _print_variance(slip))


def _report(
    args: argparse.Namespace, as_json: Callable[[], object], as_table: Callable[[], None]
) -> int:
    """Print one JSON object with ``--json``, else the table for people."""
    if args.json:
        from app.cli.json_output import write_json

        write_json(as_json())
    else:
        as_table()
    return 0


def variance_json(slip: ReleaseSlip) -> dict[str, object]:
    """The ``variance --json`` object (ISO local times, variances in working minutes)."""
    def when(value: dt.datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "release": slip.release_name,
        "finish": when(slip.finish),
        "baseline_finish": when(slip.baseline_finish),
        "finish_variance_minutes": slip.finish_variance_minutes,
        "tasks": [
            {
                "id": t.id,
                "name": t.name,
                "start": when(t.start),
                "finish": when(t.finish),
                "baseline_start": when(t.baseline_start),
                "baseline_finish": when(t.baseline_finish),
                "start_variance_minutes": t.start_variance_minutes,
                "finish_variance_minutes": t.finish_variance_minutes,
                "duration_variance_minutes": t.duration_variance_minutes,
            }
            for t in slip.tasks
        ],
    }


def _print_variance(slip: ReleaseSlip) -> None:
    fmt, per_day = "%Y-%m-%d %H:%M", slip.minutes_per_day
    if slip.baseline_finish is None:
        print(f"{slip.release_name} has no baseline yet: "
              f"set one with `releasedesk plan baseline --release \"{slip.release_name}\"`.")
        return
    moved = slip_words(slip.finish_variance_minutes, per_day)
    print(f"{slip.release_name}: finishes {slip.finish:{fmt}}, baseline "
          f"{slip.baseline_finish:{fmt}} ({moved})")
    print()
    width, names = _outline(slip.tasks)
    _header(
        f"{'Task':<{width}}  {'Baseline finish':<16}  {'Finish':<16}  {'Start var':>9}  "
        f"{'Finish var':>10}  {'Duration var':>12}"
    )
    for t, name in zip(slip.tasks, names, strict=True):
        base = f"{t.baseline_finish:{fmt}}" if t.baseline_finish else "(none)"
        print(
            f"{name:<{width}}  {base:<16}  {t.finish:{fmt}}  "
            f"{_signed(t.start_variance_minutes, per_day):>9}  "
            f"{_signed(t.finish_variance_minutes, per_day):>10}  "
            f"{_signed(t.duration_variance_minutes, per_day):>12}"
        )


def _signed(minutes: int | None, per_day: int) -> str:
    """A variance for the table: ``+1d 4h``, ``-2h``, ``0``; blank without a baseline."""
    if minutes is None:
        return ""
    return ("+" if minutes > 0 else "") + format_working(minutes, per_day)


def schedule_json(result: ReleaseSchedule) -> dict[str, object]:
    """The ``--json`` object: release, finish and one entry per task (local times, as
    ``datetime``: :func:`~app.cli.json_output.write_json` writes them in ISO 8601).

    Read from the engine's rows directly: a 100,000-task release needs no table rows.
    """
    return {
        "release": result.release_name,
        "finish": result.finish,
        "tasks": [
            {
                "id": t.id,
                "name": t.name,
                "early_start": r.early_start,
                "early_finish": r.early_finish,
                "late_start": r.late_start,
                "late_finish": r.late_finish,
                "total_float_minutes": r.total_float,
                "free_float_minutes": r.free_float,
                "critical": r.critical,
            }
            for t, r in result.own_results()
        ],
    }


def _done(percent: float) -> str:
    """Progress as a coordinator reads it; finished work is never critical (as in Project)."""
    return f"{percent:.0f}%" if percent else ""


def _print_table(result: ReleaseSchedule) -> None:
    fmt = "%Y-%m-%d %H:%M"
    deadline = f" (deadline {result.deadline:{fmt}})" if result.deadline else ""
    print(f"{result.release_name}: {result.start:{fmt}} → {result.finish:{fmt}}{deadline}")
    print()
    if result.critical_path:
        print("Critical path:")
        for chain in result.critical_path:
            print("  " + " → ".join(chain))
    else:
        print("Critical path: none (every remaining task has float, or all work is done)")
    print()
    per_day = result.minutes_per_day
    width, names = _outline(result.tasks)
    _header(
        f"{'Task':<{width}}  {'Early start':<16}  {'Early finish':<16}  {'Late start':<16}  "
        f"{'Late finish':<16}  {'Total float':>11}  {'Free float':>10}  {'Done':>4}  Crit"
    )
    for t, name in zip(result.tasks, names, strict=True):
        print(
            f"{name:<{width}}  {t.early_start:{fmt}}  {t.early_finish:{fmt}}  "
            f"{t.late_start:{fmt}}  {t.late_finish:{fmt}}  "
            f"{format_working(t.total_float_minutes, per_day):>11}  "
            f"{format_working(t.free_float_minutes, per_day):>10}  {_done(t.percent_complete):>4}  "
            f"{'*' if t.critical else ''}"
        )
    for problem in result.problems:
        print(f"warning: {problem}")


def _outline(tasks: Sequence[ScheduledTask] | Sequence[TaskSlip]) -> tuple[int, list[str]]:
    """The task column's width and each task's name, indented by its outline depth."""
    width = min(48, max([len("Task"), *(len(t.name) + 2 * t.depth for t in tasks)]))
    return width, [("  " * t.depth + t.name)[:width] for t in tasks]


def _header(line: str) -> None:
    print(line)
    print("-" * len(line))
