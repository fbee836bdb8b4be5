"""Progress of a long command on the terminal: one line on stderr, redrawn in place.

Shown only when stderr is a terminal (or ``--progress`` asks for it), so pipes, logs and
scripts that read stdout never see it; the line is redrawn only when the whole percent
changes, so 100,000 updates cost a hundred writes. Asked for on something that is not a
terminal (a CI log), it writes a plain line every ten percent instead.
"""

from __future__ import annotations

import sys
from typing import TextIO


class TerminalProgress:
    """``phase("Writing")`` then ``update(done, total)`` calls; ``finish()`` ends the line."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._tty = self._stream.isatty()
        self.enabled = self._tty if enabled is None else enabled
        self._label = ""
        self._shown: tuple[str, int] | None = None

    def phase(self, label: str) -> None:
        """Start a new phase; shown at once, with its percentage once updates come."""
        self._label = label
        self._draw(f"{label}…", (label, -1))

    def update(self, done: int, total: int) -> None:
        """``done`` of ``total`` units of the current phase are finished."""
        percent = 100 if total <= 0 else min(100, done * 100 // total)
        if not self._tty:
            percent -= percent % 10
        self._draw(f"{self._label}: {done:,} of {total:,} ({percent} %)", (self._label, percent))

    def finish(self) -> None:
        """End the progress line (before the command prints its result)."""
        if self.enabled and self._tty and self._shown is not None:
            self._stream.write("\n")
            self._stream.flush()
        self._shown = None

    def _draw(self, text: str, key: tuple[str, int]) -> None:
        if not self.enabled or key == self._shown:
            return
        self._shown = key
        # on a terminal: back to the line's start and erase it; elsewhere: one line each
        self._stream.write(f"\r\x1b[K{text}" if self._tty else f"{text}\n")
        self._stream.flush()
