"""``releasedesk environment list|add|move|remove``: the workspace's environments and
their stage order (the default promotion path of every release).

The handlers import services lazily so that ``releasedesk --help`` stays quick.
"""

from __future__ import annotations

import argparse
import uuid
from typing import TYPE_CHECKING

from app.cli.actions import add_action, add_group, opened_workspace

if TYPE_CHECKING:
    from app.workspace import Workspace

STAGES = ("dev", "test", "staging", "prod")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``environment`` actions to the command tree."""
    cmds = add_group(sub, "environment", "environments and their stage order")
    listing = add_action(cmds, common, "list", _list, "list environments in stage order")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add = add_action(
        cmds,
        common,
        "add",
        _add,
        "add an environment (last in the stage order unless --position)",
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument("--stage", choices=STAGES, required=True)
    add.add_argument("--position", type=int, metavar="N", help="place it Nth (1 = first)")
    move = add_action(
        cmds, common, "move", _move, "put an environment Nth in the stage order (1 = first)"
    )
    move.add_argument("name", metavar="NAME")
    move.add_argument("--to", type=int, metavar="N", required=True, dest="position")
    remove = add_action(
        cmds,
        common,
        "remove",
        _remove,
        "remove an environment",
        "Remove an environment with its promotion steps and bookings. Refused while it "
        "has deployments: they are the record of what ran there.",
    )
    remove.add_argument("name", metavar="NAME")


def _list(args: argparse.Namespace) -> int:
    from app.cli.json_output import write_json
    from app.services.promotion import list_environments

    with opened_workspace(args) as ws:
        envs = list_environments(ws)
    numbered = list(enumerate(envs, start=1))
    if args.json:
        write_json([{"position": n, "name": e.name, "stage": e.stage.value} for n, e in numbered])
        return 0
    if not envs:
        print("No environments yet (add one with `releasedesk environment add`).")
    width = max((len(e.name) for e in envs), default=0)
    for n, env in numbered:
        print(f"{n:>2}. {env.name:<{width}}  {env.stage.value}")
    return 0


def _place(ws: Workspace, env_id: uuid.UUID, position: int | None) -> None:
    from app.errors import ValidationError
    from app.services.environment_edits import place_environment

    if position is None:
        return
    if position < 1:
        raise ValidationError(f"--position counts from 1 (the first stage), not {position}.")
    place_environment(ws, env_id, None, position - 1)


def _add(args: argparse.Namespace) -> int:
    from app.services.promotion import add_environment

    with opened_workspace(args) as ws:
        change = add_environment(ws, args.name, args.stage)
        _place(ws, change.id, args.position)
    print(f"Added environment {args.name.strip()} ({args.stage}).")
    return 0


def _named(ws: Workspace, name: str) -> tuple[uuid.UUID, str]:
    from app.services.promotion import environment_named

    with ws.reading() as s:
        env = environment_named(s, name)
        assert env is not None
        return env.id, env.name


def _move(args: argparse.Namespace) -> int:
    with opened_workspace(args) as ws:
        env_id, name = _named(ws, args.name)
        _place(ws, env_id, args.position)
    print(f"Moved {name} to position {args.position}.")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from app.services.environment_edits import delete_environment

    with opened_workspace(args) as ws:
        env_id, name = _named(ws, args.name)
        delete_environment(ws, env_id)
    print(f"Removed environment {name}.")
    return 0
