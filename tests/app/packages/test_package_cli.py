"""``releasedesk package``: import, baseline, verify and show, through argument parsing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.cli import main
from app.services import package_service as ps
from app.services.package_manifest import package_manifest
from app.workspace import Workspace
from tests.app.services.builders import World


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(world: World) -> str:
    return world.ws.url.render_as_string(hide_password=False)


def test_import_baseline_verify_and_mismatch(world: World, db: str, tmp_path: Path, capsys) -> None:
    (tmp_path / "api.tgz").write_bytes(b"api build 7")
    listing = tmp_path / "items.csv"
    listing.write_text(
        "component,version,artifact,domain\n"
        "api,1.4.0,api.tgz,Payments\n"
        "web,2.0.0,https://artifacts.example/web.tgz,Web\n"
    )
    code, out, err = run(
        capsys, "package", "import", "--db", db, "--release", "Checkout", str(listing)
    )
    assert (code, err) == (0, "")
    assert out == "Imported 2 items into the package of 'Checkout 1.0'.\n"
    code, out, _ = run(capsys, "package", "baseline", "--db", db, "--release", "Checkout")
    assert (code, out.strip()) == (0, package_manifest(world.ws, world.release_id).hash)
    code, out, _ = run(capsys, "package", "verify", "--db", db, "--release", "Checkout")
    assert code == 0
    assert out.splitlines()[0] == "OK       api 1.4.0"
    assert out.splitlines()[-1] == "Checkout 1.0: 2 items checked, all local artifacts match."
    (tmp_path / "api.tgz").write_bytes(b"tampered")
    code, out, _ = run(capsys, "package", "verify", "--db", db, "--release", "Checkout")
    expected = hashlib.sha256(b"api build 7").hexdigest()
    assert code == 1
    assert f"MISMATCH api 1.4.0: expected {expected}" in out


def test_missing_file_fails_verify_and_rebaseline_needs_reason(
    world: World, db: str, tmp_path: Path, capsys
) -> None:
    artifact = tmp_path / "api.tgz"
    artifact.write_bytes(b"x")
    ps.add_item(world.ws, world.release_id, "api", "1.0", artifact=str(artifact))
    run(capsys, "package", "baseline", "--db", db, "--release", "Checkout")
    artifact.unlink()
    code, out, _ = run(capsys, "package", "verify", "--db", db, "--release", "Checkout")
    assert code == 1 and "MISSING  api 1.0" in out
    ps.add_item(world.ws, world.release_id, "web", "2.0")
    code, _, err = run(capsys, "package", "baseline", "--db", db, "--release", "Checkout")
    assert (code, err.strip()) == (
        2,
        "releasedesk: The package deviates from its baseline: give a reason to re-baseline it.",
    )
    code, out, _ = run(
        capsys, "package", "baseline", "--db", db, "--release", "Checkout", "--reason", "CAB-7"
    )
    assert code == 0 and len(out.strip()) == 64
    code, out, _ = run(capsys, "package", "show", "--db", db, "--release", "Checkout")
    assert code == 0 and "  [-] web 2.0 " in out


def test_bad_row_names_its_line_and_imports_nothing(
    world: World, db: str, tmp_path: Path, capsys
) -> None:
    listing = tmp_path / "items.json"
    listing.write_text(
        '[{"component": "api", "version": "1", "artifact": ""},'
        ' {"component": "", "version": "2", "artifact": ""}]'
    )
    code, out, err = run(
        capsys, "package", "import", "--db", db, "--release", "Checkout", str(listing)
    )
    assert (code, out) == (2, "")
    assert err.strip() == "releasedesk: items.json item 2: The component cannot be empty."
    assert ps.list_items(world.ws, world.release_id) == []


def test_unknown_release_is_one_line(workspace: Workspace, capsys) -> None:
    db = workspace.url.render_as_string(hide_password=False)
    code, _, err = run(capsys, "package", "verify", "--db", db, "--release", "Nope")
    assert (code, err.strip()) == (4, "releasedesk: No release named 'Nope'.")
