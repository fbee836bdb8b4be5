"""``releasedesk plan chart``: draw a release's Gantt chart into a PNG, SVG or PDF file.

Registered under ``plan`` by :mod:`app.cli.plan_commands`. Everything heavy (the
workspace, the engine, matplotlib) is imported by the handler, so ``--help`` and the
window's start do not load it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.actions import opened_workspace
from app.words import count


def register(cmds: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``plan chart`` to the ``plan`` commands."""
    chart = cmds.add_parser(
        "chart",
        parents=[common],
        help="draw a release's Gantt chart as PNG, SVG or PDF",
        description="Schedule the release and draw its Gantt chart (task table, bars, "
        "critical path in red, links, float, milestones, freeze windows, today) into "
        "FILE.png, FILE.svg or FILE.pdf. Give --release more than once to draw several "
        "releases together with the links between them. An existing file is replaced "
        "only when it is a chart drawn by this command.",
    )
    chart.add_argument(
        "--release",
        metavar="NAME",
        required=True,
        action="append",
        help="release to draw (repeat for several)",
    )
    chart.add_argument("--out", metavar="FILE", required=True, help="FILE.png, .svg or .pdf")
    chart.add_argument(
        "--critical-only", action="store_true", help="only critical tasks (and their summaries)"
    )
    chart.add_argument(
        "--baseline", action="store_true", help="draw the baseline under the current bars"
    )
    chart.add_argument(
        "--theme", choices=("light", "dark"), default="light", help="colours (default light)"
    )
    chart.set_defaults(handler=_chart)


def _chart(args: argparse.Namespace) -> int:
    from app.charts.gantt_figure import gantt_figure
    from app.charts.gantt_file import check_chart_target, save_chart
    from app.charts.gantt_theme import THEMES
    from app.services.gantt_data import gantt_plan
    from app.services.plan_service import workspace_files

    out = Path(args.out)
    with opened_workspace(args) as ws:
        protected = workspace_files(ws)
        check_chart_target(out, protected)  # before the plan is read and scheduled
        plan = gantt_plan(ws, args.release, critical_only=args.critical_only)
    title = " + ".join(plan.release_names.values())
    figure = gantt_figure(
        plan,
        baseline=args.baseline,
        theme=THEMES[args.theme],
        title=title + (" — critical path" if args.critical_only else ""),
    )
    save_chart(figure, out, protected)
    print(f"Drew {count(len(plan.rows), 'task')} of {title} into {out}.")
    return 0
