"""A release package's manifest: the canonical JSON of its items and that text's SHA-256.

The manifest is what a baseline fingerprints and what a deployment carries: two
packages with the same items (in any order, entered in any way) have the same hash;
any change to a component, version, artifact, checksum, size or domain changes it.

Canonical form: one object per item with sorted keys, items sorted by domain,
component, version and artifact, JSON without spaces, UTF-8.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import asdict, dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.workspace import Workspace
from models import ConfigurationItem, ReleasePackage


@dataclass(frozen=True, order=True)
class ManifestItem:
    """One configuration item as the manifest records it (field order = sort order)."""

    domain: str
    component: str
    version: str
    artifact: str
    sha256: str
    size: int | None


@dataclass(frozen=True)
class Manifest:
    """A package's items in canonical order and the SHA-256 of their canonical JSON."""

    hash: str
    items: tuple[ManifestItem, ...]

    @property
    def text(self) -> str:
        """The canonical JSON the hash is computed from."""
        return canonical_json(self.items)


def canonical_json(items: tuple[ManifestItem, ...] | list[ManifestItem]) -> str:
    """The canonical JSON text of ``items`` (sorted; keys sorted; no spaces)."""
    rows = [asdict(item) for item in sorted(items)]
    return json.dumps(rows, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def manifest_of(items: list[ManifestItem] | tuple[ManifestItem, ...]) -> Manifest:
    """The manifest of ``items``: sorted, with the hash of their canonical JSON."""
    ordered = tuple(sorted(items))
    digest = hashlib.sha256(canonical_json(ordered).encode()).hexdigest()
    return Manifest(digest, ordered)


def parse_manifest(text: str) -> Manifest:
    """A stored canonical JSON text back as a manifest (empty text: no items)."""
    rows = json.loads(text) if text else []
    return manifest_of([ManifestItem(**row) for row in rows])


def package_id_in(s: Session, release_id: uuid.UUID) -> uuid.UUID | None:
    """The release's package (its oldest live one), if it has one."""
    return s.scalar(
        sa.select(ReleasePackage.id)
        .where(ReleasePackage.release_id == release_id, ReleasePackage.deleted_at.is_(None))
        .order_by(ReleasePackage.created_at, ReleasePackage.id)
        .limit(1)
    )


def manifest_in(s: Session, package_id: uuid.UUID | None) -> Manifest:
    """The current manifest of a package (no package: the empty manifest)."""
    if package_id is None:
        return manifest_of([])
    rows = s.execute(
        sa.select(
            ConfigurationItem.domain,
            ConfigurationItem.component,
            ConfigurationItem.version_label,
            ConfigurationItem.artifact_uri,
            ConfigurationItem.sha256,
            ConfigurationItem.size_bytes,
        ).where(ConfigurationItem.package_id == package_id, ConfigurationItem.deleted_at.is_(None))
    ).all()
    return manifest_of([ManifestItem(*row) for row in rows])


def package_manifest(ws: Workspace, release_id: uuid.UUID) -> Manifest:
    """The current manifest of a release's package (what a deployment of it now carries)."""
    with ws.reading() as s:
        return manifest_in(s, package_id_in(s, release_id))


def baselined_manifest_hash(ws: Workspace, release_id: uuid.UUID) -> str | None:
    """The manifest hash the release's package was last baselined with (None: never)."""
    with ws.reading() as s:
        package_id = package_id_in(s, release_id)
        if package_id is None:
            return None
        return s.scalar(
            sa.select(ReleasePackage.manifest_hash).where(ReleasePackage.id == package_id)
        )
