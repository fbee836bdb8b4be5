"""ReleaseDesk: ``python main.py`` does what the ``releasedesk`` command does."""

from __future__ import annotations

import argparse
import sys


def _run_gui(args: argparse.Namespace) -> int:
    # Imported here so that headless commands never load Qt.
    from ui.application import run_gui

    return run_gui(args.db, user=args.user, save_password=args.save_password)


def main() -> None:
    """Entry point of the ``releasedesk`` command."""
    from app.cli import main as cli_main

    sys.exit(cli_main(sys.argv[1:], gui=_run_gui))


if __name__ == "__main__":
    main()
