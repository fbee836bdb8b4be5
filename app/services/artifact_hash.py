"""Hashing artifacts: where a local artifact is, and its SHA-256 read in chunks.

An artifact location is either a URL (``https://…``, ``s3://…``) — not ours to read —
or a local file (a plain path or a ``file://`` URL). Files are read in 1 MiB chunks
into one reused buffer (``readinto``): memory stays flat on a multi-gigabyte artifact,
and the hashing (OpenSSL, releasing the GIL) runs at disk-cache speed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlparse

CHUNK = 1 << 20
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")

Progress = Callable[[int], None]
"""Told the number of bytes read so far."""
Cancelled = Callable[[], bool]


class HashCancelled(Exception):
    """Hashing stopped because the caller asked to cancel."""


def is_local(artifact: str) -> bool:
    """Whether ``artifact`` names a local file (a path or a ``file://`` URL)."""
    return bool(artifact) and (artifact.startswith("file://") or not _URL.match(artifact))


def local_path(artifact: str) -> Path:
    """The local file ``artifact`` names (``~`` expanded, ``file://`` decoded)."""
    if artifact.startswith("file://"):
        return Path(unquote(urlparse(artifact).path))
    return Path(artifact).expanduser()


def sha256_of(
    path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> str:
    """The SHA-256 of a file, read in chunks; ``progress`` hears the bytes read so far,
    ``cancelled`` returning True stops it (:class:`HashCancelled`)."""
    digest = hashlib.sha256()
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    done = 0
    with path.open("rb", buffering=0) as f:
        while n := f.readinto(buffer):
            digest.update(view[:n])
            done += n
            if progress is not None:
                progress(done)
            if cancelled is not None and cancelled():
                raise HashCancelled
    return digest.hexdigest()
