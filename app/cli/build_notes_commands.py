"""``releasedesk build-notes import|show``: a release's build notes, by component.

The handlers import services lazily so that ``releasedesk --help`` stays quick.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.actions import add_action, add_group, opened_workspace


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``build-notes import`` and ``build-notes show`` to the command tree."""
    cmds = add_group(sub, "build-notes", "build notes from git, by component")
    imp = add_action(
        cmds,
        common,
        "import",
        _import_notes,
        "record the commits between two git refs as a build of the release",
        "Read the commits reachable from --to but not from --from (hash, "
        "author, date, subject, changed paths) with the git command and record them as "
        "a build of the release, each linked to the configuration item whose component "
        "is a folder of a changed path (or is named in the subject). An unknown ref or a "
        "folder that is not a repository records nothing.",
    )
    imp.add_argument("--repo", type=Path, metavar="PATH", required=True)
    imp.add_argument("--from", dest="since", metavar="REF", required=True)
    imp.add_argument("--to", dest="until", metavar="REF", required=True)
    imp.add_argument("--release", metavar="NAME", required=True)
    show = add_action(
        cmds,
        common,
        "show",
        _show_notes,
        "what the release introduced or modified, by component, with its commits",
    )
    show.add_argument("--release", metavar="NAME", required=True)
    show.add_argument("--json", action="store_true", help="print one JSON object instead")


def _import_notes(args: argparse.Namespace) -> int:
    from app.services.build_notes import import_from_git, release_notes
    from app.services.release_service import find_release
    from app.words import count

    with opened_workspace(args) as ws:
        release = find_release(ws, args.release)
        import_from_git(ws, release.id, args.repo, args.since, args.until)
        notes = release_notes(ws, release.id)
    total = sum(len(v) for v in notes.values())
    print(
        f"Imported {args.since}..{args.until} into {release.title}: "
        f"{count(total, 'note')} over {count(len(notes), 'component')} in all."
    )
    return 0


def _show_notes(args: argparse.Namespace) -> int:
    from app.cli.json_output import write_json
    from app.services.build_notes import release_notes
    from app.services.release_service import find_release

    with opened_workspace(args) as ws:
        release = find_release(ws, args.release)
        notes = release_notes(ws, release.id)
    if args.json:
        write_json(
            {
                "release": release.title,
                "components": [
                    {
                        "component": name or None,
                        "commits": [
                            {
                                "hash": n.reference,
                                "author": n.author,
                                "date": n.committed_at,
                                "subject": n.text,
                                "paths": n.paths.splitlines(),
                            }
                            for n in rows
                        ],
                    }
                    for name, rows in notes.items()
                ],
            }
        )
        return 0
    for name, rows in notes.items():
        print(name or "(no configuration item)")
        for n in rows:
            print(f"  {n.reference[:10]}  {n.author}: {n.text}")
    return 0
