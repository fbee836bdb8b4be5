"""Writing an exported file: never over a database, and never half a file.

An export chosen with a slip of the hand (``plan export --release R W.db --db W.db``)
used to replace the open workspace with XML. Now a target that is the open workspace
(or one of its ``-wal``/``-shm``/``-journal`` companions), a SQLite database of any
kind (its first 16 bytes say so), a folder, a device or a pipe is refused before
anything is written; the bytes go to a temporary file in the target's folder, which
replaces the target only once it is complete and on disk, so a failed export (a full
disk, a folder that turned read-only) leaves the previous file as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from app.errors import PlanFileError

SQLITE_HEADER = b"SQLite format 3\x00"
_COMPANIONS = ("", "-wal", "-shm", "-journal")


def write_replacing(
    path: str | os.PathLike[str], data: bytes, protected: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Write ``data`` to ``path`` in one step; refuse the targets named above.

    ``protected`` are database files that must never be written (the open workspace).
    """
    with replacing(path, protected) as out:
        out.write(data)


@contextlib.contextmanager
def replacing(
    path: str | os.PathLike[str], protected: Iterable[str | os.PathLike[str]] = ()
) -> Iterator[BinaryIO]:
    """A file to stream an export into; it becomes ``path`` when the block ends well.

    As :func:`write_replacing`, for an export too large to hold in memory at once.
    """
    shown = Path(path)
    target = Path(os.path.realpath(shown))  # through a link: the link stays a link
    check_export_target(shown, protected)
    temporary: str | None = None
    try:
        fd, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
        )
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())  # on disk before it takes the target's name
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException as exc:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # named for the file the user chose, not ours
            raise PlanFileError(f"Cannot write {shown}: {exc.strerror or exc}.") from exc
        raise


def check_export_target(
    path: str | os.PathLike[str], protected: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Raise :class:`PlanFileError` when ``path`` may not receive an export."""
    shown = Path(path)
    target = Path(os.path.realpath(shown))
    for database in protected:
        real = os.path.realpath(database)
        if any(_same_file(target, Path(real + suffix)) for suffix in _COMPANIONS):
            raise PlanFileError(
                f"Cannot write {shown}: it is the workspace that is open. "
                "Choose another file for the export."
            )
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return  # a new file
    except OSError:
        return  # cannot look: writing will say why, with the same words as any write
    if stat.S_ISDIR(mode):
        raise PlanFileError(f"Cannot write {shown}: it is a folder. Choose a file name.")
    if not stat.S_ISREG(mode):
        raise PlanFileError(f"Cannot write {shown}: it is not a regular file (a device or a pipe).")
    if _is_sqlite(target):
        raise PlanFileError(
            f"Cannot write {shown}: it is a database (perhaps a ReleaseDesk workspace), and "
            "an export never writes over one. Choose another file."
        )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare the names
        return a == b


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False  # unreadable: not something we could tell is a database


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or what a new file gets under the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    # os.umask() can only be read by setting it, which races with other threads (the
    # window exports on a worker); Linux shows it in /proc, elsewhere assume the usual.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022
