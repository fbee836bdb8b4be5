"""``releasedesk build-notes import|show``: a release's build notes, by component.

Notes come from a git repository (the commits between two refs) or from a
Keep-a-Changelog file (the entries of one version, or of a range ``A..B``).

The handlers import services lazily so that ``releasedesk --help`` stays quick.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.actions import add_action, add_group, opened_workspace


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``build-notes import`` and ``build-notes show`` to the command tree."""
    cmds = add_group(sub, "build-notes", "build notes from git or a changelog, by component")
    imp = add_action(
        cmds,
        common,
        "import",
        _import_notes,
        "record a git range or a changelog version as a build of the release",
        "With --repo: read the commits reachable from --to but not from --from (hash, "
        "author, date, subject, changed paths) with the git command. With --changelog: "
        "read the entries of --version (default: the newest released one; A..B for the "
        "versions after A up to B) from a Keep-a-Changelog file. Either way they are "
        "recorded as a build of the release, each note linked to the configuration item "
        "whose component is a folder of a changed path or is named in the text. An "
        "unknown ref or version, or a file that cannot be read, records nothing.",
    )
    source = imp.add_mutually_exclusive_group(required=True)
    source.add_argument("--repo", type=Path, metavar="PATH", help="a git repository")
    source.add_argument(
        "--changelog", type=Path, metavar="FILE", help="a Keep-a-Changelog CHANGELOG.md"
    )
    imp.add_argument("--from", dest="since", metavar="REF", help="with --repo: the older ref")
    imp.add_argument("--to", dest="until", metavar="REF", help="with --repo: the newer ref")
    imp.add_argument("--version", metavar="V", help="with --changelog: a version, or a range A..B")
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


def _source_problem(args: argparse.Namespace) -> str:
    """What is wrong with the options naming where the notes come from ('' if nothing)."""
    if args.repo is not None:
        if args.version is not None:
            return "--version goes with --changelog; a git range takes --from and --to."
        if not args.since or not args.until:
            return "--repo needs --from and --to (the refs whose commits to import)."
    elif args.since is not None or args.until is not None:
        return "--from and --to go with --repo; a changelog takes --version."
    return ""


def _import_notes(args: argparse.Namespace) -> int:
    from app.errors import ValidationError
    from app.services.build_notes import import_from_git, release_notes
    from app.services.changelog_notes import import_from_changelog
    from app.services.release_service import find_release
    from app.words import count

    problem = _source_problem(args)
    if problem:
        raise ValidationError(problem)
    with opened_workspace(args) as ws:
        release = find_release(ws, args.release)
        if args.repo is not None:
            what = f"{args.since}..{args.until}"
            import_from_git(ws, release.id, args.repo, args.since, args.until)
        else:
            done = import_from_changelog(ws, release.id, args.changelog, args.version)
            what = f"{args.changelog.name} {done.versions}"
        notes = release_notes(ws, release.id)
    total = sum(len(v) for v in notes.values())
    print(
        f"Imported {what} into {release.title}: "
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
