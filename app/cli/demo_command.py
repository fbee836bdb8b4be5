"""``releasedesk demo``: create the demo workspace, or the scale workspace for benchmarks.

The generators (and the engine they use for baselines) load only when the command runs.
"""

from __future__ import annotations

import argparse
import time

from app.errors import ValidationError

MAX_SCALE = 5000  # a million tasks: beyond it the command would run for hours, not fail


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``demo`` to the command tree."""
    p = sub.add_parser(
        "demo",
        parents=[common],
        help="create a demo workspace",
        description="Create a new workspace filled with a realistic demo portfolio.",
    )
    p.add_argument("--seed", type=int, default=None, help="random seed (default: fixed)")
    p.add_argument(
        "--scale",
        type=int,
        metavar="RELEASES",
        help="instead of the demo, generate RELEASES releases of 200 tasks and 400 links "
        "each (benchmark data; 500 gives 100,000 tasks)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from app.demo import create_demo_workspace
    from app.demo.scale import create_scale_workspace
    from app.services.release_service import list_releases

    if not args.db:
        raise ValidationError("Say where to create it: releasedesk demo --db PATH")
    started = time.perf_counter()
    seed = {} if args.seed is None else {"seed": args.seed}
    if args.scale is not None:  # `--scale 0` is a mistake, not a request for the demo
        if not 1 <= args.scale <= MAX_SCALE:
            raise ValidationError(
                f"--scale takes 1 to {MAX_SCALE:,} releases ({MAX_SCALE * 200:,} tasks)."
            )
        ws, summary = create_scale_workspace(args.db, releases=args.scale, user=args.user, **seed)
    else:
        ws = create_demo_workspace(args.db, user=args.user, **seed)
        summary = None
    with ws:
        count = summary.releases if summary else len(list_releases(ws))
        tasks = f", {summary.tasks:,} tasks, {summary.links:,} links" if summary else ""
        print(
            f"Created {ws.name} at {ws.summary().location}: {count} releases{tasks} "
            f"in {time.perf_counter() - started:.1f} s"
        )
    return 0
