"""Damaged plan files: imported and scheduled, or refused whole, never a crash.

Hypothesis mutates the shared Microsoft Project and GanttProject samples
(``../shared/interop``, see :mod:`tests.interop_files`) with the edits of
:mod:`tests.app.interchange.plan_mutations`. Every mutated file must either import
and schedule, or be refused with :class:`ImportFormatError` (or one of the documented
domain errors: a :class:`ValidationError` for a plan the workspace cannot take, a
:class:`PlanNotSchedulableError` for one the engine cannot schedule), and a refused
import must leave the workspace exactly as it was.

With ``CI`` set the examples are derandomised (the same every run). For a long local
hunt: ``RELEASEDESK_FUZZ_EXAMPLES=3000 pytest tests/app/interchange/test_import_fuzz.py``.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import PlanNotSchedulableError, ValidationError
from app.interchange import GanDocument, ImportFormatError, MspdiDocument, read_gan, read_mspdi
from app.services.plan_service import import_plan
from app.services.release_schedule import schedule_release
from app.workspace import Workspace
from models import Base
from tests.app.interchange.plan_mutations import Mutation, mutate, mutations
from tests.interop_files import GAN_DIR, MSPDI_DIR, gan_file, mspdi_file

EXAMPLES = int(os.environ.get("RELEASEDESK_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=os.environ.get("CI", "").lower() in {"1", "true", "yes"},
    database=None,  # nothing written next to the sources; failures print their example
    deadline=None,  # a PostgreSQL round trip is not a performance test
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_names = itertools.count()
Reader = Callable[..., MspdiDocument | GanDocument]


def _samples(folder: Path, pattern: str, fallback: Path) -> dict[str, bytes]:
    """The shared samples by file name (a failing example names its file)."""
    paths = sorted(folder.glob(pattern)) if folder.is_dir() else []
    return {p.name: p.read_bytes() for p in paths or [fallback]}


def _row_counts(ws: Workspace) -> dict[str, int]:
    with ws.engine.connect() as conn:
        return {
            t.name: conn.scalar(sa.select(sa.func.count()).select_from(t))
            for t in Base.metadata.sorted_tables
        }


def _import_then_schedule(ws: Workspace, data: bytes, reader: Reader) -> str:
    """What became of the file: "scheduled", or which documented refusal."""
    try:
        document = reader(data, name="mutated")
    except ImportFormatError:
        return "refused by the reader"
    before = _row_counts(ws)
    try:
        result = import_plan(ws, document, release_name=f"Fuzz {next(_names)}")
    except ValidationError:
        assert _row_counts(ws) == before, "a refused import left rows behind"
        return "refused by the import"
    if not result.tasks:
        with pytest.raises(ValidationError, match="nothing to schedule"):
            schedule_release(ws, result.release_id)
        return "imported without tasks"
    try:
        schedule_release(ws, result.release_id)
    except PlanNotSchedulableError:
        return "not schedulable"
    return "scheduled"


@pytest.mark.parametrize("fmt", ["mspdi", "gan"])
def test_mutated_plans_import_and_schedule_or_are_refused_whole(
    workspace: Workspace, fmt: str
) -> None:
    if fmt == "mspdi":
        samples, reader = _samples(MSPDI_DIR, "*.xml", mspdi_file("sample.xml")), read_mspdi
    else:
        samples, reader = _samples(GAN_DIR, "*.gan", gan_file("HouseBuildingSample.gan")), read_gan

    @FUZZ
    @given(sample=st.sampled_from(sorted(samples)), edits=mutations())
    def check(sample: str, edits: list[Mutation]) -> None:
        _import_then_schedule(workspace, mutate(samples[sample], edits), reader)

    check()


def test_unchanged_samples_import_and_schedule(sqlite_workspace: Workspace) -> None:
    """The fuzzer's starting points are sound, so its refusals come from the edits."""
    mspdi = _samples(MSPDI_DIR, "*.xml", mspdi_file("sample.xml"))
    gan = _samples(GAN_DIR, "*.gan", gan_file("HouseBuildingSample.gan"))
    outcomes = [_import_then_schedule(sqlite_workspace, d, read_mspdi) for d in mspdi.values()]
    outcomes += [_import_then_schedule(sqlite_workspace, d, read_gan) for d in gan.values()]
    # A sample that holds only calendars imports without tasks; every other schedules.
    assert set(outcomes) <= {"scheduled", "imported without tasks"}
    assert outcomes.count("scheduled") >= len(outcomes) - 1
