"""Reading a plan file from disk: regular files only, and never more than a cap.

A device (``/dev/zero``) or a named pipe would make a plain ``read_bytes()`` block or
never end; a folder or a missing file deserves its own words. Every refusal is an
:class:`ImportFormatError` naming the file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from app.interchange.errors import ImportFormatError
from app.interchange.limits import MAX_PLAN_FILE_BYTES


def read_plan_bytes(path: Path, limit: int = MAX_PLAN_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path``, refused when larger than ``limit``."""
    try:
        # O_NONBLOCK: opening a named pipe with no writer must not wait for one.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ImportFormatError(
            _name(path), "the file cannot be opened: there is no such file"
        ) from None
    except IsADirectoryError:
        raise ImportFormatError(_name(path), "this is a folder, not a plan file") from None
    except OSError as exc:
        raise ImportFormatError(
            _name(path), f"the file cannot be opened ({exc.strerror or exc})"
        ) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise ImportFormatError(_name(path), "this is a folder, not a plan file")
        raise ImportFormatError(
            _name(path),
            "this is not a regular file (a device or a pipe); save the plan "
            "to a file and import that",
        )
    with os.fdopen(fd, "rb") as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise ImportFormatError(
                _name(path), f"the file cannot be read ({exc.strerror or exc})"
            ) from None
    return check_size(data, _name(path), limit)


def check_size(data: bytes, name: str, limit: int = MAX_PLAN_FILE_BYTES) -> bytes:
    """``data`` (read with at most ``limit + 1`` bytes) unless it is over ``limit``."""
    if len(data) > limit:
        raise ImportFormatError(
            name, f"the file is larger than {_size(limit)}, the most a plan file may have"
        )
    return data


def _size(count: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= size:
            return f"{count / size:,.3g} {unit}"
    return f"{count} bytes"


def _name(path: Path) -> str:
    name = path.name
    return name if len(name) <= 80 else name[:79] + "…"
