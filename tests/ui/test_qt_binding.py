"""The installed Qt binding keeps Python's reference counts intact.

PySide6 6.12.0 drops a reference to ``None`` on every call of a method returning void;
on Python 3.11, where ``None`` is not immortal, the application dies with
"none_dealloc" after a few thousand calls. pyproject.toml excludes that release; this
test fails if a broken binding is installed anyway.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_calls_do_not_leak_references_to_none(qapp) -> None:
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(500):
        qapp.processEvents()
        obj.setObjectName("probe")
    assert abs(sys.getrefcount(None) - before) < 50
