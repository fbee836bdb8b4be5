"""The process's local time zone, set for a block or a test (``$TZ`` + ``time.tzset``)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

# East of UTC with the European DST change, and the far side of the world (CI's zone).
FAR_APART = ("Europe/Berlin", "Pacific/Auckland")


@contextmanager
def local_zone(name: str) -> Iterator[None]:
    """The process's local time zone is ``name`` for the block."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.fixture(params=FAR_APART)
def far_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each test runs in Berlin and in Auckland; the zone's name."""
    with local_zone(request.param):
        yield request.param
