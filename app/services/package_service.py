"""A release's package: its configuration items, its baseline and its deviations.

Each write is one audited transaction returning a :class:`Change` whose ``warnings``
are the compatibility rules the package breaks after it (checked on every change).
A release's package is made on its first item. Baselining stores the manifest
(:mod:`app.services.package_manifest`) with who, when and why; any later change makes
the current manifest differ from it — a *deviation* — until the package is
re-baselined, which then needs a reason.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app import clock
from app.changes import Change, ChangeAction
from app.errors import ValidationError
from app.services import _rows, cascade
from app.services.artifact_hash import is_local, local_path, sha256_of
from app.services.compatibility import Violation, rules_in, violations
from app.services.package_manifest import (
    Manifest,
    ManifestItem,
    manifest_in,
    package_id_in,
    parse_manifest,
)
from app.workspace import Workspace
from models import ConfigurationItem, Release, ReleasePackage
from models.enums import PackageStatus

EDITABLE = ("component", "version_label", "artifact_uri", "sha256", "size_bytes", "domain")
_HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class ItemRow:
    """One configuration item of a release's package."""

    id: uuid.UUID
    package_id: uuid.UUID
    release_id: uuid.UUID
    domain: str
    component: str
    version_label: str
    artifact_uri: str
    sha256: str
    size_bytes: int | None
    version: int


@dataclass(frozen=True)
class PackageState:
    """A release's package at a glance: baseline, current manifest, deviations, violations."""

    package_id: uuid.UUID | None
    package_version: int | None
    current: Manifest
    baselined_hash: str | None
    baselined_at: Any
    baselined_by: str
    baseline_reason: str
    deviations: tuple[str, ...]
    violations: tuple[Violation, ...]

    @property
    def deviates(self) -> bool:
        """True when the package was baselined and no longer matches its baseline."""
        return self.baselined_hash is not None and self.baselined_hash != self.current.hash


def list_items(ws: Workspace, release_id: uuid.UUID) -> list[ItemRow]:
    """The live items of a release's package, by domain then component."""
    with ws.reading() as s:
        package_id = package_id_in(s, release_id)
        query = (
            _rows.row_select(ItemRow, ConfigurationItem, release_id=ReleasePackage.release_id)
            .join(ReleasePackage, ReleasePackage.id == ConfigurationItem.package_id)
            .where(
                ConfigurationItem.package_id == package_id,
                ConfigurationItem.deleted_at.is_(None),
            )
            .order_by(
                ConfigurationItem.domain,
                ConfigurationItem.component,
                ConfigurationItem.version_label,
            )
        )
        return [ItemRow(*row) for row in s.execute(query).all()]


def normalise_item(values: dict[str, Any], hash_local: bool = True) -> dict[str, Any]:
    """Check and tidy an item's fields; a local artifact without a checksum must exist,
    and is hashed here unless ``hash_local`` is False (the caller hashes it off the GUI
    thread, :func:`~app.services.package_import.hash_artifacts`)."""
    if "component" in values:
        values["component"] = _rows.required_text(values["component"], "component", 160)
    if "version_label" in values:
        values["version_label"] = _rows.required_text(values["version_label"], "version", 60)
    if "domain" in values:
        values["domain"] = _rows.limited_text(values["domain"], "domain", 80)
    if "artifact_uri" in values:
        values["artifact_uri"] = _rows.limited_text(values["artifact_uri"], "artifact", 500)
    if "sha256" in values:
        digest = str(values["sha256"] or "").strip().lower()
        if digest and (len(digest) != 64 or not set(digest) <= _HEX):
            raise ValidationError(f"'{digest}' is not a SHA-256 (64 hexadecimal digits).")
        values["sha256"] = digest
    if values.get("size_bytes") is not None:
        values["size_bytes"] = int(values["size_bytes"])
        if values["size_bytes"] < 0:
            raise ValidationError("An artifact's size cannot be negative.")
    artifact = values.get("artifact_uri", "")
    if artifact and is_local(artifact) and "sha256" in values and not values["sha256"]:
        path = local_path(artifact)
        if not path.is_file():
            raise ValidationError(
                f"The artifact {artifact} does not exist, so it cannot be hashed."
            )
        if hash_local:
            values["sha256"] = sha256_of(path)
            values["size_bytes"] = path.stat().st_size
    return values


def package_in(s: Session, release_id: uuid.UUID) -> ReleasePackage:
    """The release's package, made (named after the release) when it has none yet."""
    package_id = package_id_in(s, release_id)
    if package_id is not None:
        return s.get_one(ReleasePackage, package_id)
    release = _rows.require_ref(s, Release, release_id)
    package = ReleasePackage(release_id=release.id, name=f"{release.title} package")
    s.add(package)
    s.flush()
    return package


def warned(s: Session, change: Change, package_id: uuid.UUID) -> Change:
    """``change`` carrying, as warnings, the rules the package breaks now."""
    broken = violations(rules_in(s), manifest_in(s, package_id).items)
    return Change(
        change.entity,
        change.action,
        change.ids,
        change.versions,
        tuple(v.sentence for v in broken),
    )


