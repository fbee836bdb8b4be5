"""Re-hashing artifacts: chunks, progress, cancel, and every failure reported."""

from __future__ import annotations

import hashlib
from pathlib import Path

from app.services import package_service as ps
from app.services.artifact_hash import CHUNK, is_local, local_path, sha256_of
from app.services.package_integrity import Outcome, verify_package
from tests.app.services.builders import World


def test_local_or_url() -> None:
    assert is_local("/srv/a.tgz") and is_local("build/a.tgz") and is_local("file:///srv/a%20b")
    assert local_path("file:///srv/a%20b") == Path("/srv/a b")
    assert not is_local("https://x.example/a") and not is_local("s3://bucket/a")


def test_large_file_hashed_in_chunks_with_progress(tmp_path: Path) -> None:
    data = bytes(range(256)) * (CHUNK // 256 * 3 + 7)  # three chunks and a bit
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    seen: list[int] = []
    assert sha256_of(path, seen.append) == hashlib.sha256(data).hexdigest()
    assert seen[-1] == len(data) and len(seen) == 4


def test_every_failure_is_reported_and_cancel_stops(world: World, tmp_path: Path) -> None:
    ws, rel = world.ws, world.release_id
    good, bad, gone = (tmp_path / n for n in ("good.bin", "bad.bin", "gone.bin"))
    for path in (good, bad, gone):
        path.write_bytes(path.name.encode() * 1000)
    for path in (good, bad, gone):
        ps.add_item(ws, rel, path.stem, "1.0", artifact=str(path))
    ps.add_item(ws, rel, "web", "2.0", artifact="https://artifacts.example/web.tgz")
    bad.write_bytes(b"changed")
    gone.unlink()
    steps: list[tuple[int, int]] = []
    report = verify_package(ws, rel, lambda done, total: steps.append((done, total)))
    outcomes = {c.component: c.outcome for c in report.checks}
    assert outcomes == {
        "bad": Outcome.MISMATCH,
        "gone": Outcome.MISSING,
        "good": Outcome.OK,
        "web": Outcome.REMOTE,
    }
    assert not report.ok and [c.component for c in report.failures] == ["bad", "gone"]
    assert steps[-1] == (7 + 8000, 7 + 8000)
    stopped = verify_package(ws, rel, cancelled=lambda: True)
    assert stopped.cancelled and not stopped.ok and len(stopped.checks) < 4
