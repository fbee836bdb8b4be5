"""Build notes: the commits of a build, linked to the release's configuration items.

A commit is linked to the component whose name is a folder of one of the paths it
changed (``checkout-api/src/pay.py`` → ``checkout-api``), else to a component named in
its subject. Consolidated per release: what was introduced or modified, by component,
with each commit as evidence.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.changes import Change
from app.errors import ValidationError
from app.services import _rows, cascade
from app.services.git_log import Commit, commits_between
from app.services.package_manifest import manifest_in, package_id_in
from app.workspace import Workspace
from models import Build, BuildNote, Release
from models.enums import BuildStatus

UNLINKED = ""  # the component of a note no configuration item matches


@dataclass(frozen=True)
class NoteRow:
    """One build note as the consolidation shows it."""

    build: str
    reference: str
    author: str
    committed_at: dt.datetime | None
    text: str
    component: str
    paths: str


def component_of(commit: Commit, components: list[str]) -> str:
    """The configuration item a commit belongs to, by changed path then by subject."""
    return component_named(commit.paths, commit.subject, components)


def component_named(paths: Iterable[str], text: str, components: list[str]) -> str:
    """The component that is a folder of one of ``paths``, else one named in ``text``
    (``components`` longest first, so ``checkout-api`` wins over ``checkout``)."""
    for path in paths:
        folders = path.split("/")[:-1]
        for name in components:
            if name in folders:
                return name
    folded = text.casefold()
    for name in components:
        if name.casefold() in folded:
            return name
    return UNLINKED


def components_of(s: Session, package_id: uuid.UUID | None) -> list[str]:
    """The package's component names, longest first (the most specific name wins)."""
    return sorted({i.component for i in manifest_in(s, package_id).items}, key=len, reverse=True)


def import_from_git(
    ws: Workspace, release_id: uuid.UUID, repo: Path, since: str, until: str
) -> Change:
    """Record a build of the release with one note per commit in ``since..until``.

    A path that is not a repository or an unknown ref: :class:`ValidationError` before
    anything is written. The whole import is one transaction.
    """
    commits = commits_between(repo, since, until)
    if not commits:
        raise ValidationError(f"There are no commits between {since} and {until}.")
    with ws.transaction() as s:
        build, change, components = record_build(
            s,
            release_id,
            number=until,
            vcs_ref=f"{since}..{until}",
            built_at=commits[-1].committed_at,
        )
        for commit in commits:
            s.add(
                BuildNote(
                    build_id=build.id,
                    kind="commit",
                    reference=commit.hash,
                    author=commit.author[:120],
                    text=commit.subject,
                    component=component_of(commit, components),
                    paths="\n".join(commit.paths),
                    committed_at=commit.committed_at,
                )
            )
        s.flush()
        return change


def record_build(
    s: Session, release_id: uuid.UUID, *, number: str, vcs_ref: str, built_at: dt.datetime
) -> tuple[Build, Change, list[str]]:
    """A succeeded build of the release's package (inside the import's transaction),
    its creation change, and the package's components its notes are linked to."""
    release = _rows.require_ref(s, Release, release_id)
    package_id = package_id_in(s, release.id)
    build = Build(
        release_id=release.id,
        package_id=package_id,
        number=number[:60],
        vcs_ref=vcs_ref[:120],
        status=BuildStatus.SUCCEEDED,
        built_at=built_at,
    )
    return build, _rows.create(s, build), components_of(s, package_id)


def release_notes(ws: Workspace, release_id: uuid.UUID) -> dict[str, list[NoteRow]]:
    """What was introduced or modified in the release, by component (unlinked last)."""
    query = (
        _rows.row_select(NoteRow, BuildNote, build=Build.number)
        .join(Build, Build.id == BuildNote.build_id)
        .where(
            Build.release_id == release_id,
            Build.deleted_at.is_(None),
            BuildNote.deleted_at.is_(None),
        )
        .order_by(BuildNote.committed_at, BuildNote.reference)
    )
    by_component: dict[str, list[NoteRow]] = defaultdict(list)
    for note in _rows.fetch(ws, NoteRow, query):
        by_component[note.component].append(note)
    return dict(sorted(by_component.items(), key=lambda kv: (kv[0] == UNLINKED, kv[0])))


def first_commit_at(ws: Workspace, release_id: uuid.UUID) -> dt.datetime | None:
    """When the release's earliest recorded commit was made (lead time starts there)."""
    with ws.reading() as s:
        return s.scalar(
            sa.select(sa.func.min(BuildNote.committed_at))
            .join(Build, Build.id == BuildNote.build_id)
            .where(
                Build.release_id == release_id,
                Build.deleted_at.is_(None),
                BuildNote.deleted_at.is_(None),
            )
        )


_delete_build, _restore_build = cascade.delete_and_restore(Build)


def delete_build(ws: Workspace, build_id: uuid.UUID, expected_version: int | None = None) -> Change:
    """Take an imported build back with its notes (soft: restorable; undo of an import)."""
    return _delete_build(ws, build_id, expected_version)


def restore_build(
    ws: Workspace, build_id: uuid.UUID, expected_version: int | None = None
) -> Change:
    """Bring a build taken back with :func:`delete_build` back, with its notes."""
    return _restore_build(ws, build_id, expected_version)
