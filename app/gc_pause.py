"""Pause Python's cyclic garbage collector around bulk work.

Reading, compiling or scheduling a 100,000-task portfolio allocates a few hundred
thousand tuples, lists and dataclasses that hold no reference cycles. Each allocation
burst triggers the cyclic collector, which then rescans the whole heap (the plan
included) over and over; on a plan of that size this costs as much as the work itself
(measured: building the plan 1.2 s with the collector, 0.7 s without). Reference
counting still frees everything; the collector runs again when the block ends.

The collector is one switch for the whole process, and these blocks run on worker
threads (the window schedules and loads plans off the GUI thread), often two at once.
So the pauses are counted under a lock: the first block to start turns the collector
off, the last one to end turns it back on (only if it was on before the first), and a
block that ends early never re-enables it under another that is still running.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Pauses:
    """How many blocks hold the collector paused, and whether to turn it back on."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.restore = False


_pauses = _Pauses()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector for the block (nesting and threads are fine); also a
    decorator."""
    with _pauses.lock:
        if _pauses.depth == 0:
            _pauses.restore = gc.isenabled()
            gc.disable()
        _pauses.depth += 1
    try:
        yield
    finally:
        with _pauses.lock:
            _pauses.depth -= 1
            if _pauses.depth == 0 and _pauses.restore:
                gc.enable()
