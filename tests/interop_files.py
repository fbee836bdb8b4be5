"""Locate the real files written by Microsoft Project and GanttProject (test data only).

They live outside the repository, in the sibling folder ``../shared/interop`` (see its
README). Tests that need them call :func:`interop_file` (or use the
``interop_dir`` fixture pattern below) and are skipped with a clear reason when the
folder is absent, e.g. on a CI runner without the shared data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
INTEROP_DIR = REPO_ROOT.parent / "shared" / "interop"
MSPDI_DIR = INTEROP_DIR / "mspdi"
GAN_DIR = INTEROP_DIR / "gan"


def interop_file(*parts: str) -> Path:
    """Path of a shared interop file, e.g. ``interop_file("mspdi", "sample.xml")``.

    Skips the calling test when the file is not there.
    """
    path = INTEROP_DIR.joinpath(*parts)
    if not path.is_file():
        pytest.skip(
            f"interop test data not found at {path} (expected the sibling folder "
            "../shared/interop next to the repository)"
        )
    return path


def mspdi_file(name: str) -> Path:
    """A Microsoft Project XML sample from ``../shared/interop/mspdi``."""
    return interop_file("mspdi", name)


def gan_file(name: str) -> Path:
    """A GanttProject sample from ``../shared/interop/gan``."""
    return interop_file("gan", name)