def add_item(
    ws: Workspace,
    release_id: uuid.UUID,
    component: str,
    version: str,
    *,
    artifact: str = "",
    sha256: str = "",
    size: int | None = None,
    domain: str = "",
) -> Change:
    """Add a configuration item to a release's package (made on the first item)."""
    values = normalise_item(
        {
            "component": component,
            "version_label": version,
            "artifact_uri": artifact,
            "sha256": sha256,
            "size_bytes": size,
            "domain": domain,
        }
    )
    with ws.transaction() as s:
        package = package_in(s, release_id)
        change = _rows.create(s, ConfigurationItem(package_id=package.id, **values))
        return warned(s, change, package.id)


def update_item(
    ws: Workspace, item_id: uuid.UUID, expected_version: int | None, **values: Any
) -> Change:
    """Change fields of an item read at ``expected_version`` (stale: ConflictError)."""
    _rows.check_fields(ConfigurationItem, values, EDITABLE)
    values = normalise_item(dict(values))
    with ws.transaction() as s:
        item = _rows.load_live(s, ConfigurationItem, item_id)
        _rows.check_version(item, expected_version, values)
        for key, value in values.items():
            setattr(item, key, value)
        return warned(s, _rows.changed(s, item, ChangeAction.UPDATED), item.package_id)


_delete_item, _restore_item = cascade.delete_and_restore(ConfigurationItem)


def delete_item(ws: Workspace, item_id: uuid.UUID, expected_version: int | None = None) -> Change:
    """Remove an item from its package (soft: restorable)."""
    return _delete_item(ws, item_id, expected_version)


def restore_item(ws: Workspace, item_id: uuid.UUID, expected_version: int | None = None) -> Change:
    """Bring a removed item back."""
    return _restore_item(ws, item_id, expected_version)


def baseline_package(
    ws: Workspace, release_id: uuid.UUID, reason: str = "", expected_version: int | None = None
) -> Change:
    """Baseline the release's package on its current manifest, with who, when and why.

    Re-baselining a package that deviates from its baseline needs a ``reason``.
    """
    with ws.transaction() as s:
        package = baseline_in(s, ws.user, release_id, reason, expected_version)
        return warned(s, _rows.changed(s, package, ChangeAction.UPDATED), package.id)


def baseline_in(
    s: Session, user: str, release_id: uuid.UUID, reason: str, expected_version: int | None
) -> ReleasePackage:
    """Inside an open session: baseline the release's package (see :func:`baseline_package`)."""
    reason = str(reason or "").strip()
    package = package_in(s, release_id)
    _rows.check_version(package, expected_version, {"baseline_reason": reason})
    manifest = manifest_in(s, package.id)
    if package.manifest_hash and package.manifest_hash != manifest.hash and not reason:
        raise ValidationError(
            "The package deviates from its baseline: give a reason to re-baseline it."
        )
    package.manifest_hash = manifest.hash
    package.baseline_manifest = manifest.text
    package.baselined_at = clock.now()
    package.baselined_by = user
    package.baseline_reason = reason
    package.status = PackageStatus.BASELINED
    return package


def deviations(baseline: Manifest, current: Manifest) -> list[str]:
    """What changed since the baseline, one sentence per component added, removed or changed."""

    def keyed(m: Manifest) -> dict[tuple[str, str], list[ManifestItem]]:
        out: dict[tuple[str, str], list[ManifestItem]] = {}
        for item in m.items:
            out.setdefault((item.domain, item.component), []).append(item)
        return out

    before, after = keyed(baseline), keyed(current)
    found: list[str] = []
    for key in sorted(before.keys() | after.keys()):
        name = f"{key[1]} ({key[0]})" if key[0] else key[1]
        was, now = before.get(key), after.get(key)
        if was is None and now is not None:
            found.append(f"{name} {', '.join(i.version for i in now)} added")
        elif now is None and was is not None:
            found.append(f"{name} {', '.join(i.version for i in was)} removed")
        elif was != now and was is not None and now is not None:
            old = ", ".join(i.version for i in was)
            new = ", ".join(i.version for i in now)
            what = f"{old} → {new}" if old != new else f"{new}: artifact or checksum changed"
            found.append(f"{name} {what}")
    return found


def package_state(ws: Workspace, release_id: uuid.UUID) -> PackageState:
    """The release's package: current manifest, baseline, deviations and rule violations."""
    with ws.reading() as s:
        package_id = package_id_in(s, release_id)
        current = manifest_in(s, package_id)
        broken = tuple(violations(rules_in(s), current.items))
        package = s.get(ReleasePackage, package_id) if package_id else None
        if package is None or not package.manifest_hash:
            return PackageState(
                package_id,
                package.version if package else None,
                current,
                None,
                None,
                "",
                "",
                (),
                broken,
            )
        changed = (
            deviations(parse_manifest(package.baseline_manifest), current)
            if package.manifest_hash != current.hash
            else []
        )
        if package.manifest_hash != current.hash and not changed:
            changed = ["the items differ from the baseline"]
        return PackageState(
            package.id,
            package.version,
            current,
            package.manifest_hash,
            package.baselined_at,
            package.baselined_by,
            package.baseline_reason,
            tuple(changed),
            broken,
        )


def violations_of(s: Session, release_id: uuid.UUID) -> list[Violation]:
    """The rules a release's package breaks, inside an open session (the Approved gate)."""
    return violations(rules_in(s), manifest_in(s, package_id_in(s, release_id)).items)
