"""The demo at several anchors, built once for the package's tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from app.demo import create_demo_workspace
from app.workspace import Workspace

ANCHOR = dt.datetime(2026, 11, 23, 8, 0)
# The demo keeps its promises at any anchor: a plain week, the year-end freeze, a plan
# across 29 February, a quarter end.
ANCHORS = (
    ANCHOR,
    dt.datetime(2026, 12, 14, 8, 0),
    dt.datetime(2027, 6, 28, 8, 0),
    dt.datetime(2028, 1, 10, 8, 0),
)


@pytest.fixture(scope="package", params=ANCHORS, ids=lambda a: f"{a:%Y-%m-%d}")
def anchor(request: pytest.FixtureRequest) -> dt.datetime:
    return request.param


@pytest.fixture(scope="package")
def demo(anchor: dt.datetime, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    ws = create_demo_workspace(tmp_path_factory.mktemp("demo") / "demo.db", anchor=anchor)
    yield ws
    ws.close()
