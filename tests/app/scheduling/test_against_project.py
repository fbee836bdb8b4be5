"""Our engine against Microsoft Project's own computed schedules (MSPDI samples).

The files are the shared interop samples (see :mod:`tests.interop_files`: test data
from MPXJ, not shipped; skipped for a newcomer without them, a failure in CI). Dates are
compared as working instants, because Project writes the end of a day as 17:00 or as
08:00 of the next working day.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.scheduling import schedule
from app.scheduling.calendar import WorkingCalendar
from tests.interop_files import mspdi_file


def _load(name: str):
    from app.interchange.mspdi_reader import read_mspdi

    return read_mspdi(mspdi_file(name))


def _comparable(doc):
    for tid, ref in doc.reference.items():
        if ref.manual or ref.summary or ref.percent_complete >= 100 or tid == "0":
            continue
        yield tid, ref


def _ordinal(doc, tid: str):
    plan = doc.plan
    spec = next(t for t in plan.tasks if t.id == tid)
    cal = WorkingCalendar(
        plan.calendars[spec.calendar_id or plan.default_calendar_id], plan.project_start.date()
    )
    return cal.ordinal


@pytest.mark.parametrize("name", ["task-links-project2010-mspdi.xml", "mspdirelations.xml"])
def test_pure_cpm_files_match_project_exactly(name: str):
    doc = _load(name)
    result = schedule(doc.plan)
    checked = 0
    for tid, ref in _comparable(doc):
        mine = result.tasks[tid]
        o = _ordinal(doc, tid)
        for field in ("early_start", "early_finish", "late_start", "late_finish"):
            theirs: dt.datetime | None = getattr(ref, field)
            assert theirs is not None
            assert o(getattr(mine, field)) == o(theirs), (tid, field, getattr(mine, field), theirs)
        assert mine.total_float == round(ref.total_slack_minutes), tid
        assert mine.free_float == round(ref.free_slack_minutes), tid
        assert mine.critical == ref.critical, tid
        checked += 1
    assert checked >= 5


def test_sample_related_tasks_early_dates_match_project():
    doc = _load("sample.xml")
    result = schedule(doc.plan)
    names = {t.id: t.name for t in doc.plan.tasks}
    checked = 0
    for tid, ref in _comparable(doc):
        if not names[tid].startswith("Related Task"):
            continue
        mine = result.tasks[tid]
        o = _ordinal(doc, tid)
        assert o(mine.early_start) == o(ref.early_start), (names[tid], mine.early_start)
        assert o(mine.early_finish) == o(ref.early_finish), (names[tid], mine.early_finish)
        checked += 1
    assert checked == 12
