"""What every ``releasedesk GROUP ACTION`` shares: its parser, and the workspace its
``--db`` names, opened as ``--user``.

The workspace (SQLAlchemy and every model) is imported when a handler opens it, so that
``releasedesk --help`` and the window's command line parsing do not load it.
"""

from __future__ import annotations

import argparse
import contextlib
import uuid
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.workspace import Workspace


def add_group(
    sub: argparse._SubParsersAction, name: str, help_text: str
) -> argparse._SubParsersAction:
    """``releasedesk NAME ACTION``: where :func:`add_action` adds the group's actions."""
    group = sub.add_parser(name, help=help_text)
    return group.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True)


def add_action(
    cmds: argparse._SubParsersAction,
    common: argparse.ArgumentParser,
    name: str,
    handler: Callable[[argparse.Namespace], int],
    help_text: str,
    description: str | None = None,
) -> argparse.ArgumentParser:
    """``GROUP NAME`` with the common options (``--db``, ``--user``), run by ``handler``."""
    parser = cmds.add_parser(name, parents=[common], help=help_text, description=description)
    parser.set_defaults(handler=handler)
    return parser


def add_listing(
    cmds: argparse._SubParsersAction,
    common: argparse.ArgumentParser,
    what: str,
    handler: Callable[[argparse.Namespace], int],
) -> argparse.ArgumentParser:
    """``GROUP list [--release NAME] [--json]``: the live rows, of one release or all."""
    parser = add_action(
        cmds,
        common,
        "list",
        handler,
        f"print the {what} (of one release, or all)",
        f"Print the live {what}, of one release with --release, else of all.",
    )
    parser.add_argument("--release", metavar="NAME", help="only this release")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    return parser


def add_export(
    cmds: argparse._SubParsersAction,
    common: argparse.ArgumentParser,
    what: str,
    handler: Callable[[argparse.Namespace], int],
) -> argparse.ArgumentParser:
    """``GROUP export [--release NAME] --out FILE.csv|xlsx``: the table the window exports."""
    parser = add_action(
        cmds,
        common,
        "export",
        handler,
        f"write the {what} to a CSV or XLSX file",
        f"Write the {what} (of one release with --release) to FILE.csv or FILE.xlsx. An "
        "existing file is never written over.",
    )
    parser.add_argument("--release", metavar="NAME", help="only this release")
    parser.add_argument("--out", metavar="FILE.csv|xlsx", required=True)
    return parser


def release_id_of(ws: Workspace, name: str | None) -> uuid.UUID | None:
    """The id of the release ``--release`` names; None when it names none (all)."""
    if name is None:
        return None
    from app.services.release_service import find_release

    return find_release(ws, name).id


@contextlib.contextmanager
def opened_workspace(args: argparse.Namespace, *, create: bool = False) -> Iterator[Workspace]:
    """The workspace ``--db`` names, closed afterwards; a damaged file is named as such."""
    from app.workspace import Workspace
    from app.workspace_file import reporting_damage

    with Workspace.open(args.db, create=create, user=args.user) as ws, reporting_damage(ws.file):
        yield ws
