"""The kinds of events a calendar file holds.

A module of its own, importing nothing: the command line's parser reads them, and
building it must not load the file formats (tests/test_start_imports.py).
"""

from __future__ import annotations

WINDOW_KINDS = ("freeze", "blackout", "holiday")
"""What an import creates (``calendar_exception`` kinds)."""
ITEM_KINDS = ("release", "deployment", "milestone")
"""Our own events that are not windows (a release's deadline is one of its milestones)."""
EXPORT_KINDS = (*ITEM_KINDS, *WINDOW_KINDS)
"""What ``calendar export --kind`` can choose."""
