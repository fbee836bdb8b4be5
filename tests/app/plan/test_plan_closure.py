"""Loading a release reads its tasks and everything upstream with set-based selects.

The closure rules (``app.services.plan_closure``): predecessors through links across
releases, every descendant of a predecessor that is a summary, the summary tasks above
every loaded task and their predecessors; nothing downstream, nothing unrelated. The
number of statements does not grow with the release (it used to: one ``IN`` list per
500 ids, ~600 queries for 100,000 tasks).
"""

from __future__ import annotations

import datetime as dt
import uuid
from itertools import pairwise

import sqlalchemy as sa

from app.services.plan_loader import load_plan
from app.workspace import Workspace
from models import Release, Task, TaskLink
from models.bulk_audit import insert_audited

START = dt.datetime(2027, 1, 4, 8, 0)


def _release(ws: Workspace, name: str) -> uuid.UUID:
    rid = uuid.uuid4()
    with ws.transaction() as s:
        insert_audited(s, Release, [{
            "id": rid, "name": name, "version_label": "1.0", "release_type": "minor",
            "status": "planned", "planned_start": START, "description": "",
        }])
    return rid


def _tasks(ws: Workspace, release: uuid.UUID, names: dict[str, str | None],
           ids: dict[str, uuid.UUID]) -> None:
    """Tasks ``name -> parent name`` (parents listed before their children)."""
    rows = []
    for position, (name, parent) in enumerate(names.items()):
        ids[name] = uuid.uuid4()
        rows.append({
            "id": ids[name], "release_id": release, "parent_id": ids.get(parent),
            "position": position, "wbs": "", "name": name, "duration_minutes": 480,
            "duration_elapsed": False, "milestone": False, "is_deployment": False,
            "constraint_type": "ASAP", "percent_complete": 0.0, "notes": "",
        })
    with ws.transaction() as s:
        insert_audited(s, Task, rows)


def _links(ws: Workspace, pairs: list[tuple[uuid.UUID, uuid.UUID]]) -> None:
    rows = [
        {"id": uuid.uuid4(), "predecessor_id": p, "successor_id": s, "link_type": "FS",
         "lag": 0.0, "lag_unit": "working"}
        for p, s in pairs
    ]
    with ws.transaction() as s:
        insert_audited(s, TaskLink, rows)


def test_a_release_loads_exactly_its_upstream_closure(workspace: Workspace) -> None:
    ws, ids = workspace, {}
    a, b, c = (_release(ws, name) for name in ("Alpha", "Beta", "Gamma"))
    _tasks(ws, c, {"c1": None, "c-unrelated": None}, ids)
    _tasks(ws, a, {
        "a0": None, "a-phase": None, "a1": "a-phase", "a2": "a-phase",
        "a-sub": "a-phase", "a3": "a-sub",  # a grandchild of a predecessor: needed too
        "a-top": None, "a4": "a-top", "a5": None, "a-other": None, "a-down": None,
    }, ids)
    _tasks(ws, b, {"b1": None, "b2": "a-top"}, ids)  # b2's summary is in Alpha
    _links(ws, [(ids[p], ids[s]) for p, s in (
        ("a-phase", "b1"),  # a summary predecessor: its children come too
        ("a0", "a1"), ("c1", "a0"),  # upstream of those, transitively, across releases
        ("a5", "a-top"),  # a predecessor of a summary loaded for its child b2
        ("a-other", "a4"),  # a4 is a child of a summary loaded only as a parent: left out
        ("b1", "a-down"),  # downstream: left out
    )])
    loaded = load_plan(ws, [b])
    names = {t.name for t in loaded.plan.tasks}
    assert names == {
        "b1", "b2", "a-phase", "a1", "a2", "a-sub", "a3", "a0", "c1", "a-top", "a5",
    }
    by_id = {t.id: t.name for t in loaded.plan.tasks}
    assert sorted((by_id[x.predecessor_id], by_id[x.successor_id]) for x in loaded.plan.links) == [
        ("a-phase", "b1"), ("a0", "a1"), ("a5", "a-top"), ("c1", "a0"),
    ]
    assert {by_id[i] for i in loaded.context_task_ids} == names - {"b1", "b2"}
    assert set(loaded.release_names) == {str(a), str(b), str(c)}


def _statements(ws: Workspace, release: uuid.UUID) -> int:
    count = 0

    def counted(*_args: object) -> None:
        nonlocal count
        count += 1

    sa.event.listen(ws.engine, "before_cursor_execute", counted)
    try:
        load_plan(ws, [release])
    finally:
        sa.event.remove(ws.engine, "before_cursor_execute", counted)
    return count


def test_loading_a_release_takes_as_many_statements_at_any_size(workspace: Workspace) -> None:
    ws, ids = workspace, {}
    upstream = _release(ws, "Upstream")
    _tasks(ws, upstream, {"u1": None, "u2": None}, ids)
    sizes = {}
    for size in (20, 3_000):
        rid = _release(ws, f"Size {size}")
        names = [f"{size}-{i}" for i in range(size)]
        _tasks(ws, rid, dict.fromkeys(names), ids)
        chain = [(ids[p], ids[s]) for p, s in pairwise(names)]
        _links(ws, [(ids["u1"], ids[names[0]]), *chain])
        sizes[size] = _statements(ws, rid)
        assert len(load_plan(ws, [rid]).plan.tasks) == size + 1
    assert sizes[3_000] == sizes[20] <= 12
