"""``releasedesk promotion show|set``: a release's promotion path through the
environments (every environment in stage order until one is set).

The handlers import services lazily so that ``releasedesk --help`` stays quick.
"""

from __future__ import annotations

import argparse

from app.cli.actions import add_action, add_group, opened_workspace


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``promotion show`` and ``promotion set`` to the command tree."""
    cmds = add_group(sub, "promotion", "a release's promotion path through the environments")
    show = add_action(cmds, common, "show", _show, "print a release's promotion path")
    show.add_argument("--release", metavar="NAME", required=True)
    path = add_action(
        cmds,
        common,
        "set",
        _set,
        "set a release's promotion path",
        "Make ENVS (comma-separated, first stage first) the release's promotion path: a "
        "deployment to a stage then needs the stage before it on this path verified. "
        "--path default follows every environment in stage order again.",
    )
    path.add_argument("--release", metavar="NAME", required=True)
    path.add_argument("--path", metavar="ENVS", required=True, help="e.g. dev,test,production")


def _show(args: argparse.Namespace) -> int:
    from app.services.promotion import release_path
    from app.services.release_service import find_release

    with opened_workspace(args) as ws:
        release = find_release(ws, args.release)
        path = release_path(ws, release.id)
    how = "" if path.custom else " (every environment in stage order)"
    print(f"{release.title}: {path.text}{how}")
    return 0


def _set(args: argparse.Namespace) -> int:
    from app.services.promotion import path_from_names, release_path, set_promotion_path
    from app.services.release_service import find_release

    names = [n.strip() for n in args.path.split(",") if n.strip()]
    with opened_workspace(args) as ws:
        release = find_release(ws, args.release)
        chosen = None if names == ["default"] else path_from_names(ws, names)
        set_promotion_path(ws, release.id, chosen)
        path = release_path(ws, release.id)
    print(f"{release.title}: {path.text}")
    return 0
