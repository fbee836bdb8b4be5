"""The plan table's columns: what each shows of a row, and which are edited how."""

from __future__ import annotations

import dataclasses

from tests.app.charts.gantt_plans import MONDAY, gantt, release_plan
from ui.plan.plan_columns import COLUMNS, KEYS, Edit


def _texts(row, per_day: int = 480) -> dict[str, str]:
    return {c.key: c.text(row, per_day) for c in COLUMNS}


def test_each_column_shows_its_field_as_a_coordinator_reads_it() -> None:
    spec = release_plan()
    later = [
        dataclasses.replace(t, baseline_start=MONDAY, baseline_finish=MONDAY)
        if t.id == "code"
        else t
        for t in spec.tasks
    ]
    plan = gantt(dataclasses.replace(spec, tasks=later))
    code, live = plan.rows[2], plan.rows[4]
    texts = _texts(code)
    assert texts["number"] == "3" and texts["name"] == "Write the code"
    assert texts["duration"] == "5d" and texts["percent"] == "40%"
    assert texts["start"] == "4 Mar 2026 08:00" and texts["total_float"] == "0"
    assert texts["predecessors"] == "2" and texts["constraint"] == ""
    assert texts["variance"].startswith("+")  # later than its baseline
    assert _texts(live)["duration"] == "0" and _texts(live)["variance"] == ""
    assert _texts(code, per_day=240)["duration"] == "10d"  # working days of that calendar


def test_editable_columns_are_edited_their_own_way_and_numbers_align_right() -> None:
    edited = {c.key: c.edit for c in COLUMNS if c.edit is not Edit.NONE}
    assert edited == {
        "name": Edit.NAME,
        "duration": Edit.DURATION,
        "start": Edit.START,
        "finish": Edit.FINISH,
        "percent": Edit.PERCENT,
        "predecessors": Edit.PREDECESSORS,
        "constraint": Edit.CONSTRAINT,
    }
    numeric = {c.key for c in COLUMNS if c.numeric}
    assert numeric == {"number", "duration", "percent", "total_float", "free_float", "variance"}
    assert [KEYS[c.key] for c in COLUMNS] == list(range(len(COLUMNS)))
