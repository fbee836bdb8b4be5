"""What every ``releasedesk GROUP ACTION`` shares: its parser, and the workspace its
``--db`` names, opened as ``--user``.

The workspace (SQLAlchemy and every model) is imported when a handler opens it, so that
``releasedesk --help`` and the window's command line parsing do not load it.
"""

from __future__ import annotations

import argparse
import contextlib
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


@contextlib.contextmanager
def opened_workspace(args: argparse.Namespace, *, create: bool = False) -> Iterator[Workspace]:
    """The workspace ``--db`` names, closed afterwards; a damaged file is named as such."""
    from app.workspace import Workspace
    from app.workspace_file import reporting_damage

    with Workspace.open(args.db, create=create, user=args.user) as ws, reporting_damage(ws.file):
        yield ws
