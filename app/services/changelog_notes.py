"""Build notes from a changelog file: the entries of one version (or a range) as a build.

Each bullet becomes a note of the build, linked to the configuration item it names
(:func:`~app.services.build_notes.component_named`), its commit hash (when the bullet
gives one) as the note's reference and its section (``Added``…) leading its text. The
file is read and the version found before anything is written; the build and its notes
are one transaction, so an error records nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from app.changes import Change
from app.errors import ValidationError
from app.interchange.changelog import Version, pick_versions, read_changelog
from app.services.build_notes import component_named, record_build
from app.workspace import Workspace
from models import BuildNote


def _noon(day: dt.date | None) -> dt.datetime | None:
    # A changelog gives a day, not a moment: noon UTC keeps it on that day in any zone
    # a coordinator is likely to sit in.
    return dt.datetime.combine(day, dt.time(12)) if day is not None else None


def _label(versions: list[Version]) -> str:
    if len(versions) == 1:
        return versions[0].name
    return f"{versions[0].name}..{versions[-1].name}"


@dataclass(frozen=True)
class ChangelogImport:
    """The build an import created, and which versions it took (``1.4.0``, ``1.2.1..1.4.0``)."""

    change: Change
    versions: str


def import_from_changelog(
    ws: Workspace, release_id: uuid.UUID, path: Path, version: str | None = None
) -> ChangelogImport:
    """Record a build of the release with one note per entry of ``version`` in the
    changelog at ``path`` (None: its newest released version; ``A..B`` a range).

    An unreadable or malformed file, an unknown version or one without entries:
    :class:`ValidationError`, nothing written.
    """
    path = Path(path)
    versions = pick_versions(read_changelog(path), version, path.name)
    entries = [(v, e) for v in versions for e in v.entries]
    if not entries:
        raise ValidationError(f"{path.name}: version {_label(versions)} lists no changes.")
    with ws.transaction() as s:
        build, change, components = record_build(
            s,
            release_id,
            number=versions[-1].name,
            vcs_ref=f"{path.name} {_label(versions)}",
            built_at=_noon(versions[-1].released),
        )
        for v, entry in entries:
            text = f"{entry.section}: {entry.text}" if entry.section else entry.text
            s.add(
                BuildNote(
                    build_id=build.id,
                    kind="changelog",
                    reference=entry.commit,
                    text=text,
                    component=component_named((), entry.text, components),
                    committed_at=_noon(v.released),
                )
            )
        s.flush()
        return ChangelogImport(change, _label(versions))
