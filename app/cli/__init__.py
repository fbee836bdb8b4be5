"""The ``releasedesk`` command line.

``releasedesk`` alone opens the window; subcommands work headless. Each command
module registers its subcommands (one call here per module), and every error we
expect is printed as one line with a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from app import __version__
from app.cli import (
    audit_commands,
    build_notes_commands,
    calendar_commands,
    change_commands,
    db_commands,
    demo_command,
    deployment_commands,
    environment_commands,
    log_commands,
    metrics_command,
    package_commands,
    plan_commands,
    promotion_commands,
    runbook_commands,
)
from app.errors import ReleaseDeskError

GuiRunner = Callable[[argparse.Namespace], int]
ENV_DEBUG = "RELEASEDESK_DEBUG"
INTERNAL_ERROR = 1  # an error we did not foresee (a bug), as in the README's table
COMMAND_MODULES = (
    demo_command,
    db_commands,
    plan_commands,
    calendar_commands,
    log_commands,
    change_commands,
    package_commands,
    environment_commands,
    promotion_commands,
    deployment_commands,
    runbook_commands,
    build_notes_commands,
    metrics_command,
    audit_commands,
)


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree (also used by the tests and the README)."""
    parser = argparse.ArgumentParser(
        prog="releasedesk",
        description="Release coordination on your desktop. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"ReleaseDesk {__version__}")
    _add_globals(parser, None)
    parser.add_argument(
        "--save-password",
        action="store_true",
        help="keep the password of a --db URL in the system keyring for later starts "
        "(the window; without it the password is used for this run only, never written)",
    )
    # The global options are accepted after the command too (`releasedesk demo --db X`).
    common = argparse.ArgumentParser(add_help=False)
    _add_globals(common, argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub, common)
    return parser


def _add_globals(parser: argparse.ArgumentParser, default: str | None) -> None:
    parser.add_argument(
        "--db",
        metavar="URL|PATH",
        default=default,
        help="workspace file or database URL (default: $RELEASEDESK_DB, else the "
        "workspace in your user data folder)",
    )
    parser.add_argument(
        "--user", default=default, help="act as this user (default: your login name)"
    )


def one_line(message: str) -> str:
    """``message`` on one line: a name or value from a file may hold line breaks."""
    return " ".join(part.strip() for part in message.splitlines() if part.strip())


def main(argv: Sequence[str] | None = None, gui: GuiRunner | None = None) -> int:
    """Run the CLI and return the exit code; ``gui`` starts the window when no command is given.

    argparse's own exits (``--help``, ``--version``, a usage error: 2) are returned too,
    so a caller always gets the code of the README's "Exit codes" table.
    """
    try:
        return _run(build_parser(), argv, gui)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2


def _run(parser: argparse.ArgumentParser, argv: Sequence[str] | None, gui: GuiRunner | None) -> int:
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            if gui is None:
                parser.error("no command given (the window is started by `releasedesk`)")
            return gui(args)
        return handler(args)
    except ReleaseDeskError as exc:
        print(f"releasedesk: {_masked(one_line(str(exc)))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("releasedesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `releasedesk plan schedule ... | head`: the reader has gone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no flush error
        return 141
    except Exception as exc:  # a bug: still one line, the traceback only when asked for
        if os.environ.get(ENV_DEBUG):
            raise
        first = _masked(one_line(str(exc)))
        print(
            f"releasedesk: unexpected error ({type(exc).__name__}: {first[:200]}); the "
            f"command stopped. Run with {ENV_DEBUG}=1 for the details and please report it.",
            file=sys.stderr,
        )
        return INTERNAL_ERROR


def _masked(message: str) -> str:
    """``message`` with any URL password shown as ``***`` (a driver may echo the URL)."""
    from app.masking import mask_passwords

    return mask_passwords(message)
