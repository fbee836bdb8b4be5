"""Verifying a package's integrity: re-hash its local artifacts and compare.

Each item whose artifact is a local file is read again (:func:`sha256_of`) and its
hash compared with the recorded one; a missing file, an unreadable one and a mismatch
are all reported, item by item. URL artifacts are listed as not checked (we do not
download them). Reading happens outside any transaction: the items are read first,
then the files, so a long verification never holds the database.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from app.services.artifact_hash import Cancelled, HashCancelled, is_local, local_path, sha256_of
from app.services.package_service import ItemRow, list_items
from app.workspace import Workspace

Progress = Callable[[int, int], None]
"""Told (bytes read so far, bytes to read in all)."""


class Outcome(StrEnum):
    OK = "ok"
    MISMATCH = "mismatch"
    MISSING = "missing"
    UNREADABLE = "unreadable"
    NO_CHECKSUM = "no checksum"
    REMOTE = "not checked (URL)"


FAILED = frozenset({Outcome.MISMATCH, Outcome.MISSING, Outcome.UNREADABLE})


@dataclass(frozen=True)
class ItemCheck:
    """What re-hashing one item's artifact found."""

    component: str
    version: str
    artifact: str
    outcome: Outcome
    detail: str


@dataclass(frozen=True)
class IntegrityReport:
    """The outcome of every item; ``cancelled`` when the user stopped it part-way."""

    checks: tuple[ItemCheck, ...]
    cancelled: bool = False

    @property
    def failures(self) -> tuple[ItemCheck, ...]:
        """Mismatches, missing and unreadable files."""
        return tuple(c for c in self.checks if c.outcome in FAILED)

    @property
    def ok(self) -> bool:
        """True when verification ran to the end and nothing failed."""
        return not self.cancelled and not self.failures


def verify_items(
    items: list[ItemRow], progress: Progress | None = None, cancelled: Cancelled | None = None
) -> IntegrityReport:
    """Re-hash the local artifacts of ``items`` (no database access: safe off the GUI thread)."""
    local = [i for i in items if i.artifact_uri and is_local(i.artifact_uri)]
    sizes = {}
    for item in local:
        path = local_path(item.artifact_uri)
        sizes[item.id] = path.stat().st_size if path.is_file() else 0
    total, before = sum(sizes.values()), 0
    checks: list[ItemCheck] = []
    for item in items:
        if item in local:
            try:
                check = _check_local(item, before, total, progress, cancelled)
            except HashCancelled:
                return IntegrityReport(tuple(checks), cancelled=True)
            before += sizes[item.id]
        elif item.artifact_uri:
            check = _check(item, Outcome.REMOTE, "")
        else:
            check = _check(item, Outcome.MISSING, "no artifact recorded")
        checks.append(check)
    if progress is not None:
        progress(total, total)
    return IntegrityReport(tuple(checks))


def _check(item: ItemRow, outcome: Outcome, detail: str) -> ItemCheck:
    return ItemCheck(item.component, item.version_label, item.artifact_uri, outcome, detail)


def _check_local(
    item: ItemRow, before: int, total: int, progress: Progress | None, cancelled: Cancelled | None
) -> ItemCheck:
    path = local_path(item.artifact_uri)
    if not path.is_file():
        return _check(item, Outcome.MISSING, f"{path} does not exist")
    tell = (lambda done: progress(before + done, total)) if progress else None
    try:
        actual = sha256_of(path, tell, cancelled)
    except OSError as exc:
        return _check(item, Outcome.UNREADABLE, exc.strerror or str(exc))
    if not item.sha256:
        return _check(item, Outcome.NO_CHECKSUM, f"SHA-256 is {actual}")
    if actual != item.sha256:
        return _check(item, Outcome.MISMATCH, f"expected {item.sha256}, found {actual}")
    return _check(item, Outcome.OK, "")


def verify_package(
    ws: Workspace,
    release_id: uuid.UUID,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> IntegrityReport:
    """Re-hash every local artifact of a release's package and report each item."""
    return verify_items(list_items(ws, release_id), progress, cancelled)
