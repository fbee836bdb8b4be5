"""``releasedesk package``: a release's package from a pipeline.

``package import`` adds configuration items from a CSV or JSON list (all or nothing),
``package baseline`` stores the current manifest and prints its hash, ``package
verify`` re-hashes local artifacts and exits 1 on any mismatch or missing file,
``package show`` lists the items, the baseline, deviations and broken rules.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from app.cli.actions import add_action, add_group, opened_workspace
from app.words import count

MISMATCH = 1  # exit code of `package verify` when an artifact fails (see the README's table)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``package ACTION`` to the command tree."""
    cmds = add_group(sub, "package", "a release's package: items, baseline, integrity")
    imp = _action(
        cmds,
        common,
        "import",
        _import,
        "add configuration items from a CSV or JSON list",
        "Add the items of FILE (.csv with a header row, or .json: a list of objects) to the "
        "release's package. Columns/keys: component, version, artifact and optionally "
        "sha256, domain. A local artifact without sha256 is hashed. A bad row is reported "
        "with its line and nothing is imported.",
    )
    imp.add_argument("file", metavar="FILE.csv|json")
    base = _action(
        cmds,
        common,
        "baseline",
        _baseline,
        "baseline the package and print its manifest hash",
        "Store the package's manifest (canonical JSON of its items) with who and when, and "
        "print its SHA-256. Re-baselining a package that deviates needs --reason.",
    )
    base.add_argument("--reason", default="", metavar="TEXT", help="why (needed to re-baseline)")
    _action(
        cmds,
        common,
        "verify",
        _verify,
        "re-hash local artifacts; exit 1 on any mismatch",
        "Read every local artifact of the package again and compare its SHA-256 with the "
        "recorded one. Prints one line per item; exits 1 when a file is missing, "
        "unreadable or does not match.",
    )
    _action(
        cmds,
        common,
        "show",
        _show,
        "the package's items, baseline, deviations and broken rules",
        "List the package's configuration items by domain, its baseline and current "
        "manifest hash, what deviates from the baseline and which compatibility rules fail.",
    )


def _action(
    cmds: argparse._SubParsersAction,
    common: argparse.ArgumentParser,
    name: str,
    handler: Callable[[argparse.Namespace], int],
    help_text: str,
    description: str,
) -> argparse.ArgumentParser:
    """A package action: every one names its release."""
    parser = add_action(cmds, common, name, handler, help_text, description)
    parser.add_argument("--release", metavar="NAME", required=True)
    return parser


def _import(args: argparse.Namespace) -> int:
    from app.services.package_import import import_items
    from app.services.plan_service import resolve_release

    with opened_workspace(args) as ws:
        release_id, title = resolve_release(ws, args.release)
        change = import_items(ws, release_id, Path(args.file))
    print(f"Imported {count(len(change.ids), 'item')} into the package of '{title}'.")
    for warning in change.warnings:
        print(f"  warning: {warning}")
    return 0


def _baseline(args: argparse.Namespace) -> int:
    from app.services.package_manifest import baselined_manifest_hash
    from app.services.package_service import baseline_package
    from app.services.plan_service import resolve_release

    with opened_workspace(args) as ws:
        release_id, _title = resolve_release(ws, args.release)
        change = baseline_package(ws, release_id, args.reason)
        print(baselined_manifest_hash(ws, release_id))
    for warning in change.warnings:
        print(f"warning: {warning}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from app.services.package_integrity import verify_package
    from app.services.plan_service import resolve_release

    with opened_workspace(args) as ws:
        release_id, title = resolve_release(ws, args.release)
        report = verify_package(ws, release_id)
    for check in report.checks:
        detail = f": {check.detail}" if check.detail else ""
        print(f"{check.outcome.value.upper():<8} {check.component} {check.version}{detail}")
    bad = report.failures
    verdict = f"{count(len(bad), 'item')} failed" if bad else "all local artifacts match"
    print(f"{title}: {count(len(report.checks), 'item')} checked, {verdict}.")
    return MISMATCH if bad else 0


def _show(args: argparse.Namespace) -> int:
    from app import clock
    from app.dates_text import moment
    from app.services.package_service import list_items, package_state
    from app.services.plan_service import resolve_release

    with opened_workspace(args) as ws:
        release_id, title = resolve_release(ws, args.release)
        items = list_items(ws, release_id)
        state = package_state(ws, release_id)
    print(f"Package of '{title}': {count(len(items), 'item')}, manifest {state.current.hash}")
    for item in items:
        where = item.domain or "-"
        print(f"  [{where}] {item.component} {item.version_label} {item.artifact_uri}")
    if state.baselined_hash:
        when = moment(clock.to_local(state.baselined_at))
        print(f"Baselined {when} by {state.baselined_by}: {state.baselined_hash}")
    for deviation in state.deviations:
        print(f"  deviation: {deviation}")
    for violation in state.violations:
        print(f"  {violation.sentence}")
    return 0
