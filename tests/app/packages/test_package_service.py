"""A release's package: items, manifest, baseline and deviations."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.errors import ConflictError, ValidationError
from app.services import package_service as ps
from app.services.package_manifest import baselined_manifest_hash, package_manifest
from tests.app.services.builders import World
from tests.conftest import TEST_USER


def test_manifest_is_canonical_whatever_the_order(world: World) -> None:
    ws, rel = world.ws, world.release_id
    ps.add_item(ws, rel, "b", "1.0", domain="Payments", sha256="a" * 64)
    ps.add_item(ws, rel, "a", "2.0", artifact="https://x.example/a.tgz")
    first = package_manifest(ws, rel)
    assert [i.component for i in first.items] == ["a", "b"]  # no domain sorts first
    assert first.hash == hashlib.sha256(first.text.encode()).hexdigest()
    assert first.text.startswith('[{"artifact":"https://x.example/a.tgz","component":"a"')


def test_local_artifact_is_hashed_and_sized(world: World, tmp_path: Path) -> None:
    artifact = tmp_path / "api.tgz"
    artifact.write_bytes(b"payload" * 1000)
    change = ps.add_item(world.ws, world.release_id, "api", "1.0", artifact=str(artifact))
    (item,) = ps.list_items(world.ws, world.release_id)
    assert item.id == change.id
    assert item.sha256 == hashlib.sha256(b"payload" * 1000).hexdigest()
    assert item.size_bytes == 7000
    with pytest.raises(ValidationError, match="does not exist"):
        ps.add_item(world.ws, world.release_id, "web", "1.0", artifact=str(tmp_path / "nope"))
    with pytest.raises(ValidationError, match="not a SHA-256"):
        ps.add_item(world.ws, world.release_id, "web", "1.0", sha256="xyz")


def test_baseline_deviation_and_rebaseline_with_reason(world: World) -> None:
    ws, rel = world.ws, world.release_id
    api = ps.add_item(ws, rel, "api", "1.0")
    assert baselined_manifest_hash(ws, rel) is None
    ps.baseline_package(ws, rel)
    state = ps.package_state(ws, rel)
    current = package_manifest(ws, rel).hash
    assert state.baselined_hash == current == baselined_manifest_hash(ws, rel)
    assert state.baselined_by == TEST_USER and not state.deviates
    ps.update_item(ws, api.id, api.version, version_label="1.1")
    ps.add_item(ws, rel, "web", "2.0", domain="Web")
    state = ps.package_state(ws, rel)
    assert state.deviates
    assert state.deviations == ("api 1.0 → 1.1", "web (Web) 2.0 added")
    with pytest.raises(ValidationError, match="give a reason"):
        ps.baseline_package(ws, rel)
    ps.baseline_package(ws, rel, "hotfix for INC-42")
    state = ps.package_state(ws, rel)
    assert not state.deviates and state.baseline_reason == "hotfix for INC-42"


def test_stale_item_edit_is_refused_and_delete_restores(world: World) -> None:
    ws, rel = world.ws, world.release_id
    api = ps.add_item(ws, rel, "api", "1.0")
    ps.update_item(ws, api.id, api.version, version_label="1.1")
    with pytest.raises(ConflictError):
        ps.update_item(ws, api.id, api.version, version_label="1.2")
    gone = ps.delete_item(ws, api.id)
    assert ps.list_items(ws, rel) == []
    ps.restore_item(ws, api.id, gone.version)
    assert [i.version_label for i in ps.list_items(ws, rel)] == ["1.1"]
