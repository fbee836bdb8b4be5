"""Undo and redo of a package import and a baseline, and hashing an import's artifacts
with progress and cancel (what the window runs on a worker thread)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.errors import ConflictError
from app.services import package_service as ps
from app.services.artifact_hash import HashCancelled
from app.services.package_import import add_items, prepare_items
from app.services.package_undo import baseline_step, put_baseline, reinstate_items, withdraw_items
from tests.app.services.builders import World, audit_count


def items_list(tmp_path: Path) -> Path:
    (tmp_path / "api.tgz").write_bytes(b"a" * 3_000_000)
    (tmp_path / "web.tgz").write_bytes(b"w" * 1_000_000)
    listing = tmp_path / "items.csv"
    listing.write_text(
        "component,version,artifact\napi,1.0,api.tgz\nweb,2.0,web.tgz\nlib,3.0,https://x/l\n"
    )
    return listing


def names(world: World) -> list[str]:
    return [i.component for i in ps.list_items(world.ws, world.release_id)]


def test_prepared_items_are_hashed_with_progress_over_all_files(tmp_path: Path) -> None:
    heard: list[tuple[int, int]] = []
    values = prepare_items(items_list(tmp_path), lambda d, t: heard.append((d, t)))
    assert [v["sha256"] for v in values] == [
        hashlib.sha256(b"a" * 3_000_000).hexdigest(),
        hashlib.sha256(b"w" * 1_000_000).hexdigest(),
        "",
    ]
    assert [v.get("size_bytes") for v in values] == [3_000_000, 1_000_000, None]
    assert heard[-1] == (4_000_000, 4_000_000)
    assert [d for d, _t in heard] == sorted(d for d, _t in heard)


def test_a_cancelled_preparation_stops_before_anything_is_written(
    world: World, tmp_path: Path
) -> None:
    before = audit_count(world.ws)
    with pytest.raises(HashCancelled):
        prepare_items(items_list(tmp_path), cancelled=lambda: True)
    assert audit_count(world.ws) == before and names(world) == []


def test_undo_of_an_import_removes_exactly_the_imported_items(world: World, tmp_path: Path) -> None:
    ps.add_item(world.ws, world.release_id, "kept", "0.1")
    change = add_items(world.ws, world.release_id, prepare_items(items_list(tmp_path)))
    assert names(world) == ["api", "kept", "lib", "web"]
    expected = dict(zip(change.ids, change.versions, strict=True))
    gone = withdraw_items(world.ws, change.ids, expected)
    assert names(world) == ["kept"]
    back = reinstate_items(world.ws, change.ids, dict(zip(gone.ids, gone.versions, strict=True)))
    assert names(world) == ["api", "kept", "lib", "web"]
    api = next(i for i in ps.list_items(world.ws, world.release_id) if i.component == "api")
    ps.update_item(world.ws, api.id, api.version, version_label="1.1")  # a colleague edits
    with pytest.raises(ConflictError):
        withdraw_items(world.ws, back.ids, dict(zip(back.ids, back.versions, strict=True)))
    assert names(world) == ["api", "kept", "lib", "web"]


def test_undo_of_a_baseline_restores_the_previous_one(world: World) -> None:
    ws, rel = world.ws, world.release_id
    ps.add_item(ws, rel, "api", "1.0")
    first = baseline_step(ws, rel)
    assert not first.before.manifest_hash and first.after.manifest_hash
    ps.add_item(ws, rel, "web", "2.0")
    second = baseline_step(ws, rel, "web joins")
    assert ps.package_state(ws, rel).baseline_reason == "web joins"
    undone = put_baseline(ws, second.package_id, second.before, second.change.version)
    state = ps.package_state(ws, rel)
    assert state.baselined_hash == first.after.manifest_hash and state.deviates
    assert state.baselined_at == first.after.baselined_at and state.baseline_reason == ""
    put_baseline(ws, second.package_id, second.after, undone.version)
    state = ps.package_state(ws, rel)
    assert (state.baselined_hash, state.baseline_reason) == (
        second.after.manifest_hash,
        "web joins",
    )
    assert not state.deviates
    with pytest.raises(ConflictError):
        put_baseline(ws, first.package_id, first.before, first.change.version)  # stale
