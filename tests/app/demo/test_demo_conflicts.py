"""The demo's calendar shows realistic conflicts in the quarter ahead, at any anchor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.conflicts.conflict import ConflictKind
from app.demo import create_demo_workspace
from app.services.conflict_service import conflicts_between
from app.workspace import Workspace
from tests.app.demo.conftest import ANCHORS

QUARTER = dt.timedelta(days=91)


@pytest.fixture(scope="module", params=ANCHORS, ids=lambda a: f"{a:%Y-%m-%d}")
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Workspace, dt.datetime]]:
    path: Path = tmp_path_factory.mktemp("demo") / "demo.db"
    ws = create_demo_workspace(path, anchor=request.param)
    yield ws, request.param.replace(tzinfo=dt.UTC)
    ws.close()


def test_the_quarter_ahead_shows_a_staging_clash_and_a_double_booking(
    demo: tuple[Workspace, dt.datetime],
) -> None:
    ws, anchor = demo
    found = conflicts_between(ws, anchor, anchor + QUARTER)
    overlap = [c for c in found if c.kind is ConflictKind.ENVIRONMENT_OVERLAP]
    assert [c.items[0].environment_name for c in overlap] == ["Staging"]
    assert (
        len({c.items[0].domain_id for c in overlap} | {c.items[1].domain_id for c in overlap}) == 2
    )
    [booked] = [c for c in found if c.kind is ConflictKind.DOUBLE_BOOKING]
    assert booked.sentence.startswith("Tom Becker is assigned to two deployments at once")
    assert overlap[0].fix is not None and booked.fix is not None


def test_a_production_deployment_falls_in_the_next_year_end_freeze(
    demo: tuple[Workspace, dt.datetime],
) -> None:
    ws, anchor = demo
    found = conflicts_between(ws, anchor, anchor + dt.timedelta(days=400))
    frozen = [
        c
        for c in found
        if c.kind is ConflictKind.FREEZE and c.items[0].environment_name == "Production"
    ]
    assert len(frozen) == 1
    assert "'Year-end change freeze'" in frozen[0].sentence
    if anchor.month in (11, 12):  # the freeze is in the quarter ahead
        assert frozen[0] in conflicts_between(ws, anchor, anchor + QUARTER)
