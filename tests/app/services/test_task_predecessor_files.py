"""Predecessor text over plans Microsoft Project wrote: what it shows reads back unchanged."""

from __future__ import annotations

import pytest

from app.interchange import read_mspdi
from app.services import release_schedule, task_links, task_rows
from app.services.plan_service import import_plan
from tests.interop_files import mspdi_file


@pytest.mark.parametrize("name", ["task-links-project2010-mspdi.xml", "sample.xml"])
def test_typing_back_the_shown_predecessors_changes_nothing(workspace, name: str) -> None:
    """Every link of Project's file (FS/SS/FF/SF, lags in days and weeks, a lead) is
    shown as text that, set again, writes no link and schedules to the same dates."""
    ws = workspace
    rel = import_plan(ws, read_mspdi(mspdi_file(name)), release_name="Imported").release_id
    before = release_schedule.schedule_release(ws, rel).tasks
    links = {(x.id, x.version) for x in task_rows.list_links(ws, rel)}
    shown = [(r.id, r.version, r.predecessors) for r in task_rows.list_tasks(ws, rel)]
    assert any("SS" in t or "FF" in t or "SF" in t for _i, _v, t in shown)
    assert any("+" in t or "-" in t for _i, _v, t in shown)  # lags come out as text
    for task_id, version, text in shown:
        changes = task_links.set_predecessors_text(ws, task_id, version, text)
        assert [c.entity for c in changes] == ["task"]  # no link written
    assert {(x.id, x.version) for x in task_rows.list_links(ws, rel)} == links
    assert [r.predecessors for r in task_rows.list_tasks(ws, rel)] == [t for *_r, t in shown]
    assert release_schedule.schedule_release(ws, rel).tasks == before


def test_project_weeks_read_as_five_working_days(workspace) -> None:
    ws = workspace
    file = read_mspdi(mspdi_file("task-links-project2010-mspdi.xml"))
    rel = import_plan(ws, file, release_name="Links").release_id
    weeks = [x for x in task_rows.list_links(ws, rel) if x.lag and x.lag % 2400 == 0]
    assert weeks, "the file has lags in weeks (LagFormat 9)"
    for link in weeks:
        text = next(
            r.predecessors for r in task_rows.list_tasks(ws, rel) if r.id == link.successor_id
        )
        assert f"{link.predecessor_row}{link.link_type}{'+' if link.lag > 0 else '-'}" in text
        assert f"{abs(link.lag) / 480:g}d" in text
