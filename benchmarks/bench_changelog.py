"""Reading a long changelog, and hashing an import's artifacts with progress reporting.

A long-lived product's CHANGELOG.md (2,000 versions × 20 bullets, fixed seed) is parsed
and one version picked, as ``build-notes import --changelog`` does before writing. Then
the two artifacts of an item list (150 MB in all) are hashed by
:func:`~app.services.package_import.hash_artifacts` with a progress callback (what the
window's import runs on its worker), against :func:`sha256_of` alone, to show what
progress reporting costs. Times are CPU time of this process (``process_time``), so a
busy machine does not inflate them. Run: ``.venv/bin/python benchmarks/bench_changelog.py``.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.interchange.changelog import parse_changelog, pick_versions
from app.services.artifact_hash import sha256_of
from app.services.package_import import hash_artifacts

VERSIONS, BULLETS, ROUNDS = 2000, 20, 3
SECTIONS = ("Added", "Changed", "Fixed", "Removed")


def _changelog(rng: random.Random) -> str:
    lines = ["# Changelog", "", "## [Unreleased]", "### Added", "- Work in progress", ""]
    for n in range(VERSIONS, 0, -1):
        lines.append(f"## [{n // 100}.{n % 100}.0] - 2026-{1 + n % 12:02d}-{1 + n % 28:02d}")
        for b in range(BULLETS):
            if b % 5 == 0:
                lines.append(f"### {SECTIONS[b // 5 % 4]}")
            lines.append(
                f"- Change {b} in component-{rng.randrange(40)} ({rng.randbytes(4).hex()})"
            )
        lines.append("")
    return "\n".join(lines)


def _best(run) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    rng = random.Random(15)
    text = _changelog(rng)
    parse = _best(lambda: pick_versions(parse_changelog(text), "10.0.0..12.0.0", "C"))
    rows = []
    rows.append(("parse + pick a range", f"{len(text) / 1e6:.1f} MB", f"{parse * 1000:.0f} ms"))
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for name, size in (("api.tgz", 100), ("web.tgz", 50)):
            path = Path(folder) / name
            path.write_bytes(rng.randbytes(1 << 20) * size)
            files.append(path)
        for f in files:
            sha256_of(f)  # warm the page cache
        items = [{"artifact_uri": str(f), "sha256": ""} for f in files]
        ticks: list[int] = []
        plain = _best(lambda: [sha256_of(f) for f in files])
        told = _best(lambda: hash_artifacts(items, lambda d, _t: ticks.append(d)))
    rows.append(("sha256_of, 2 files", "150 MB", f"{150 / plain:.0f} MB/s"))
    rows.append(("hash_artifacts + progress", "150 MB", f"{150 / told:.0f} MB/s"))
    print(f"{'what':<28}{'size':>10}{'result':>12}")
    for what, size, result in rows:
        print(f"{what:<28}{size:>10}{result:>12}")


if __name__ == "__main__":
    main()
