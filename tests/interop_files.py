"""Locate the real files written by Microsoft Project and GanttProject (test data only).

They live outside the repository, in the sibling folder ``../shared/interop`` (see its
README), or where ``RELEASEDESK_INTEROP`` points (``.ci/run`` sets it for a clean clone,
which finds them beside the repository it was cloned from). Tests that need them call
:func:`interop_file`. Without the folder a newcomer's run skips them, all under one
line of the summary; in CI (``CI=true``) the data is part of the set-up, so a missing
file fails the test instead of hiding it — unless the runner declared that it has no
samples (``RELEASEDESK_INTEROP`` set empty), which skips them with one line.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
INTEROP_DIR = Path(
    os.environ.get("RELEASEDESK_INTEROP") or REPO_ROOT.parent / "shared" / "interop"
)
MSPDI_DIR = INTEROP_DIR / "mspdi"
GAN_DIR = INTEROP_DIR / "gan"


def interop_file(*parts: str) -> Path:
    """Path of a shared interop file, e.g. ``interop_file("mspdi", "sample.xml")``.

    Skips the calling test when the file is not there; fails it in CI.
    """
    path = INTEROP_DIR.joinpath(*parts)
    if path.is_file():
        return path
    if not INTEROP_DIR.is_dir():  # the same words for every test: one summary line
        missing = f"{INTEROP_DIR} is missing (the shared samples, next to the repository)"
    else:
        missing = f"{path} is missing from the shared samples"
    if in_ci() and os.environ.get("RELEASEDESK_INTEROP") != "":
        pytest.fail(f"Interop test data: {missing}; CI must provide it.", pytrace=False)
    pytest.skip(f"interop test data: {missing}")


def in_ci() -> bool:
    """True on a CI runner (``CI=true``, as GitHub Actions, GitLab and most others set)."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def mspdi_file(name: str) -> Path:
    """A Microsoft Project XML sample from ``../shared/interop/mspdi``."""
    return interop_file("mspdi", name)


def gan_file(name: str) -> Path:
    """A GanttProject sample from ``../shared/interop/gan``."""
    return interop_file("gan", name)
